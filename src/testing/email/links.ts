/**
 * @module testing/email/links (test-only)
 * What the email tests share: the links an edition email is rendered with, and the URLs an href
 * in it may point at (the site, or an item's or a writer's own http(s) link).
 */
import type { Edition } from '../../core/edition.js';
import type { Paragraph } from '../../core/text.js';
import { safeHref } from '../../renderers/site/context.js';

export const BASE_URL = 'https://example.org/post';
export const LINKS = {
  baseUrl: `${BASE_URL}/`,
  unsubscribeUrl: `${BASE_URL}/unsubscribe?token=tok_3f9a`,
  manageUrl: `${BASE_URL}/manage?token=tok_7c21`,
} as const;

/** Every http(s) URL the edition itself names: its items' URLs and the writers' inline links. */
export function outsideUrls(edition: Edition): Set<string> {
  const urls = new Set<string>();
  const add = (url: string | null | undefined) => {
    const href = safeHref(url);
    if (href) urls.add(href);
  };
  const addParagraph = (paragraph: Paragraph) => {
    for (const piece of paragraph) if (typeof piece !== 'string') add(piece.href);
  };
  const { plan, text } = edition;
  const items = [
    ...Object.values(plan.trending).flat(),
    ...[plan.lead, plan.deepDive, ...plan.opinions].flatMap((story) => story?.items ?? []),
    ...plan.tools.map((tool) => tool.item),
    ...plan.movers.items.map((mover) => mover.item),
    ...plan.reading.map((entry) => entry.item),
  ];
  for (const item of items) add(item.url);
  for (const section of text.sections) {
    section.paragraphs.forEach(addParagraph);
    for (const entry of section.entries ?? []) {
      addParagraph(entry.name);
      addParagraph(entry.blurb);
    }
  }
  return urls;
}

export const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');
