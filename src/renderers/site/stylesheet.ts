/**
 * @module renderers/site/stylesheet
 * The site's one stylesheet: a newspaper page (serif headlines, rules between sections, columns
 * on wide screens) that reflows down to 360 px, follows the reader's colour scheme (both schemes
 * meet WCAG AA contrast) and prints black on white with link addresses shown. Kept in a module,
 * not a .css file, so the build output carries it without a copy step.
 */

export const STYLESHEET = `:root {
  color-scheme: light dark;
  --paper: #fbf9f4;
  --ink: #1b1b1b;
  --muted: #595650;
  --accent: #9b1c1c;
  --rule: #1b1b1b;
  --rule-soft: #d3ccbc;
  --panel: #f2eee3;
  --warn-bg: #fff0c2;
  --warn-ink: #3d2e00;
  --serif: Georgia, "Times New Roman", Times, serif;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
@media (prefers-color-scheme: dark) {
  :root {
    --paper: #16140f;
    --ink: #ece7dc;
    --muted: #b7afa0;
    --accent: #f2a69b;
    --rule: #ece7dc;
    --rule-soft: #4a453b;
    --panel: #221f18;
    --warn-bg: #3b3114;
    --warn-ink: #f8ecc4;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0 auto;
  max-width: 82rem;
  padding: 0 1rem 2rem;
  background: var(--paper);
  color: var(--ink);
  font: 1.0625rem/1.6 var(--serif);
  overflow-wrap: anywhere;
}
a { color: var(--accent); text-underline-offset: 0.15em; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
h1, h2, h3 { font-family: var(--serif); line-height: 1.2; margin: 0 0 0.5rem; }
p { margin: 0 0 0.9rem; }
ul, ol { padding-left: 1.25rem; }
time { white-space: nowrap; }
code { font-size: 0.9em; }
svg { max-width: 100%; }
.visually-hidden {
  position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0;
}
.skip-link { position: absolute; left: 1rem; top: -3rem; background: var(--ink); color: var(--paper); padding: 0.5rem 1rem; z-index: 10; }
.skip-link:focus { top: 0.5rem; }

/* Masthead */
.masthead { text-align: center; padding-top: 1rem; border-bottom: 4px double var(--rule); }
.edition-line {
  display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0.25rem 1rem;
  border-bottom: 1px solid var(--rule); padding-bottom: 0.35rem; margin: 0;
  font: 600 0.8rem/1.4 var(--sans); text-transform: uppercase; letter-spacing: 0.06em;
}
.draft-marker { background: var(--warn-bg); color: var(--warn-ink); padding: 0 0.5rem; border: 1px solid currentColor; }
.paper-name { font: 700 clamp(2.1rem, 8.5vw, 4.75rem)/1.05 var(--serif); margin: 0.6rem 0 0.3rem; letter-spacing: -0.01em; }
.paper-name a { color: inherit; text-decoration: none; }
.tagline { font: italic 1rem/1.4 var(--serif); color: var(--muted); margin: 0 0 0.6rem; }
.site-nav ul {
  list-style: none; margin: 0; padding: 0.4rem 0; display: flex; flex-wrap: wrap; justify-content: center;
  gap: 0.25rem 1.4rem; border-top: 1px solid var(--rule); font: 600 0.85rem/1.6 var(--sans); text-transform: uppercase; letter-spacing: 0.05em;
}
.site-nav a { color: var(--ink); text-decoration: none; }
.site-nav a:hover, .site-nav a[aria-current="page"] { text-decoration: underline; text-decoration-thickness: 2px; }
.banner, .notice { margin: 1rem 0 0; padding: 0.75rem 1rem; font: 0.95rem/1.5 var(--sans); }
.banner { background: var(--warn-bg); color: var(--warn-ink); border: 2px solid var(--warn-ink); }
.notice { border-left: 4px solid var(--accent); background: var(--panel); }
.banner p, .notice p { margin: 0; }

/* The edition */
.edition { display: grid; grid-template-columns: minmax(0, 1fr); column-gap: 2.25rem; }
.edition > section, .edition > .lead, .subscribe, .edition-nav, .edition-colophon, .page > section, .archive-month {
  min-width: 0; border-top: 3px double var(--rule); padding-top: 0.75rem; margin-top: 1.75rem;
}
.edition > .lead { border-top: 0; margin-top: 1.25rem; }
.section-label {
  font: 800 0.95rem/1.3 var(--sans); text-transform: uppercase; letter-spacing: 0.08em; margin-bottom: 0.75rem;
}
.minor-heading, .group-title { font: 700 0.85rem/1.3 var(--sans); text-transform: uppercase; letter-spacing: 0.06em; margin: 1rem 0 0.5rem; }
.kicker { font: 700 0.75rem/1.3 var(--sans); text-transform: uppercase; letter-spacing: 0.08em; color: var(--accent); margin: 0 0 0.25rem; }
.meta, .item-meta, .stats, .tile-change, .tile-note, .spark-caption, .cell-note, .form-note {
  font: 0.85rem/1.45 var(--sans); color: var(--muted);
}
.lead h1 { font-size: clamp(1.85rem, 5.5vw, 3.3rem); font-weight: 700; margin-bottom: 0.75rem; }
.standfirst { font-size: 1.2rem; line-height: 1.45; font-style: italic; color: var(--muted); }
.drop-cap > p:first-child::first-letter { float: left; font-size: 3.4em; line-height: 0.85; padding: 0.05em 0.08em 0 0; font-weight: 700; }
.previously { border-top: 1px solid var(--rule-soft); margin-top: 1rem; }
.previously ul { margin: 0; }
.piece-title { font-size: clamp(1.4rem, 3.6vw, 2rem); }
.opinion-piece + .opinion-piece { border-top: 1px solid var(--rule-soft); padding-top: 1rem; margin-top: 1rem; }
.signoff { font-style: italic; color: var(--muted); }
.section-intro { font-style: italic; }

/* Metrics */
.tiles { list-style: none; padding: 0; margin: 0 0 1rem; display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 11rem), 1fr)); gap: 1rem; }
.tile { min-width: 0; border-top: 2px solid var(--rule); padding-top: 0.4rem; }
.tile p { margin: 0 0 0.2rem; }
.tile-value { font: 700 2rem/1.1 var(--serif); }
.tile-label { font: 600 0.9rem/1.35 var(--sans); }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 19rem), 1fr)); gap: 1.25rem 2rem; }
.figure { margin: 1rem 0; min-width: 0; }
.figure figcaption { font: 700 0.85rem/1.35 var(--sans); margin-bottom: 0.4rem; }
.chart { display: block; width: 100%; height: auto; max-width: 34rem; }
.chart text { fill: var(--ink); font-family: var(--sans); }
.chart .bar { fill: var(--accent); }
.chart .bar-previous { fill: var(--muted); opacity: 1; }

/* Lists */
.cards { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 15rem), 1fr)); gap: 1rem 1.5rem; }
.tool { min-width: 0; border-top: 1px solid var(--rule); padding-top: 0.5rem; }
.item-name { font: 700 1.05rem/1.3 var(--serif); margin: 0 0 0.2rem; }
.trend-groups { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 18rem), 1fr)); gap: 0 2rem; }
.trend-group { min-width: 0; }
.trend-models .items { column-gap: 2rem; }
.items { list-style: none; padding: 0; margin: 0; }
.item { display: grid; grid-template-columns: 2rem minmax(0, 1fr); gap: 0.5rem; padding: 0.5rem 0; border-bottom: 1px solid var(--rule-soft); }
.item p { margin: 0 0 0.15rem; }
.rank { font: 700 1.3rem/1.2 var(--serif); color: var(--muted); text-align: right; }
.blurb { font-size: 0.95rem; }
.mover-list { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 16rem), 1fr)); gap: 1rem 1.5rem; }
.mover { min-width: 0; border-top: 1px solid var(--rule); padding-top: 0.5rem; }
.mover p { margin-bottom: 0.3rem; }
.badge { font: 700 0.8rem/1.4 var(--sans); text-transform: uppercase; letter-spacing: 0.04em; }
.badge-up, .badge-new { color: var(--accent); }
.sparkline { display: block; color: var(--accent); margin: 0.25rem 0; }
.reading-list { padding-left: 1.5rem; }
.reading-list li { margin-bottom: 0.75rem; }
.reading-list p { margin: 0; }
.also { font-size: 0.95rem; }

/* Subscribe */
.subscribe { background: var(--panel); padding: 1rem; }
.subscribe-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr)); gap: 1rem 2rem; }
.subscribe-grid > * { min-width: 0; }
.subscribe-form label { display: block; font: 700 0.9rem/1.4 var(--sans); margin-bottom: 0.3rem; }
.form-row { display: flex; flex-wrap: wrap; gap: 0.5rem; }
.form-row input {
  flex: 1 1 12rem; min-width: 0; font: 1rem/1.4 var(--sans); padding: 0.55rem 0.6rem;
  border: 2px solid var(--ink); background: var(--paper); color: var(--ink); border-radius: 0;
}
.form-row button {
  flex: 0 0 auto; font: 700 1rem/1.4 var(--sans); padding: 0.55rem 1.1rem; border: 2px solid var(--ink);
  background: var(--ink); color: var(--paper); cursor: pointer; border-radius: 0;
}
.form-note { margin-top: 0.5rem; }
.manage-form fieldset { border: 1px solid var(--rule); margin: 1rem 0; padding: 0.5rem 1rem 1rem; min-width: 0; }
.manage-form legend { font: 700 1rem/1.4 var(--sans); padding: 0 0.3rem; }
.manage-form .choices { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 12rem), 1fr)); gap: 0.2rem 1rem; }
.manage-form .choice { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 0.5rem; margin: 0.4rem 0; }
.manage-form .choice input { width: 1.1rem; height: 1.1rem; margin: 0; accent-color: var(--accent); }
.manage-form .choice label { font: 1rem/1.4 var(--sans); }
.manage-form .choice .form-note { flex-basis: 100%; margin: 0 0 0 1.6rem; }
.qr { margin: 0.5rem 0 0; }
.qr a { display: inline-block; background: #fff; padding: 0.4rem; line-height: 0; }
.qr-code { width: 9rem; height: 9rem; display: block; }
.qr figcaption { font: 0.85rem/1.4 var(--sans); }
.feeds ul { padding-left: 1.1rem; margin: 0; }

/* Previous / next, archive, footer */
.edition-nav ul { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 18rem), 1fr)); gap: 1rem; }
.edition-nav li { min-width: 0; }
.edition-nav .next { text-align: right; }
.edition-nav a { text-decoration: none; color: var(--ink); display: block; }
.edition-nav a:hover .nav-title { text-decoration: underline; }
.nav-dir { display: block; font: 700 0.8rem/1.4 var(--sans); text-transform: uppercase; letter-spacing: 0.06em; color: var(--accent); }
.nav-title { display: block; font: 700 1.1rem/1.3 var(--serif); }
.page { max-width: 46rem; margin: 1.5rem auto 0; }
.page h1 { font-size: clamp(1.9rem, 5vw, 2.8rem); }
.archive-list { list-style: none; padding: 0; margin: 0; }
.archive-entry { padding: 0.5rem 0 0.75rem; border-bottom: 1px solid var(--rule-soft); }
.archive-entry p { margin: 0 0 0.25rem; }
.archive-headline { font-size: 1.3rem; margin: 0.1rem 0 0.3rem; }
.marker { font: 700 0.75rem/1.4 var(--sans); text-transform: uppercase; letter-spacing: 0.05em; border: 1px solid currentColor; padding: 0 0.35rem; margin-left: 0.35rem; color: var(--ink); }
.source-list dt { font-weight: 700; margin-top: 0.6rem; }
.source-list dd { margin: 0 0 0.3rem; }
.site-footer { margin-top: 2rem; border-top: 4px double var(--rule); font: 0.9rem/1.5 var(--sans); }
.site-footer > .edition-colophon { border-top: 0; margin-top: 0; }
.table-wrap { overflow-x: auto; }
.sources { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
.sources caption { text-align: left; font-weight: 700; padding-bottom: 0.3rem; }
.sources th, .sources td { text-align: left; vertical-align: top; padding: 0.35rem 0.6rem 0.35rem 0; border-bottom: 1px solid var(--rule-soft); }
.cell-note { display: block; }
.writers { padding-left: 1.1rem; }
.footer-links ul { list-style: none; padding: 0.75rem 0 0; margin: 0; display: flex; flex-wrap: wrap; gap: 0.3rem 1.25rem; border-top: 1px solid var(--rule-soft); }
.colophon { color: var(--muted); margin-top: 0.75rem; }

/* Subject pages (models, repositories, papers, authors) and the most-mentioned index */
.subject-head { padding-bottom: 0.25rem; }
.subject-head h1 { overflow-wrap: anywhere; margin-bottom: 0.4rem; }
.upstream-line { font: 0.95rem/1.5 var(--sans); }
.subject-section { border-top: 1px solid var(--rule); margin-top: 1.5rem; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 13rem), 1fr)); gap: 0.5rem 1.5rem; margin: 0; }
.facts div { min-width: 0; border-top: 1px solid var(--rule-soft); padding-top: 0.3rem; }
.facts dt { font: 700 0.8rem/1.3 var(--sans); text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); }
.facts dd { margin: 0.15rem 0 0; overflow-wrap: anywhere; }
.history-charts .figure { margin: 1rem 0 1.5rem; }
.history-chart { max-width: none; }
.history-chart .axis { stroke: var(--rule-soft); stroke-width: 1; }
.history-chart .line { fill: none; stroke: var(--accent); stroke-width: 2; stroke-linejoin: round; stroke-linecap: round; }
.history-chart .line-dot { fill: var(--accent); }
.chart-summary { font: 0.9rem/1.45 var(--sans); color: var(--muted); margin: 0.3rem 0; }
.chart-data summary { font: 0.85rem/1.4 var(--sans); cursor: pointer; }
.chart-data table { border-collapse: collapse; font: 0.85rem/1.4 var(--sans); margin: 0.4rem 0; }
.chart-data th, .chart-data td { text-align: left; padding: 0.15rem 1rem 0.15rem 0; border-bottom: 1px solid var(--rule-soft); }
.mentions, .most-mentioned { padding-left: 0; list-style: none; margin: 0; }
.mentions li, .most-mentioned li { padding: 0.4rem 0; border-bottom: 1px solid var(--rule-soft); }
.mentions p { margin: 0 0 0.15rem; }
.mention-headline { font: 700 1.05rem/1.3 var(--serif); }
.subject-links, .releases { padding-left: 1.1rem; }
.subject-links li, .releases li { margin-bottom: 0.3rem; overflow-wrap: anywhere; }
.upstream { font: 0.85rem/1.4 var(--sans); }

/* Search: the masthead's box and the search page */
.site-search { display: flex; justify-content: center; gap: 0.4rem; padding: 0.45rem 0 0.6rem; border-top: 1px solid var(--rule); }
.site-search input {
  flex: 0 1 20rem; min-width: 0; font: 0.95rem/1.4 var(--sans); padding: 0.35rem 0.5rem;
  border: 1px solid var(--ink); background: var(--paper); color: var(--ink); border-radius: 0;
}
.site-search button {
  flex: 0 0 auto; font: 700 0.8rem/1.4 var(--sans); padding: 0.35rem 0.8rem; border: 1px solid var(--ink);
  background: var(--ink); color: var(--paper); cursor: pointer; border-radius: 0; text-transform: uppercase; letter-spacing: 0.05em;
}
.site-search input::placeholder, .search-form input::placeholder { color: var(--muted); opacity: 1; }
.search-form label { display: block; font: 700 0.9rem/1.4 var(--sans); margin-bottom: 0.3rem; }
.search-form .search-type { margin-top: 0.75rem; }
.search-form select {
  font: 1rem/1.4 var(--sans); padding: 0.45rem 0.5rem; border: 2px solid var(--ink);
  background: var(--paper); color: var(--ink); border-radius: 0; max-width: 100%;
}
.search-count { font: 0.95rem/1.5 var(--sans); color: var(--muted); margin: 1.25rem 0 0.5rem; }
.search-results { list-style: none; padding: 0; margin: 0; border-top: 1px solid var(--rule); }
.search-hit { padding: 0.65rem 0 0.8rem; border-bottom: 1px solid var(--rule-soft); }
.search-hit h2 { font-size: 1.25rem; margin: 0.15rem 0 0.3rem; overflow-wrap: anywhere; }
.hit-meta { font: 600 0.78rem/1.4 var(--sans); text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); margin: 0; }
.hit-snippet { margin: 0; overflow-wrap: anywhere; }
mark { background: var(--warn-bg); color: var(--warn-ink); padding: 0 0.08em; }
.search-pages ul { list-style: none; padding: 0; margin: 1rem 0 0; display: flex; flex-wrap: wrap; justify-content: space-between; gap: 1rem; font: 700 1rem/1.4 var(--sans); }
@media print { .site-search, .search-form, .search-pages { display: none; } }

@media (min-width: 48rem) {
  .lead-body { columns: 2 20rem; column-gap: 2.25rem; column-rule: 1px solid var(--rule-soft); }
  .deep-dive .columns { columns: 2 18rem; column-gap: 2rem; column-rule: 1px solid var(--rule-soft); }
}
@media (min-width: 64rem) {
  .edition { grid-template-columns: repeat(3, minmax(0, 1fr)); }
  .edition > section, .edition > .lead { grid-column: 1 / -1; }
  .edition > .deep-dive, .edition > .movers { grid-column: 1 / 3; }
  .edition > .opinion, .edition > .reading { grid-column: 3; border-left: 1px solid var(--rule-soft); padding-left: 1.5rem; margin-left: -1rem; }
  .deep-dive .columns { columns: 2 16rem; }
  .trend-groups { grid-template-columns: repeat(4, minmax(0, 1fr)); align-items: start; }
  .trend-models { grid-column: span 2; grid-row: span 2; }
  .trend-models .items { columns: 2; }
  .trend-models .item { break-inside: avoid; }
  .lead-body { columns: 3 16rem; }
}
@media print {
  :root { --paper: #fff; --ink: #000; --muted: #333; --accent: #000; --rule: #000; --rule-soft: #999; --panel: #fff; --warn-bg: #fff; --warn-ink: #000; }
  body { max-width: none; padding: 0; font-size: 11pt; background: #fff; color: #000; }
  .site-nav, .skip-link, .subscribe-form, .edition-nav, .qr, .footer-links { display: none; }
  a { color: #000; text-decoration: underline; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; overflow-wrap: anywhere; }
  .edition { display: block; }
  .figure, .tile, .mover, .tool { break-inside: avoid; }
  .edition > .opinion, .edition > .reading { border-left: 0; padding-left: 0; margin-left: 0; }
  .banner { border: 2px solid #000; }
}
`;
