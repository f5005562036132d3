/**
 * @module cli/text-format
 * EditionText as readable Markdown for the terminal: sections in order, links as [text](url),
 * and who wrote each section.
 */
import { type EditionText, type Paragraph, plainText, type SectionText } from '../core/text.js';

const SECTION_TITLES: Record<SectionText['id'], string> = {
  lead: 'Lead',
  metrics: 'Metrics',
  deepDive: 'Deep Dive',
  opinion1: 'Opinion & Analysis',
  opinion2: 'Opinion & Analysis',
  tools: 'Tools of the Week',
  trending: "Trending: What's Gaining Momentum",
  movers: 'Biggest Movers This Week',
  reading: 'Reading',
};

function markdown(paragraph: Paragraph): string {
  return paragraph
    .map((piece) => (typeof piece === 'string' ? piece : `[${piece.text}](${piece.href})`))
    .join('');
}

export function formatText(text: EditionText): string {
  const lines = [`# ${text.headline}`, '', `*${text.standfirst}*`, ''];
  for (const section of text.sections) {
    lines.push(`## ${SECTION_TITLES[section.id]}: ${section.title}`);
    if (section.standfirst && section.id !== 'lead') lines.push('', `*${section.standfirst}*`);
    for (const paragraph of section.paragraphs) lines.push('', markdown(paragraph));
    for (const entry of section.entries ?? [])
      lines.push(`- **${markdown(entry.name)}**: ${markdown(entry.blurb)}`);
    const check = section.factCheck.ok
      ? 'facts checked'
      : `fact-check failed: ${section.factCheck.failures.join('; ')}`;
    const fallback = section.fallbackReason ? `; ${section.fallbackReason}` : '';
    lines.push('', `<small>written by ${section.writer}; ${check}${fallback}</small>`, '');
  }
  const usage =
    text.usage.llmCalls > 0
      ? `${text.usage.llmCalls} LLM calls, ${text.usage.inputTokens + text.usage.outputTokens} tokens`
      : 'no LLM calls';
  lines.push(`---`, `Writer: ${text.writer} (${usage})`, ...text.notes.map((note) => `Note: ${note}`));
  return lines.join('\n');
}

/** Words in the edition's prose, for length checks. */
export function wordCount(paragraphs: readonly Paragraph[]): number {
  return paragraphs.reduce((sum, p) => sum + plainText(p).split(/\s+/).filter(Boolean).length, 0);
}
