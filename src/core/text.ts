/**
 * @module core/text
 * EditionText: the words of an edition, section by section, with who wrote each section and
 * whether its facts checked out. Text is kept as paragraphs of inline pieces (plain text or a
 * link), so renderers can escape everything and link every named model, author, repository and
 * paper without parsing prose.
 */
import { z } from 'zod';

export const SECTION_IDS = [
  'lead',
  'metrics',
  'deepDive',
  'opinion1',
  'opinion2',
  'tools',
  'trending',
  'movers',
  'reading',
] as const;
export const SectionIdSchema = z.enum(SECTION_IDS);
export type SectionId = z.infer<typeof SectionIdSchema>;

/** A run of text, or a run of text that links somewhere (always an absolute http(s) URL). */
export const InlineSchema = z.union([
  z.string(),
  z.object({ text: z.string().min(1), href: z.url({ protocol: /^https?$/ }) }),
]);
export type Inline = z.infer<typeof InlineSchema>;

export const ParagraphSchema = z.array(InlineSchema);
export type Paragraph = z.infer<typeof ParagraphSchema>;

/** One line of a list section (a tool, a trending item, a mover, a paper). */
export const ListEntrySchema = z.object({
  /** The plan item the entry is about. */
  itemId: z.number().int().optional(),
  name: ParagraphSchema,
  blurb: ParagraphSchema,
});
export type ListEntry = z.infer<typeof ListEntrySchema>;

export const FactCheckSchema = z.object({
  ok: z.boolean(),
  /** Each number or name that did not trace to a fact of the plan, said plainly. */
  failures: z.array(z.string()),
});
export type FactCheck = z.infer<typeof FactCheckSchema>;

export const SectionTextSchema = z.object({
  id: SectionIdSchema,
  /** The section's own headline (the lead's is the edition's headline). */
  title: z.string(),
  /** A one-sentence summary under the title (lead: the standfirst). */
  standfirst: z.string().optional(),
  paragraphs: z.array(ParagraphSchema),
  entries: z.array(ListEntrySchema).optional(),
  /** Opinion pieces say so, in the text and here. */
  isOpinion: z.boolean().default(false),
  /** Who wrote it: `newsroom`, `openai:gpt-4o-mini`, `anthropic:claude-…`, … */
  writer: z.string(),
  factCheck: FactCheckSchema,
  /** The newsroom phrasings the section used (`section.slot#n`), for editorial memory. */
  phrasings: z.array(z.string()).optional(),
  /** Why another writer than the requested one wrote the section (budget, timeout, failed fact-check). */
  fallbackReason: z.string().optional(),
  usage: z
    .object({
      inputTokens: z.number().int(),
      outputTokens: z.number().int(),
      costUsd: z.number().optional(),
      cached: z.boolean(),
    })
    .optional(),
});
export type SectionText = z.infer<typeof SectionTextSchema>;

export const EditionTextSchema = z.object({
  version: z.literal(1),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** The writer asked for; each section records who actually wrote it. */
  writer: z.string(),
  headline: z.string(),
  standfirst: z.string(),
  sections: z.array(SectionTextSchema),
  usage: z.object({
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
    costUsd: z.number().optional(),
    llmCalls: z.number().int(),
  }),
  notes: z.array(z.string()),
  /**
   * Editorial memory: the phrasings used and hashes of the prose sentences printed, so the next
   * editions can avoid them (absent in editions written before it existed).
   */
  memory: z.object({ phrasings: z.array(z.string()), sentences: z.array(z.string()) }).optional(),
});
export type EditionText = z.infer<typeof EditionTextSchema>;

/** A paragraph as plain text (for fact-checking, word counts, plain-text renderers). */
export function plainText(paragraph: Paragraph): string {
  return paragraph.map((piece) => (typeof piece === 'string' ? piece : piece.text)).join('');
}

/** Everything a section says, as plain text: title, standfirst, paragraphs and list entries. */
export function sectionPlainText(
  section: Pick<SectionText, 'title' | 'standfirst' | 'paragraphs' | 'entries'>,
): string {
  const parts = [section.title, section.standfirst ?? '', ...section.paragraphs.map(plainText)];
  for (const entry of section.entries ?? [])
    parts.push(`${plainText(entry.name)}: ${plainText(entry.blurb)}`);
  return parts.filter(Boolean).join('\n');
}
