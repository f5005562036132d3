/**
 * @module analysis/facts/author
 * Who made an item: an individual or an organisation (as the Hub's author data says), and whether
 * that organisation is one of the big labs.
 */
import type { HistoryItem } from '../../core/history.js';

/**
 * The organisations the Post treats as big labs: the frontier and big-tech AI labs with their
 * Hugging Face and GitHub account names (both spellings where they differ). Configurable through
 * `itemFacts(items, { bigLabs })`; matching ignores case.
 */
export const DEFAULT_BIG_LABS: readonly string[] = [
  'meta-llama',
  'facebook',
  'facebookresearch',
  'google',
  'google-deepmind',
  'google-research',
  'microsoft',
  'openai',
  'anthropic',
  'anthropics',
  'mistralai',
  'Qwen',
  'QwenLM',
  'deepseek-ai',
  'nvidia',
  'apple',
  'amazon',
  'aws',
  'ibm-granite',
  'ibm',
  'allenai',
  'stabilityai',
  'black-forest-labs',
  'xai-org',
  'moonshotai',
  'zai-org',
  'THUDM',
  'baidu',
  'PaddlePaddle',
  'tencent',
  'Tencent-Hunyuan',
  'alibaba',
  'Alibaba-NLP',
  'bytedance',
  'ByteDance-Seed',
  'MiniMaxAI',
  'XiaomiMiMo',
  'huggingface',
  'HuggingFaceTB',
  'CohereLabs',
  'salesforce',
];

/** `user` → individual, `org` → organisation, unknown → undefined. */
export function authorKind(item: Pick<HistoryItem, 'attributes'>): 'individual' | 'organisation' | undefined {
  const kind = item.attributes.authorKind;
  if (kind === 'user') return 'individual';
  if (kind === 'org') return 'organisation';
  return undefined;
}

/** Whether `author` is on `list` (case-insensitive); no author is never a big lab. */
export function isBigLab(
  author: string | null | undefined,
  list: readonly string[] = DEFAULT_BIG_LABS,
): boolean {
  const name = author?.trim().toLowerCase();
  if (!name) return false;
  return list.some((lab) => lab.trim().toLowerCase() === name);
}
