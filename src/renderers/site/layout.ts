/**
 * @module renderers/site/layout
 * The document around every page: head (description, canonical URL, Open Graph and Twitter
 * cards, feed discovery, the one stylesheet), skip link, masthead, main and footer. No script
 * and no inline style anywhere: the server's CSP allows neither.
 */
import { absolute, local, type Page } from './context.js';
import { html, type Markup } from './html.js';
import { PAPER_NAME } from './masthead.js';

export interface DocumentOptions {
  title: string;
  description: string;
  /** Root-relative path of the page's canonical URL. */
  canonicalPath: string;
  ogType: 'article' | 'website';
  publishedAt?: string | null;
  noindex?: boolean;
  header: Markup;
  /** Between the header and main: notices that belong to the whole page. */
  notices?: Markup;
  main: Markup;
  footer?: Markup;
}

const FEEDS = [
  ['application/rss+xml', 'RSS', '/feed.xml'],
  ['application/atom+xml', 'Atom', '/atom.xml'],
  ['application/feed+json', 'JSON Feed', '/feed.json'],
] as const;

/** Search snippets and cards cut long descriptions anyway; keep ours whole-word and short. */
function summary(text: string): string {
  const chars = [...text.trim()];
  if (chars.length <= 300) return text.trim();
  const cut = chars.slice(0, 297).join('');
  const space = cut.lastIndexOf(' ');
  return `${space > 200 ? cut.slice(0, space) : cut}…`;
}

export function documentPage(page: Page, options: DocumentOptions): string {
  const { site } = page;
  const canonical = absolute(site, options.canonicalPath);
  const description = summary(options.description);
  const published =
    options.ogType === 'article' && options.publishedAt
      ? html`<meta property="article:published_time" content="${options.publishedAt}">`
      : '';
  const doc = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<meta name="description" content="${description}">
<link rel="canonical" href="${canonical}">
${options.noindex ? html`<meta name="robots" content="noindex">` : ''}<meta name="color-scheme" content="light dark">
<link rel="icon" href="data:,">
<meta property="og:site_name" content="${PAPER_NAME}">
<meta property="og:type" content="${options.ogType}">
<meta property="og:title" content="${options.title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${canonical}">
${published}<meta name="twitter:card" content="summary">
<meta name="twitter:title" content="${options.title}">
<meta name="twitter:description" content="${description}">
${FEEDS.map(([type, name, path]) => html`<link rel="alternate" type="${type}" title="${PAPER_NAME} (${name})" href="${absolute(site, path)}">\n`)}<link rel="stylesheet" href="${page.assets.stylesheetHref}">
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
${options.header}
${options.notices ?? ''}<main id="main">
${options.main}
</main>
<footer class="site-footer">
${options.footer ?? ''}<nav class="footer-links" aria-label="About the Post"><ul><li><a href="${local(site, '/methodology/')}">How the Post is made</a></li><li><a href="${local(site, '/editions/')}">Archive of editions</a></li>${FEEDS.map(([type, name, path]) => html`<li><a href="${local(site, path)}" type="${type}">${name}</a></li>`)}</ul></nav>
<p class="colophon">${PAPER_NAME} is written every morning by software, from public data about the AI ecosystem.</p>
</footer>
</body>
</html>
`;
  return doc.value;
}
