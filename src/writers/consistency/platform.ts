/**
 * @module writers/consistency/platform
 * Platform words follow the source: "the Hub", "Hugging Face" and "HF" are Hugging Face's;
 * "GitHub", and stars counted ("41k stars", "GitHub stars"), are GitHub's. A sentence that
 * names items of the plan is held to those items' sources; a sentence that names none, to the
 * section's items (its story's and every item it names anywhere). So "Attention on the Hub moves
 * fast" fails in a story about GitHub repositories, while "H25 leads on the Hub and
 * ultralytics/ultralytics on GitHub" compares both and passes. The metrics panel, which
 * reports every source side by side, is not checked. Ids are masked first: `huggingface/transformers` is a
 * GitHub repository, not a mention of Hugging Face.
 */
import type { EditionPlan, PlannedItem } from '../../core/plan.js';
import { type ConsistencySection, type Platform, platformOf, quote, type Sentence, storyOf } from './view.js';

const WORDS: ReadonlyArray<{ platform: Platform; pattern: RegExp; name: string }> = [
  { platform: 'hf', pattern: /\bHugging\s?Face\b/i, name: 'Hugging Face' },
  { platform: 'hf', pattern: /\bthe Hub\b/, name: 'Hugging Face' },
  { platform: 'hf', pattern: /\bHF\b/, name: 'Hugging Face' },
  { platform: 'github', pattern: /\bGitHub\b/i, name: 'GitHub' },
  {
    platform: 'github',
    pattern: /(?:^|[\s(])[+]?\d[\d,.]*\s?[kKM]?\s+(?:new\s+)?stars?\b/,
    name: 'GitHub stars',
  },
];

const DESCRIBE: Readonly<Record<Platform, string>> = {
  hf: 'Hugging Face items',
  github: 'GitHub repositories',
  arxiv: 'arXiv papers',
};

/** Words with a slash (ids, links) say nothing about the platform. */
const ID = /\S*\/\S*/g;

export function checkPlatforms(
  section: ConsistencySection,
  plan: EditionPlan,
  sentences: readonly Sentence[],
  named: readonly PlannedItem[][],
): string[] {
  // The metrics panel reports every source side by side by design.
  if (section.id === 'metrics') return [];
  const inView = new Set<Platform>(
    [...(storyOf(plan, section.id)?.items ?? []), ...named.flat()].map(platformOf),
  );
  if (inView.size === 0) return [];
  const failures: string[] = [];
  sentences.forEach((sentence, index) => {
    const text = sentence.text.replace(ID, ' ');
    const own = new Set((named[index] ?? []).map(platformOf));
    const about = own.size > 0 ? own : inView;
    for (const word of WORDS) {
      const match = word.pattern.exec(text);
      if (!match || about.has(word.platform)) continue;
      const only = [...about].map((p) => DESCRIBE[p]).join(' and ');
      const whose = own.size > 0 ? 'the items this sentence names are' : "this section's items are";
      failures.push(
        `platform: "${match[0].trim()}" means ${word.name}, but ${whose} ${only} only: ${quote(sentence.text)}`,
      );
    }
  });
  return failures;
}
