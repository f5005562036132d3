/**
 * @module renderers/site/assets
 * What every page shares, computed once per build: the stylesheet under a content-hashed name
 * (so it can be cached forever) and the Telegram channel's QR code.
 */
import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import {
  local,
  type PageAssets,
  resolveSite,
  type SiteContext,
  type SiteFile,
  telegramLink,
} from './context.js';
import { escapeHtml } from './html.js';
import { STYLESHEET } from './stylesheet.js';

export function stylesheetFile(): SiteFile {
  const hash = createHash('sha256').update(STYLESHEET).digest('hex').slice(0, 10);
  return { path: `assets/style.${hash}.css`, body: STYLESHEET, contentType: 'text/css; charset=utf-8' };
}

/** The QR library's SVG, labelled for assistive technology and sized by the stylesheet. */
export async function qrCodeSvg(url: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return svg
    .trim()
    .replace('<svg ', `<svg class="qr-code" role="img" aria-label="${escapeHtml(`QR code for ${url}`)}" `);
}

export async function createPageAssets(site: SiteContext): Promise<PageAssets> {
  const stylesheetHref = local(resolveSite(site), `/${stylesheetFile().path}`);
  const channel = telegramLink(site.telegramChannel);
  if (!channel) return { stylesheetHref };
  return { stylesheetHref, telegram: { ...channel, qrSvg: await qrCodeSvg(channel.url) } };
}
