/**
 * @module testing/month/names
 * Invented names in upstream's shapes: lowercase Hub and GitHub handles (`kvasir-dev`, `wren42`),
 * mixed-case organisation and model names, arXiv-style ids, paper titles and author names that
 * belong to nobody. The big labs are the real account names the Post is configured to recognise
 * (`DEFAULT_BIG_LABS`), because the analysis decides "big lab" by account name; their models
 * here are invented versions. Base models referenced by fine-tunes are real public checkpoints,
 * as a fine-tune's `base_model` tag would name them, so family and size rules see real shapes.
 */
import type { Random } from './random.js';

const HANDLE_STEMS = [
  'wren',
  'tamsk',
  'orrin',
  'velka',
  'mosswick',
  'quillon',
  'brisko',
  'sablet',
  'fennick',
  'junip',
  'rookery',
  'yarrowby',
  'ilkaro',
  'dorrin',
  'pellam',
  'thessa',
  'marlow',
  'bexley',
  'corvid',
  'elsko',
  'haldor',
  'isvel',
  'joryn',
  'kestro',
  'liomi',
  'mavik',
  'nyrel',
  'odwin',
  'pimsey',
  'ravell',
  'sennar',
  'tovik',
  'ullan',
  'vespa',
  'wimbro',
  'xandri',
  'yorick',
  'zephyl',
  'arnott',
  'brynner',
  'catoro',
  'daxel',
  'enoki',
  'farrow',
  'gilmo',
  'hesper',
  'ivory',
  'jessum',
  'kalder',
  'lumik',
  'mirrel',
  'nandor',
  'oskan',
  'perrin',
  'quenby',
  'rastel',
  'solvig',
  'tarnel',
  'umbro',
  'valdis',
];
const HANDLE_SUFFIXES = [
  '-dev',
  '-ml',
  '42',
  '-ai',
  '7',
  '_lab',
  'x',
  '-nlp',
  '99',
  '-hf',
  '',
  '-r',
  '0',
  '-io',
];

const ORG_NAMES = [
  'Northwind-AI',
  'lumen-labs',
  'OpenHarbor',
  'sable-research',
  'CobaltML',
  'tallow-ai',
  'Meridian-NLP',
  'fjord-robotics',
  'BluePine',
  'quartz-institute',
  'Halcyon-Labs',
  'ember-health',
  'Ostrava-AI',
  'kelp-systems',
  'PolarisLM',
  'driftwood-ai',
  'Tessellate',
  'ironbark-ml',
  'Saltmarsh',
  'vantage-lab',
];

/**
 * Real big-lab account names (configured by default) with invented model lines: `previous` is on
 * the Hub before the month starts, `next` is released during it. Their sizes differ so that the
 * two are not read as one numbered series.
 */
export const BIG_LABS: ReadonlyArray<{
  org: string;
  previous: readonly [string, number];
  next: readonly [string, number];
  pipelineTag: string;
}> = [
  {
    org: 'Qwen',
    previous: ['Qwen3.6-32B', 32.8e9],
    next: ['Qwen3.7-14B-Instruct', 14.7e9],
    pipelineTag: 'text-generation',
  },
  {
    org: 'google',
    previous: ['gemma-5-27b-it', 27.4e9],
    next: ['gemma-5n-4b-it', 4.3e9],
    pipelineTag: 'image-text-to-text',
  },
  {
    org: 'mistralai',
    previous: ['Mistral-Tern-24B-Instruct', 23.6e9],
    next: ['Mistral-Wren-8B-Instruct', 8.0e9],
    pipelineTag: 'text-generation',
  },
  {
    org: 'meta-llama',
    previous: ['Llama-4.1-70B-Instruct', 70.6e9],
    next: ['Llama-4.2-8B-Instruct', 8.03e9],
    pipelineTag: 'text-generation',
  },
  {
    org: 'deepseek-ai',
    previous: ['DeepSeek-V4-Base', 671e9],
    next: ['DeepSeek-V4-Lite-16B', 15.7e9],
    pipelineTag: 'text-generation',
  },
  {
    org: 'microsoft',
    previous: ['Phi-5-mini-instruct', 3.8e9],
    next: ['Phi-5-vision-instruct', 4.2e9],
    pipelineTag: 'image-text-to-text',
  },
  {
    org: 'nvidia',
    previous: ['Nemotron-Nano-3-12B', 12.3e9],
    next: ['Nemotron-Nano-3-9B-Reasoning', 8.9e9],
    pipelineTag: 'text-generation',
  },
  {
    org: 'HuggingFaceTB',
    previous: ['SmolLM4-3B', 3.1e9],
    next: ['SmolLM4-360M-Instruct', 362e6],
    pipelineTag: 'text-generation',
  },
];

export interface BaseModel {
  id: string;
  parameters: number;
  pipelineTag: string;
}

/** Public base checkpoints that fine-tunes name in their `base_model` tags. */
export const TEXT_BASES: readonly BaseModel[] = [
  { id: 'Qwen/Qwen3-0.6B', parameters: 596_000_000, pipelineTag: 'text-generation' },
  { id: 'Qwen/Qwen3-4B', parameters: 4_020_000_000, pipelineTag: 'text-generation' },
  { id: 'Qwen/Qwen3-8B', parameters: 8_190_000_000, pipelineTag: 'text-generation' },
  { id: 'Qwen/Qwen2.5-0.5B-Instruct', parameters: 494_000_000, pipelineTag: 'text-generation' },
  { id: 'meta-llama/Llama-3.2-1B-Instruct', parameters: 1_240_000_000, pipelineTag: 'text-generation' },
  { id: 'meta-llama/Llama-3.1-8B-Instruct', parameters: 8_030_000_000, pipelineTag: 'text-generation' },
  { id: 'google/gemma-3-270m', parameters: 268_000_000, pipelineTag: 'text-generation' },
  { id: 'google/gemma-3-1b-it', parameters: 1_000_000_000, pipelineTag: 'text-generation' },
  { id: 'mistralai/Mistral-7B-Instruct-v0.3', parameters: 7_250_000_000, pipelineTag: 'text-generation' },
  { id: 'HuggingFaceTB/SmolLM3-3B', parameters: 3_080_000_000, pipelineTag: 'text-generation' },
  { id: 'microsoft/Phi-4-mini-instruct', parameters: 3_840_000_000, pipelineTag: 'text-generation' },
];
export const SMALL_TEXT_BASES = TEXT_BASES.filter((base) => base.parameters < 2e9);
export const VISION_LANGUAGE_BASES: readonly BaseModel[] = [
  { id: 'Qwen/Qwen2.5-VL-3B-Instruct', parameters: 3_750_000_000, pipelineTag: 'image-text-to-text' },
  { id: 'google/gemma-3-4b-it', parameters: 4_300_000_000, pipelineTag: 'image-text-to-text' },
];
export const IMAGE_BASES = ['black-forest-labs/FLUX.1-dev', 'stabilityai/stable-diffusion-xl-base-1.0'];
export const SPEECH_BASES: readonly BaseModel[] = [
  { id: 'openai/whisper-small', parameters: 242_000_000, pipelineTag: 'automatic-speech-recognition' },
  { id: 'openai/whisper-large-v3', parameters: 1_540_000_000, pipelineTag: 'automatic-speech-recognition' },
];

/** Capitalised words for model names; none is a size, a version or a domain word. */
export const MODEL_WORDS = [
  'Lark',
  'Tern',
  'Quokka',
  'Marten',
  'Ibis',
  'Heron',
  'Saga',
  'Vela',
  'Osprey',
  'Kestrel',
  'Puffin',
  'Otter',
  'Lynx',
  'Merlin',
  'Plover',
  'Stoat',
  'Wagtail',
  'Dunlin',
  'Avocet',
  'Shrike',
  'Linnet',
  'Petrel',
  'Ermine',
  'Bittern',
  'Gannet',
  'Curlew',
  'Siskin',
  'Godwit',
  'Tanager',
  'Vireo',
];
export const STYLE_WORDS = [
  'lineart',
  'watercolor',
  'ukiyo',
  'pixel',
  'blueprint',
  'gouache',
  'linocut',
  'risograph',
];
export const LANGUAGES = ['gl', 'eu', 'cy', 'is', 'mt', 'lb', 'fo', 'sw', 'yo', 'ga'];
export const DETECTION_SUBJECTS = ['pallet', 'kelp', 'rooftop', 'shelf', 'weld', 'crosswalk', 'hive', 'buoy'];

/** Distinct lowercase user handles, in an order the seed decides. */
export function userHandles(random: Random, count: number, reserved: readonly string[]): string[] {
  const taken = new Set(reserved.map((name) => name.toLowerCase()));
  // A stem serves at most three accounts, so the month does not read as one family of handles.
  const uses = new Map<string, number>();
  const out: string[] = [];
  for (let attempt = 0; out.length < count && attempt < count * 50; attempt++) {
    const stem = random.pick(HANDLE_STEMS);
    const handle = `${stem}${random.pick(HANDLE_SUFFIXES)}`;
    if (taken.has(handle) || (uses.get(stem) ?? 0) >= 3) continue;
    taken.add(handle);
    uses.set(stem, (uses.get(stem) ?? 0) + 1);
    out.push(handle);
  }
  if (out.length < count) throw new RangeError(`only ${out.length} of ${count} handles could be made`);
  return out;
}

export function orgNames(random: Random): string[] {
  const names = [...ORG_NAMES];
  for (let i = names.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [names[i], names[j]] = [names[j] as string, names[i] as string];
  }
  return names;
}

/** The repository name of a Hub id (`Qwen/Qwen3-4B` → `Qwen3-4B`). */
export function repoNameOf(id: string): string {
  return id.slice(id.indexOf('/') + 1);
}

const SURNAME_HEADS = [
  'Var',
  'Thel',
  'Osk',
  'Mir',
  'Bren',
  'Quel',
  'Dov',
  'Sael',
  'Fenn',
  'Hal',
  'Ister',
  'Jov',
];
const SURNAME_TAILS = [
  'row',
  'gaard',
  'mont',
  'ellis',
  'ak',
  'ström',
  'ani',
  'ovic',
  'ley',
  'ucci',
  'sen',
  'ard',
];
const INITIALS = 'ABCDEFGHIJKLMNOPRSTVWYZ';

/** An invented author name in arXiv's shape ("T. Quelmont"). */
export function personName(random: Random): string {
  return `${random.pick([...INITIALS])}. ${random.pick(SURNAME_HEADS)}${random.pick(SURNAME_TAILS)}`;
}

const TITLE_SUBJECTS = [
  'Sparse Mixture Routing',
  'Speculative Decoding',
  'Long-Context Retrieval',
  'Preference Optimisation',
  'Small Language Models',
  'Vision-Language Grounding',
  'Diffusion Distillation',
  'Tool-Using Agents',
  'Tokenizer-Free Modelling',
  'Test-Time Compute',
  'Synthetic Instruction Data',
  'Quantisation-Aware Training',
  'Robot Policy Learning',
  'Clinical Note Summarisation',
  'Speech Tokenisation',
  'Reward Model Calibration',
];
const TITLE_SHAPES: ReadonlyArray<(subject: string, word: string) => string> = [
  (s, w) => `${w}: Rethinking ${s} at Scale`,
  (s) => `On the Limits of ${s}`,
  (s, w) => `${s} Without Labels: the ${w} Recipe`,
  (s) => `A Closer Look at ${s} for Low-Resource Settings`,
  (s, w) => `${w}-Bench: Evaluating ${s}`,
  (s) => `When Does ${s} Help? An Empirical Study`,
  (s) => `Scaling ${s} with Curriculum Feedback`,
  (s, w) => `${w}: Efficient ${s} on a Single GPU`,
];

/** An invented paper title. */
export function paperTitle(random: Random): string {
  return random.pick(TITLE_SHAPES)(random.pick(TITLE_SUBJECTS), random.pick(MODEL_WORDS));
}

export const ARXIV_CATEGORIES: ReadonlyArray<readonly [string, string[]]> = [
  ['cs.LG', ['cs.LG', 'stat.ML']],
  ['cs.CL', ['cs.CL', 'cs.AI']],
  ['cs.CV', ['cs.CV']],
  ['cs.AI', ['cs.AI', 'cs.MA']],
  ['cs.RO', ['cs.RO', 'cs.LG']],
  ['cs.SD', ['cs.SD', 'eess.AS']],
  ['q-bio.QM', ['q-bio.QM', 'cs.LG']],
  ['cs.SE', ['cs.SE', 'cs.CL']],
];

export const REPO_WORDS = [
  'tinyserve',
  'kiln',
  'lattice',
  'sprocket',
  'beacon',
  'trellis',
  'ferry',
  'quarry',
  'loom',
  'spindle',
  'harbor',
  'anvil',
  'cairn',
  'tideline',
  'bramble',
  'cinder',
  'foundry',
  'gantry',
  'hatch',
  'ledger',
  'mantle',
  'nimbus',
  'outpost',
  'pylon',
  'relay',
  'sluice',
  'tether',
  'vault',
  'wicket',
  'yardarm',
];
export const REPO_KINDS = [
  ['Python', 'inference server for small models', ['llm', 'inference', 'serving']],
  ['Python', 'fine-tuning recipes that fit on one GPU', ['fine-tuning', 'lora', 'llm']],
  ['TypeScript', 'agent framework with typed tools', ['agents', 'llm', 'typescript']],
  ['Rust', 'tokenizer and data loader in Rust', ['tokenizer', 'rust', 'nlp']],
  ['Go', 'vector store with a single binary', ['vector-database', 'embeddings', 'search']],
  ['C++', 'CPU kernels for quantised inference', ['quantization', 'inference', 'cpp']],
  ['Jupyter Notebook', 'course notebooks on diffusion models', ['diffusion', 'course', 'notebooks']],
  ['Python', 'evaluation harness for coding agents', ['evaluation', 'code', 'agents']],
  ['TypeScript', 'local chat client for open models', ['chat', 'desktop', 'llm']],
  ['Python', 'speech recognition toolkit', ['speech', 'asr', 'audio']],
  ['Python', 'robot learning datasets and policies', ['robotics', 'imitation-learning']],
  ['Rust', 'terminal coding assistant', ['cli', 'code', 'assistant']],
] as const;
