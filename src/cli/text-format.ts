/**
 * @module cli/text-format
 * EditionText as readable Markdown for the terminal: sections in order, links as [text](url),
 * and who wrote each section. The escaping and layout are the edition.md renderer's, so what the
 * terminal shows is what the site publishes.
 */
import { type EditionText, type Paragraph, plainText } from '../core/text.js';
import { SECTIONS } from '../core/vocabulary/names.js';
import { mdText, sectionMarkdown } from '../renderers/markdown/index.js';

export function formatText(text: EditionText): string {
  const lines = [`# ${mdText(text.headline)}`, '', `*${mdText(text.standfirst)}*`, ''];
  for (const section of text.sections) {
    lines.push(
      ...sectionMarkdown(section, {
        heading: `${SECTIONS[section.id].short}: ${section.title}`,
        standfirst: section.id !== 'lead',
      }),
    );
    const check = section.factCheck.ok
      ? 'facts checked'
      : `fact-check failed: ${section.factCheck.failures.join('; ')}`;
    const fallback = section.fallbackReason ? `; ${section.fallbackReason}` : '';
    lines.push(`<small>${mdText(`written by ${section.writer}; ${check}${fallback}`)}</small>`, '');
  }
  const usage =
    text.usage.llmCalls > 0
      ? `${text.usage.llmCalls} LLM calls, ${text.usage.inputTokens + text.usage.outputTokens} tokens`
      : 'no LLM calls';
  lines.push(
    `---`,
    mdText(`Writer: ${text.writer} (${usage})`),
    ...text.notes.map((note) => mdText(`Note: ${note}`)),
  );
  return lines.join('\n');
}

/** Words in the edition's prose, for length checks. */
export function wordCount(paragraphs: readonly Paragraph[]): number {
  return paragraphs.reduce((sum, p) => sum + plainText(p).split(/\s+/).filter(Boolean).length, 0);
}
