/**
 * The consistency checks, rule by rule: one failing and one passing example each, the defects of
 * the shipped sample day reproduced sentence for sentence, and the merge into a fact-check.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SIZE_CLASSES, sizeClass } from '../analysis/facts/size.js';
import type { EditionPlan } from '../core/plan.js';
import type { SectionId } from '../core/text.js';
import { readSampleDay } from '../pipeline/sample.js';
import { planFromBundle } from '../testing/plans/helpers.js';
import { REPEAT_THRESHOLD, repeatScore } from './consistency/standfirst.js';
import {
  CONSISTENCY_PREFIX,
  type ConsistencySection,
  checkConsistency,
  withConsistency,
} from './consistency.js';
import { buildSeedPlan } from './writer.case.js';

let seed: EditionPlan;
let sample: EditionPlan;
beforeAll(async () => {
  seed = await buildSeedPlan();
  sample = await planFromBundle(readSampleDay(), '2026-08-22');
});

interface Words {
  title?: string;
  standfirst?: string;
  paragraphs?: string[];
  entries?: Array<[string, string]>;
}

function section(id: SectionId, words: Words): ConsistencySection {
  return {
    id,
    title: words.title ?? 'A headline',
    ...(words.standfirst !== undefined ? { standfirst: words.standfirst } : {}),
    paragraphs: (words.paragraphs ?? []).map((text) => [text]),
    entries: (words.entries ?? []).map(([name, blurb]) => ({ name: [name], blurb: [blurb] })),
  };
}

function failures(plan: EditionPlan, id: SectionId, words: Words): string[] {
  return checkConsistency(section(id, words), plan).failures;
}

function only(rule: string, found: string[]): string[] {
  return found.filter((failure) => failure.startsWith(`${rule}:`));
}

describe('size classes', () => {
  it('are one documented table that sizeClass reads', () => {
    expect(SIZE_CLASSES.map((entry) => [entry.sizeClass, entry.below])).toEqual([
      ['tiny', 1e9],
      ['small', 10e9],
      ['medium', 70e9],
      ['large', Number.POSITIVE_INFINITY],
    ]);
    expect([0.5e9, 1e9, 9.9e9, 10e9, 69e9, 70e9].map(sizeClass)).toEqual([
      'tiny',
      'small',
      'small',
      'medium',
      'medium',
      'large',
    ]);
  });
});

describe('size words', () => {
  it('fails a size word that does not fit the models it is said of, and passes one that does', () => {
    // The sample day's deep dive: 27B–36B models called small.
    const small = only(
      'size',
      failures(sample, 'deepDive', {
        paragraphs: [
          'They range from 27B parameters (Qwen3.8-27B-OBLITERATED) to 36B (Ornith-1.5-35B-A3B), small by today’s standards.',
        ],
      }),
    );
    expect(small).toHaveLength(1);
    expect(small[0]).toContain('"small" is said of models of 27B–36B parameters (medium)');
    expect(small[0]).toContain('below 10B parameters');

    // The seed's deep dive: 41M–3.8B models, all below 10B, below the day's median of 1.5B.
    expect(
      failures(seed, 'deepDive', {
        title: 'Small Specialised Models: What Today’s Trending List Shows',
        paragraphs: [
          'They range from 41M parameters (MultiObj-DETR) to 3.8B (phi-mini-sql), small by today’s standards.',
          'If a small model trained for one job can earn this much attention, the next gains may come from focus rather than scale.',
        ],
      }),
    ).toEqual([]);
  });

  it('checks a named model against its own parameters', () => {
    expect(
      only('size', failures(sample, 'trending', { paragraphs: ['Qwen/Qwen3.8-27B is a giant model.'] })),
    ).toEqual([expect.stringContaining('"giant" is said of models of 28B parameters (medium)')]);
    expect(
      failures(seed, 'trending', {
        paragraphs: ['meta-llama/Llama-3.3-70B-Instruct is a large model, 7th on the list.'],
      }),
    ).toEqual([]);
  });

  it('holds "by today’s standards" to the day’s median trending model', () => {
    // 3.8B is small by the fixed classes, but above the seed day's median of 1.5B.
    expect(
      only(
        'size',
        failures(seed, 'trending', {
          paragraphs: ['pkumar/phi-mini-sql, with 3.8B parameters, is small by today’s standards.'],
        }),
      ),
    ).toEqual([expect.stringContaining("the day's median trending model has 1.5B")]);
    expect(
      failures(seed, 'trending', {
        paragraphs: ['mira-k/whisper-small-gl, with 242M parameters, is small by today’s standards.'],
      }),
    ).toEqual([]);
  });

  it('never calls one group both medium-sized and small', () => {
    const found = only(
      'size',
      failures(sample, 'deepDive', {
        title: 'Medium-sized Models: What Today’s Trending List Shows',
        standfirst: 'Medium-sized models: who is behind them, and why they matter.',
        paragraphs: [
          'They range from 27B parameters (Qwen3.8-27B-OBLITERATED) to 36B (Ornith-1.5-35B-A3B), small by today’s standards.',
        ],
      }),
    );
    expect(found).toContainEqual(
      expect.stringContaining('one group of models is called both "Medium-sized" and "small"'),
    );
    expect(
      failures(sample, 'deepDive', {
        title: 'Medium-sized Models: What Today’s Trending List Shows',
        paragraphs: ['These mid-sized models sit between the small and the giant.'],
      }),
    ).toEqual([]);
  });

  it('does not read "small" and "big" in other senses as sizes', () => {
    // The sample deep dive's group is 27B–36B: a size word said of it would fail.
    expect(
      failures(sample, 'deepDive', {
        paragraphs: [
          'Each numbered release is a small, testable step, and users can compare one with the next.',
          'Not one of them is from a big lab, and the next big launch may drown them out.',
          'It is a small step for models, and a small number of models lead.',
          'Large language models are the subject, and the gap is small.',
        ],
      }),
    ).toEqual([]);
  });

  it('reads "they are small" as said of the story’s models', () => {
    expect(
      only('size', failures(sample, 'deepDive', { paragraphs: ['They are small, and they are popular.'] })),
    ).toEqual([expect.stringContaining('"small" is said of the story\'s models of 27B–36B parameters')]);
  });
});

describe('platform words', () => {
  it('fails Hugging Face words in a story about GitHub repositories only', () => {
    expect(
      only(
        'platform',
        failures(sample, 'lead', {
          paragraphs: [
            'Attention on the Hub moves fast, so we will check again tomorrow whether the pattern holds.',
          ],
        }),
      ),
    ).toEqual([
      expect.stringContaining(
        '"the Hub" means Hugging Face, but this section\'s items are GitHub repositories only',
      ),
    ]);
  });

  it('fails GitHub words and stars in a story about Hugging Face models only', () => {
    const found = only(
      'platform',
      failures(seed, 'lead', { paragraphs: ['hanyc4855/H25 drew 412 stars on GitHub.'] }),
    );
    expect(found).toEqual([
      expect.stringContaining('"GitHub" means GitHub'),
      expect.stringContaining('"412 stars" means GitHub stars'),
    ]);
  });

  it('passes a sentence that compares items of both platforms, and sections without items', () => {
    expect(
      failures(seed, 'lead', {
        paragraphs: [
          'hanyc4855/H25 leads on the Hub, while ultralytics/ultralytics gained +1.3k stars on GitHub.',
        ],
      }),
    ).toEqual([]);
    expect(
      failures(seed, 'metrics', { paragraphs: ['8 new models listed on the Hub; +2.2k stars on GitHub.'] }),
    ).toEqual([]);
    // A repository id that contains "huggingface" is not a mention of Hugging Face.
    expect(
      failures(sample, 'lead', { paragraphs: ['It is no huggingface/transformers, but it is growing.'] }),
    ).toEqual([]);
  });
});

describe('standfirst and first sentence', () => {
  const seedStandfirst =
    'Eight of the 12 trending models with a known author come from individual accounts this Sunday, led by hanyc4855’s H25 and H24, StyTJU’s MultiObj-DETR and jhuang583’s Qwen2.5-0.5B-Medical.';

  it('fails the seed-plan lead, whose first sentence repeats its standfirst’s claim', () => {
    const first =
      'Eight of the 12 trending models on Hugging Face whose author we can identify come from individual accounts this Sunday, or 67%, up from 50% the week before.';
    expect(repeatScore(seedStandfirst, first)).toBeGreaterThanOrEqual(REPEAT_THRESHOLD);
    expect(
      only(
        'standfirst',
        failures(seed, 'lead', { standfirst: seedStandfirst, paragraphs: [`${first} More.`] }),
      ),
    ).toEqual([expect.stringContaining('the first sentence repeats the standfirst')]);
  });

  it('passes a first sentence that says something new', () => {
    const first =
      'Personal projects outnumber corporate launches on this weekend list: 67% of trending models with a known author, up from 50% the week before.';
    expect(repeatScore(seedStandfirst, first)).toBeLessThan(REPEAT_THRESHOLD);
    expect(failures(seed, 'lead', { standfirst: seedStandfirst, paragraphs: [first] })).toEqual([]);
  });
});

describe('list order', () => {
  it('fails a list out of the order of its measure, and passes it in order', () => {
    expect(
      only(
        'list order',
        failures(seed, 'reading', {
          paragraphs: [
            'Also drawing readers: Weekend Development Patterns in Open Source AI (31 upvotes), Scaling Laws for Domain-Specific Language Models (57 upvotes).',
          ],
        }),
      ),
    ).toEqual([expect.stringContaining('"Also drawing readers" is not in descending order of its measure')]);
    expect(
      failures(seed, 'reading', {
        paragraphs: [
          'Also drawing readers: Scaling Laws for Domain-Specific Language Models (57 upvotes) and Weekend Development Patterns in Open Source AI (31 upvotes).',
        ],
      }),
    ).toEqual([]);
  });

  it('reads ranks in ascending order and leaves ranges alone', () => {
    expect(
      only('list order', failures(seed, 'lead', { paragraphs: ['Leading: H24 (3rd) and H25 (1st).'] })),
    ).toHaveLength(1);
    expect(failures(seed, 'lead', { paragraphs: ['Leading: H25 (1st) and H24 (3rd).'] })).toEqual([]);
    expect(
      failures(seed, 'deepDive', {
        paragraphs: ['They range from MultiObj-DETR (41M parameters) to phi-mini-sql (3.8B parameters).'],
      }),
    ).toEqual([]);
  });
});

describe('name case', () => {
  let kvasir: EditionPlan;
  beforeAll(() => {
    kvasir = structuredClone(seed);
    const item = kvasir.lead?.items[0];
    if (!item) throw new Error('the seed plan has no lead item');
    Object.assign(item, { externalId: 'kvasir-dev/K8', author: 'kvasir-dev', title: 'kvasir-dev/K8' });
  });

  it('fails a handle re-cased at a sentence start, and passes it as upstream writes it', () => {
    expect(
      only('name case', failures(kvasir, 'lead', { paragraphs: ['Kvasir-dev’s K8 leads the list.'] })),
    ).toEqual([expect.stringContaining('"Kvasir-dev" is written "kvasir-dev" upstream')]);
    expect(failures(kvasir, 'lead', { paragraphs: ['The list is led by kvasir-dev’s K8.'] })).toEqual([]);
  });

  it('checks names shaped like identifiers, not plain lower-case organisation words', () => {
    expect(
      only('name case', failures(seed, 'trending', { paragraphs: ['STYTJU’s demo and h25 trend.'] })),
    ).toHaveLength(2);
    // `transformers` (huggingface/transformers) may be an ordinary word.
    expect(failures(seed, 'tools', { paragraphs: ['Transformers power most of these models.'] })).toEqual([]);
  });
});

describe('the sample day’s defects', () => {
  const DEFECTS: Array<{ defect: string; rule: string; id: SectionId; words: Words; plan?: 'kvasir' }> = [
    {
      defect: 'the lead repeats its standfirst almost word for word',
      rule: 'standfirst',
      id: 'lead',
      words: {
        standfirst:
          'Hmbown/DeepSeek-TUI gained 20.8k stars in a week, the most on GitHub’s trending list this Saturday, for 27.1k in all.',
        paragraphs: [
          'Hmbown/DeepSeek-TUI gained 20.8k stars in a week, the most of any repository on GitHub’s trending list this Saturday, taking it to 27.1k.',
        ],
      },
    },
    {
      defect: '"Also climbing" out of order',
      rule: 'list order',
      id: 'lead',
      words: {
        paragraphs: [
          'Also climbing: anthropics/financial-services (+13.2k), bytedance/UI-TARS-desktop (+3.9k) and decolua/9router (+5.2k).',
        ],
      },
    },
    {
      defect: '"the Hub" in a GitHub story',
      rule: 'platform',
      id: 'lead',
      words: {
        paragraphs: [
          'Attention on the Hub moves fast, so we will check again tomorrow whether the pattern holds.',
        ],
      },
    },
    {
      defect: '27B–36B models called medium-sized, then small',
      rule: 'size',
      id: 'deepDive',
      words: {
        title: 'Medium-sized Models: What Today’s Trending List Shows',
        paragraphs: [
          'They range from 27B parameters (Qwen3.8-27B-OBLITERATED) to 36B (Ornith-1.5-35B-A3B), small by today’s standards.',
        ],
      },
    },
    {
      defect: '28B multimodal models said to run on modest hardware',
      rule: 'size',
      id: 'opinion1',
      words: {
        paragraphs: [
          'A model trained for one job can run on modest hardware, be checked by the people who rely on it, and be replaced when something better comes along.',
        ],
      },
    },
    {
      defect: 'a handle re-cased at a sentence start',
      rule: 'name case',
      id: 'lead',
      plan: 'kvasir',
      words: { paragraphs: ['Kvasir-dev’s K8 leads the list.'] },
    },
  ];

  it.each(DEFECTS)('catches: $defect', ({ rule, id, words, plan }) => {
    let subject = sample;
    if (plan === 'kvasir') {
      subject = structuredClone(sample);
      const item = subject.trending.models[0];
      if (!item) throw new Error('the sample plan has no trending model');
      Object.assign(item, { externalId: 'kvasir-dev/K8', author: 'kvasir-dev' });
    }
    const result = checkConsistency(section(id, words), subject);
    expect(result.ok).toBe(false);
    expect(only(rule, result.failures).length).toBeGreaterThan(0);
  });
});

describe('withConsistency', () => {
  it('adds the failures to the fact-check, prefixed, and leaves a passing check as it was', () => {
    const check = { ok: true, failures: [] };
    const bad = section('lead', { paragraphs: ['Attention on the Hub moves fast.'] });
    const merged = withConsistency(check, bad, sample);
    expect(merged.ok).toBe(false);
    expect(merged.failures).toEqual([expect.stringMatching(new RegExp(`^${CONSISTENCY_PREFIX}platform: `))]);
    const good = section('lead', { paragraphs: ['Stars are cheap to give.'] });
    expect(withConsistency(check, good, sample)).toBe(check);
    const failed = { ok: false, failures: ['number "98,765" is not in the plan'] };
    expect(withConsistency(failed, bad, sample).failures).toHaveLength(2);
  });
});
