/**
 * @module writers/llm/compose
 * A validated answer made into a SectionText: plain strings become linked paragraphs, list
 * blurbs are put back in plan order beside names we write ourselves (the model never writes a
 * link), and the plain text the fact-check reads is everything the model wrote.
 */
import type { ListEntry, SectionText } from '../../core/text.js';
import { autolink, linkTargets } from './autolink.js';
import type { SectionAnswer } from './schemas.js';
import type { SectionScope } from './scope.js';

export type ComposedSection = Omit<SectionText, 'factCheck' | 'usage' | 'fallbackReason'>;

export interface Composed {
  section: ComposedSection;
  /** What the model wrote, as plain text, for the fact-check. */
  text: string;
}

/** `listTitle`: list sections keep the newspaper's own title (from newsroom). */
export function composeSection(
  scope: SectionScope,
  answer: SectionAnswer,
  writer: string,
  listTitle: string,
): Composed {
  const targets = linkTargets(scope.items);
  if (answer.kind === 'story') {
    const { title, standfirst, paragraphs } = answer.answer;
    const texts = paragraphs.map(tidy);
    // Opinion is labelled in the text too, as newsroom does: the first paragraph opens with it.
    if (scope.kind === 'opinion' && texts[0] !== undefined && !/^opinion\b/i.test(texts[0])) {
      texts[0] = `Opinion: ${texts[0]}`;
    }
    const section: ComposedSection = {
      id: scope.id,
      title: tidy(title),
      ...(standfirst?.trim() ? { standfirst: tidy(standfirst) } : {}),
      paragraphs: texts.map((text) => autolink(text, targets)),
      isOpinion: scope.kind === 'opinion',
      writer,
    };
    return {
      section,
      text: [section.title, section.standfirst ?? '', ...texts].filter(Boolean).join('\n\n'),
    };
  }

  const { intro, entries } = answer.answer;
  const blurbs = new Map(entries.map((entry) => [entry.key, tidy(entry.blurb)]));
  const listEntries: ListEntry[] = scope.entries.map((entry) => ({
    ...(entry.itemId !== undefined ? { itemId: entry.itemId } : {}),
    name: entry.url ? autolink(entry.name, targets) : [entry.name],
    blurb: autolink(blurbs.get(entry.key) ?? '', targets),
  }));
  const introText = tidy(intro);
  const section: ComposedSection = {
    id: scope.id,
    title: listTitle,
    paragraphs: introText ? [autolink(introText, targets)] : [],
    entries: listEntries,
    isOpinion: false,
    writer,
  };
  const text = [introText, ...scope.entries.map((entry) => blurbs.get(entry.key) ?? '')]
    .filter(Boolean)
    .join('\n\n');
  return { section, text };
}

/** One line of prose: no stray whitespace or line breaks inside a paragraph. */
function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
