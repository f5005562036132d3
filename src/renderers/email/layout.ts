/**
 * @module renderers/email/layout
 * The frame every email shares, built the way mail clients need it: nested tables marked
 * role="presentation", every style inline on the element it styles, bgcolor attributes for
 * Outlook, a 600 px column (Outlook gets a fixed-width table, since it ignores max-width), and
 * web-safe fonts. The head's <style> only adds what may be lost: the narrow-screen and dark-mode
 * rules. Markup is built with the site's escaping `html` template, so outside text is escaped.
 */
import type { Paragraph } from '../../core/text.js';
import { safeHref } from '../site/context.js';
import { html, type Markup, type Renderable, raw } from '../site/html.js';

export const COLOURS = {
  page: '#f2eee3',
  card: '#fbf9f4',
  ink: '#1b1b1b',
  muted: '#595650',
  accent: '#9b1c1c',
  rule: '#d3ccbc',
  warnBg: '#fff0c2',
  warnInk: '#3d2e00',
  onAccent: '#ffffff',
} as const;

const SERIF = 'Georgia,Times New Roman,Times,serif';
const SANS = 'Arial,Helvetica,sans-serif';
const C = COLOURS;

/** Inline styles, one per kind of text element. */
export const S = {
  h1: `margin:0 0 10px;font-family:${SERIF};font-size:30px;line-height:36px;font-weight:bold;color:${C.ink};`,
  h2: `margin:0 0 10px;font-family:${SERIF};font-size:22px;line-height:28px;font-weight:bold;color:${C.ink};`,
  h3: `margin:0 0 6px;font-family:${SERIF};font-size:18px;line-height:24px;font-weight:bold;color:${C.ink};`,
  p: `margin:0 0 12px;font-family:${SERIF};font-size:16px;line-height:24px;color:${C.ink};`,
  standfirst: `margin:0 0 12px;font-family:${SERIF};font-size:18px;line-height:26px;font-style:italic;color:${C.muted};`,
  kicker: `margin:0 0 6px;font-family:${SANS};font-size:12px;line-height:16px;font-weight:bold;letter-spacing:1px;text-transform:uppercase;color:${C.accent};`,
  meta: `margin:0 0 4px;font-family:${SANS};font-size:13px;line-height:18px;color:${C.muted};`,
  name: `margin:0 0 2px;font-family:${SANS};font-size:15px;line-height:21px;font-weight:bold;color:${C.ink};`,
  detail: `margin:0;font-family:${SANS};font-size:14px;line-height:20px;color:${C.muted};`,
  more: `margin:4px 0 0;font-family:${SANS};font-size:14px;line-height:20px;font-weight:bold;`,
  link: `color:${C.accent};text-decoration:underline;`,
  plainLink: `color:${C.ink};text-decoration:none;`,
  cell: `padding:22px 32px;border-top:1px solid ${C.rule};`,
  rank: `padding:0 10px 12px 0;font-family:${SERIF};font-size:18px;line-height:22px;font-weight:bold;color:${C.muted};`,
  item: `padding:0 0 12px;`,
  th: `padding:6px 8px 6px 0;font-family:${SANS};font-size:12px;line-height:16px;font-weight:bold;text-transform:uppercase;color:${C.muted};border-bottom:1px solid ${C.ink};`,
  td: `padding:7px 8px 7px 0;font-family:${SANS};font-size:14px;line-height:20px;color:${C.ink};border-bottom:1px solid ${C.rule};`,
} as const;

// Clients that drop <style> (Gmail's app for other accounts, some webmail) still get every style
// inline; these rules only reflow narrow screens and follow a dark colour scheme where supported.
const HEAD_CSS = `:root{color-scheme:light dark;}
body{margin:0;padding:0;width:100%;-webkit-text-size-adjust:100%;}
a{word-break:break-word;}
@media screen and (max-width:620px){.container{width:100% !important;}.px{padding-left:18px !important;padding-right:18px !important;}.h1{font-size:26px !important;line-height:32px !important;}}
@media (prefers-color-scheme:dark){.page{background-color:#0f0e0b !important;}.card{background-color:#16140f !important;}.ink{color:#ece7dc !important;}.muted{color:#b7afa0 !important;}.accent,.card a{color:#f2a69b !important;}.card a.ink{color:#ece7dc !important;}.rule{border-color:#4a453b !important;}.notice{background-color:#3b3114 !important;}.notice p{color:#f8ecc4 !important;}.btn{background-color:#f2a69b !important;}.card .btn a{color:#16140f !important;}}`;

// Outlook for Windows ignores display:none on the preheader unless told in its own dialect,
// which validators and other clients need not see.
const MSO_CSS =
  '.preheader{display:none !important;mso-hide:all;}table,td{mso-table-lspace:0pt;mso-table-rspace:0pt;}';

// Fillers after the preheader keep clients from showing the start of the body after it.
const PREHEADER_PAD = '&#8199;&#847;&zwnj;&nbsp;'.repeat(40);

export interface EmailDocument {
  title: string;
  preheader: string;
  rows: Renderable;
}

export function emailDocument(doc: EmailDocument): string {
  return html`<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<meta name="format-detection" content="telephone=no, date=no, address=no, email=no">
<title>${doc.title}</title>
<style>${raw(HEAD_CSS)}</style>
<!--[if mso]><style>${raw(MSO_CSS)}</style><![endif]-->
</head>
<body class="page" bgcolor="${C.page}" style="margin:0;padding:0;background-color:${C.page};">
<div role="article" aria-roledescription="email" aria-label="${doc.title}" lang="en" dir="ltr">
<div class="preheader" style="display:none;max-height:0;max-width:0;overflow:hidden;opacity:0;font-size:1px;line-height:1px;color:${C.page};">${doc.preheader}${raw(PREHEADER_PAD)}</div>
<table role="presentation" class="page" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="${C.page}" style="background-color:${C.page};">
<tr><td align="center" style="padding:16px 8px;">
<!--[if mso]><table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" align="center"><tr><td><![endif]-->
<table role="presentation" class="container card" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="${C.card}" style="width:100%;max-width:600px;margin:0 auto;background-color:${C.card};word-break:break-word;overflow-wrap:anywhere;">
${doc.rows}
</table>
<!--[if mso]></td></tr></table><![endif]-->
</td></tr>
</table>
</div>
</body>
</html>
`.value;
}

/** One band of the email: a full-width cell with side padding that narrows on small screens. */
export function band(content: Renderable, style: string = S.cell): Markup {
  return html`<tr><td class="px rule" style="${style}">${content}</td></tr>\n`;
}

/** A link when the URL is http(s); the text alone otherwise. */
export function link(text: string, href: string | null | undefined, style: string = S.link): Markup {
  const safe = safeHref(href);
  // Links styled as plain text (headlines, the paper's name) stay ink-coloured in dark mode.
  const cls = style === S.plainLink ? html` class="ink"` : '';
  return safe ? html`<a href="${safe}"${cls} style="${style}">${text}</a>` : html`${text}`;
}

export function inline(paragraph: Paragraph): Markup {
  return html`${paragraph.map((piece) => (typeof piece === 'string' ? piece : link(piece.text, piece.href)))}`;
}

/** "Read more →" under a section, pointing at the section on the web page. */
export function more(label: string, href: string): Markup {
  return html`<p class="accent" style="${S.more}">${link(`${label} →`, href, S.link)}</p>`;
}

/** A bulletproof button: the colour is the table cell's (bgcolor), so it shows without images or CSS. */
export function button(label: string, href: string): Markup {
  return html`<table role="presentation" cellpadding="0" cellspacing="0" border="0" align="center" style="margin:0 auto;"><tr><td class="btn" align="center" bgcolor="${C.accent}" style="padding:14px 28px;background-color:${C.accent};border-radius:4px;">${link(label, href, `font-family:${SANS};font-size:16px;line-height:20px;font-weight:bold;color:${C.onAccent};text-decoration:none;`)}</td></tr></table>`;
}

/** A table of rows, one per list line, laid out without list markup (Outlook spaces lists oddly). */
export function rowsTable(rows: Renderable): Markup {
  return html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">${rows}</table>`;
}
