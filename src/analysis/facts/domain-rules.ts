/**
 * @module analysis/facts/domain-rules
 * The words and arXiv categories that point to a domain. Data only; `domain.ts` says in which
 * order the evidence is read. Words are whole lower-case tokens (see `tokens.ts`), so short ones
 * such as `med`, `fin` or `law` are safe: `median`, `final` and `lawn` are different tokens.
 * Plurals are listed only where the plural means the same (`scaling laws` are not legal).
 */
import type { Domain } from '../../core/signals.js';

/** Domains about a subject; any evidence for one of these beats a modality domain. */
export type SpecificDomain = Exclude<Domain, 'vision' | 'multimodal' | 'speech-audio' | 'general'>;
/** Domains about the kind of input or output, which the pipeline tag usually states. */
export type ModalityDomain = Extract<Domain, 'vision' | 'multimodal' | 'speech-audio'>;

/** In this order: when one piece of evidence names two domains, the earlier one wins. */
export const SPECIFIC_WORDS: ReadonlyArray<readonly [SpecificDomain, readonly string[]]> = [
  ['medical', words('medical medicine med clinical clinic health healthcare biomedical radiology pathology')],
  ['medical', words('medqa medquad doctor patient ehr diagnosis diagnostic')],
  [
    'biology',
    words('biology bio protein proteins genomics genome dna rna bioinformatics gene genes cell cells esm'),
  ],
  ['chemistry', words('chemistry chem chemical molecule molecules molecular smiles materials')],
  ['finance', words('finance financial fin fintech trading stock stocks accounting')],
  ['legal', words('legal law lawyer lawyers juris court contracts')],
  ['code', words('code coder coding programming codegen starcoder codellama sql devstral codestral swe')],
  ['math', words('math maths mathematics mathematical theorem prover gsm8k olympiad')],
  ['science', words('science scientific physics climate weather astronomy geoscience')],
  ['education', words('education educational edu tutor tutoring teaching student students')],
  ['robotics', words('robotics robot robots lerobot vla embodied manipulation humanoid')],
  ['agents', words('agent agents agentic mcp tool-use function-calling')],
  [
    'safety',
    words(
      'safety guard guardrail guardrails moderation jailbreak red-teaming privacy pii toxicity alignment',
    ),
  ],
];

/** Words that mean "this is about images, sound or several modalities". */
export const MODALITY_WORDS: ReadonlyArray<readonly [ModalityDomain, readonly string[]]> = [
  ['multimodal', words('multimodal vlm vl omni llava vision-language')],
  ['speech-audio', words('speech audio asr tts voice music whisper sound')],
  [
    'vision',
    words('vision image images video detection detector segmentation yolo detr ocr diffusion depth pose'),
  ],
];

/**
 * Words too common in prose to mean a domain when they appear in a description
 * ("code for our paper", "an image of…"); they still count in names and tags.
 */
export const PROSE_IGNORED = new Set(
  words(
    'code image images video cell cells stock pose depth voice sound gene court alignment student students patient',
  ),
);

/**
 * arXiv categories (https://arxiv.org/category_taxonomy), matched on the whole category or its
 * archive prefix (`q-bio.GN` → `q-bio`). Subject areas first, modality areas after.
 */
export const CATEGORY_DOMAINS: Readonly<Record<string, Domain>> = {
  'q-bio': 'biology',
  'q-fin': 'finance',
  'cs.RO': 'robotics',
  'cs.SE': 'code',
  'cs.PL': 'code',
  'cs.MA': 'agents',
  'cs.CR': 'safety',
  'physics.med-ph': 'medical',
  'physics.chem-ph': 'chemistry',
  'eess.IV': 'vision',
  math: 'math',
  physics: 'science',
  'astro-ph': 'science',
  'cond-mat': 'science',
  'quant-ph': 'science',
  'cs.CV': 'vision',
  'cs.SD': 'speech-audio',
  'eess.AS': 'speech-audio',
  'cs.MM': 'multimodal',
};

function words(list: string): string[] {
  return list.split(' ');
}
