/**
 * @module writers/writer
 * The Writer contract: a plan in, the edition's words out, every section with its writer and
 * fact-check. Implementations: `newsroom/` (built in, deterministic) and `llm/` (OpenAI,
 * Anthropic, OpenAI-compatible servers), which falls back to newsroom section by section.
 */
import type { EditionPlan } from '../core/plan.js';
import type { EditionText, SectionId, SectionText } from '../core/text.js';

export interface Writer {
  /** `newsroom`, `openai:MODEL`, `anthropic:MODEL`, `openai-compatible:MODEL`. */
  readonly name: string;
  write(plan: EditionPlan): Promise<EditionText>;
}

/** What the LLM writer needs from newsroom: any one section, on its own. */
export interface SectionWriter {
  readonly name: string;
  writeSection(plan: EditionPlan, id: SectionId): SectionText;
}
