/**
 * @module testing/month/other-sources
 * The month's lists besides the Hub's models: trending datasets and Spaces, GitHub Trending's
 * daily and weekly lists (with one planted star surge), releases of a few tracked tools, Hugging
 * Face daily papers (none published at weekends: the collector then shows Friday's, as its
 * look-back does) and arXiv submissions.
 */
import type { AuthorKind, CollectedItem } from '../../core/item.js';
import { WARMUP_DAYS } from './hub-models.js';
import {
  ARXIV_CATEGORIES,
  MODEL_WORDS,
  orgNames,
  paperTitle,
  personName,
  REPO_KINDS,
  REPO_WORDS,
  userHandles,
} from './names.js';
import { DAY_MS, dayStart, HOUR, iso, type Random, stream, weekday } from './random.js';
import { type Calendar, collected, type Entity, entity, heatOf } from './world.js';

export const DATASETS_SIZE = 15;
export const SPACES_SIZE = 12;
export const GITHUB_SIZE = 15;

interface Pool {
  entities: Entity[];
  random: Random;
}

function ranked(pool: Pool, index: number, seenBy: number, size: number): Entity[] {
  const live = pool.entities.filter((e) => e.created <= seenBy && e.curve && heatOf(e.curve, index) > 0);
  for (const e of live)
    e.heat = heatOf(e.curve as NonNullable<Entity['curve']>, index) * pool.random.jitter(0.15);
  return live.sort((a, b) => b.heat - a.heat || (a.externalId < b.externalId ? -1 : 1)).slice(0, size);
}

function grow(pool: Pool, index: number, seenBy: number): void {
  for (const e of pool.entities) {
    if (e.created > seenBy) continue;
    const heat = e.curve ? heatOf(e.curve, index) : 0;
    const likes = Math.round(heat * e.likeRate * pool.random.jitter(0.3));
    e.likes += likes;
    e.downloads += Math.round(likes * e.downloadRatio * pool.random.jitter(0.4) + e.baseDaily);
  }
}

const DATASET_SHAPES: ReadonlyArray<readonly [string, string[]]> = [
  ['instruct-mix', ['task_categories:text-generation', 'modality:text']],
  ['reasoning-traces', ['task_categories:text-generation', 'modality:text']],
  ['speech-corpus', ['task_categories:automatic-speech-recognition', 'modality:audio']],
  ['caption-pairs', ['task_categories:image-to-text', 'modality:image']],
  ['clinical-qa', ['task_categories:question-answering', 'modality:text', 'medical']],
  ['code-review-pairs', ['task_categories:text-generation', 'modality:text', 'code']],
  ['robot-episodes', ['task_categories:robotics', 'modality:video', 'LeRobot']],
  ['preference-pairs', ['task_categories:text-classification', 'modality:text']],
  ['math-word-problems', ['task_categories:question-answering', 'modality:text', 'math']],
];

/** Trending datasets and Spaces: a few new each day, each trending for days to a couple of weeks. */
export function createHubExtras(seed: number, calendar: Calendar) {
  const random = stream(seed, 'hub-extras');
  const users = userHandles(random, 40, []);
  const orgs = orgNames(random);
  const datasets: Pool = { entities: [], random };
  const spaces: Pool = { entities: [], random };
  const names = new Set<string>();
  const owner = (): [string, AuthorKind] =>
    random.chance(0.55) ? [random.pick(users), 'user'] : [random.pick(orgs), 'org'];
  const start = dayStart(calendar.start);
  for (let index = -WARMUP_DAYS - 10; index < calendar.days; index++) {
    const count = index < -WARMUP_DAYS ? 2 : random.int(1, 2);
    for (let i = 0; i < count; i++) {
      const [author, kind] = owner();
      const [shape, tags] = random.pick(DATASET_SHAPES);
      const id = `${author}/${random.pick(MODEL_WORDS).toLowerCase()}-${shape}`;
      if (names.has(id)) continue;
      names.add(id);
      const created = start + index * DAY_MS - random.int(1, 30) * HOUR;
      datasets.entities.push(
        entity({
          kind: 'dataset',
          externalId: id,
          url: `https://huggingface.co/datasets/${id}`,
          author,
          authorKind: kind,
          created,
          attributes: {
            createdAt: iso(created),
            tags: [
              ...tags,
              'language:en',
              'format:parquet',
              random.pick(['size_categories:10K<n<100K', 'size_categories:1M<n<10M']),
            ],
            authorKind: kind,
          },
          curve: {
            peakDay: index + random.int(2, 6),
            peak: random.int(20, 160),
            rise: 1.5,
            fall: random.int(3, 9),
          },
          likeRate: 0.4,
          downloadRatio: random.int(20, 200),
        }),
      );
    }
    for (let i = 0; i < random.int(1, 2); i++) {
      const [author, kind] = owner();
      const id = `${author}/${random.pick(MODEL_WORDS).toLowerCase()}-${random.pick(['demo', 'playground', 'arena', 'studio', 'chat'])}`;
      if (names.has(id)) continue;
      names.add(id);
      const created = start + index * DAY_MS - random.int(1, 30) * HOUR;
      spaces.entities.push(
        entity({
          kind: 'space',
          externalId: id,
          url: `https://huggingface.co/spaces/${id}`,
          author,
          authorKind: kind,
          created,
          attributes: {
            createdAt: iso(created),
            tags: ['gradio', 'region:us'],
            sdk: random.weighted([
              ['gradio', 6],
              ['docker', 2],
              ['static', 1],
              ['streamlit', 1],
            ]),
            authorKind: kind,
          },
          curve: {
            peakDay: index + random.int(1, 5),
            peak: random.int(15, 120),
            rise: 1.2,
            fall: random.int(3, 10),
          },
          likeRate: 0.5,
          downloadRatio: 0,
        }),
      );
    }
  }
  return {
    day(index: number) {
      const seenBy = calendar.takenAt(index);
      grow(datasets, index, seenBy);
      grow(spaces, index, seenBy);
      const show = (pool: Pool, size: number, withDownloads: boolean): CollectedItem[] =>
        ranked(pool, index, seenBy - 3 * HOUR, size).map((e, i) =>
          collected(e, 'trending', i + 1, {
            likes: e.likes,
            ...(withDownloads ? { downloads: e.downloads } : {}),
            trendingScore: Math.max(1, Math.round(e.heat)),
          }),
        );
      return { datasets: show(datasets, DATASETS_SIZE, true), spaces: show(spaces, SPACES_SIZE, false) };
    },
  };
}

export interface StarSurge {
  repository: string;
  day: number;
  gains: number[];
}

/** GitHub Trending: repositories gaining stars; the daily list ranks today's gain, the weekly one the week's. */
export function createGithub(seed: number, calendar: Calendar, surgeDay: number) {
  const random = stream(seed, 'github');
  const owners = [...userHandles(random, 30, []), ...orgNames(random).map((o) => o.toLowerCase())];
  const repos: Entity[] = [];
  const taken = new Set<string>();
  const gains = new Map<Entity, number[]>();
  const makeRepo = (index: number, curve: Entity['curve']): Entity | undefined => {
    const owner = random.pick(owners);
    const name = random.pick(REPO_WORDS);
    const id = `${owner}/${name}`;
    if (taken.has(id)) return undefined;
    taken.add(id);
    const [language, description, topics] = random.pick(REPO_KINDS);
    const created = dayStart(calendar.start) + (index - random.int(20, 400)) * DAY_MS;
    const e = entity({
      kind: 'repository',
      externalId: id,
      url: `https://github.com/${id}`,
      author: owner,
      created,
      attributes: {
        ...(random.chance(0.8)
          ? { description: `${name[0]?.toUpperCase()}${name.slice(1)}: ${description}` }
          : {}),
        language,
        topics: [...topics],
        license: random.pick(['mit', 'apache-2.0', 'bsd-3-clause']),
        createdAt: iso(created),
      },
      ...(curve ? { curve } : {}),
      likes: random.int(300, 30_000),
      downloads: random.int(20, 3_000),
      baseDaily: random.int(2, 25),
    });
    repos.push(e);
    gains.set(e, []);
    return e;
  };
  for (let index = -WARMUP_DAYS - 7; index < calendar.days; index++) {
    for (let i = random.int(1, 3); i > 0; i--)
      makeRepo(index, {
        peakDay: index + random.int(0, 2),
        peak: random.chance(0.08) ? random.int(600, 1_100) : random.int(80, 480),
        rise: 1,
        fall: 1 + random.next() * 4,
      });
  }
  let surge: Entity | undefined;
  while (!surge) surge = makeRepo(surgeDay - 30, undefined);
  surge.likes = random.int(1_500, 4_000);
  surge.baseDaily = 0;
  const surgeGains = [2_600 + random.int(0, 900), 1_700 + random.int(0, 400), 950, 520, 300, 180, 110];

  return {
    surge: { repository: surge.externalId, day: surgeDay, gains: surgeGains } satisfies StarSurge,
    day(index: number): { daily: CollectedItem[]; weekly: CollectedItem[] } {
      for (const e of repos) {
        const offset = index - surgeDay;
        const heat =
          e === surge
            ? offset >= 0 && offset < surgeGains.length
              ? (surgeGains[offset] as number)
              : random.int(8, 30)
            : e.curve
              ? heatOf(e.curve, index) * random.jitter(0.25)
              : 0;
        const gain = Math.round(heat + e.baseDaily * random.jitter(0.5));
        e.likes += gain;
        if (gain > 0 && random.chance(0.3)) e.downloads += Math.ceil(gain / random.int(8, 20));
        gains.get(e)?.push(gain);
      }
      const today = (e: Entity) => gains.get(e)?.at(-1) ?? 0;
      const week = (e: Entity) => (gains.get(e) ?? []).slice(-7).reduce((a, b) => a + b, 0);
      const list = (measure: (e: Entity) => number, name: string) =>
        repos
          .filter((e) => measure(e) >= (name === 'daily' ? 60 : 300))
          .sort((a, b) => measure(b) - measure(a) || (a.externalId < b.externalId ? -1 : 1))
          .slice(0, GITHUB_SIZE)
          .map((e, i) =>
            collected(e, name, i + 1, { stars: e.likes, starsInPeriod: measure(e), forks: e.downloads }),
          );
      return { daily: list(today, 'daily'), weekly: list(week, 'weekly') };
    },
  };
}

/** Releases of a few tracked tools: each source run reads every tool's latest release. */
export function createReleases(seed: number, calendar: Calendar) {
  const random = stream(seed, 'releases');
  const tools = REPO_WORDS.slice(0, 30)
    .filter((_, i) => i % 5 === 1)
    .map((name) => {
      const owner = random.pick(orgNames(random)).toLowerCase();
      return {
        repository: `${owner}/${name}`,
        version: [random.int(0, 3), random.int(1, 20), random.int(0, 9)],
        published: 0,
      };
    });
  const release = (tool: (typeof tools)[number], at: number) => {
    const minor = random.chance(0.25);
    tool.version = minor
      ? [tool.version[0] ?? 0, (tool.version[1] ?? 0) + 1, 0]
      : [tool.version[0] ?? 0, tool.version[1] ?? 0, (tool.version[2] ?? 0) + 1];
    tool.published = at;
  };
  for (const tool of tools) release(tool, dayStart(calendar.start) - random.int(2, 40) * DAY_MS);
  return (index: number): CollectedItem[] => {
    const takenAt = calendar.takenAt(index);
    for (const tool of tools) if (random.chance(0.12)) release(tool, takenAt - random.int(2, 20) * HOUR);
    return tools.map((tool) => {
      const tag = `v${tool.version.join('.')}`;
      return {
        kind: 'release' as const,
        externalId: `${tool.repository}@${tag}`,
        title: tag,
        url: `https://github.com/${tool.repository}/releases/tag/${tag}`,
        author: tool.repository.slice(0, tool.repository.indexOf('/')),
        attributes: {
          repository: tool.repository,
          tag,
          createdAt: iso(tool.published - HOUR),
          prerelease: false,
          publishedAt: iso(tool.published),
        },
        list: 'latest',
        metrics: {},
      };
    });
  };
}

/** Daily papers (weekdays; Friday's again at weekends) and arXiv submissions (fewer at weekends). */
export function createPapers(seed: number, calendar: Calendar) {
  const random = stream(seed, 'papers');
  const titles = new Set<string>();
  /** No title twice in a month (a repeat would read as the same paper). */
  const title = () => {
    let text = paperTitle(random);
    for (let n = 0; titles.has(text) && n < 50; n++) text = paperTitle(random);
    titles.add(text);
    return text;
  };
  let serial = random.int(1000, 3000);
  const arxivId = (day: string) => {
    serial += random.int(3, 40);
    return `${day.slice(2, 4)}${day.slice(5, 7)}.${String(serial).padStart(5, '0')}`;
  };
  let lastDaily: Array<{ item: Omit<CollectedItem, 'list' | 'rank' | 'metrics'>; upvotes: number }> = [];
  return (index: number): { daily: CollectedItem[]; arxiv: CollectedItem[] } => {
    const day = calendar.day(index);
    const dow = weekday(day);
    const weekend = dow === 0 || dow === 6;
    if (!weekend || lastDaily.length === 0) {
      lastDaily = Array.from({ length: random.int(7, 12) }, () => {
        const id = arxivId(day);
        const [, categories] = random.pick(ARXIV_CATEGORIES);
        void categories;
        return {
          item: {
            kind: 'paper' as const,
            externalId: id,
            title: title(),
            url: `https://huggingface.co/papers/${id}`,
            attributes: {
              arxivId: id,
              authors: Array.from({ length: random.int(2, 7) }, () => personName(random)),
              publishedAt: iso(dayStart(day) - random.int(20, 60) * HOUR),
            },
          },
          upvotes: Math.round(random.int(4, 60) * random.jitter(0.6) * (random.chance(0.15) ? 3 : 1)),
        };
      }).sort((a, b) => b.upvotes - a.upvotes);
    } else {
      for (const paper of lastDaily) paper.upvotes += random.int(0, Math.ceil(paper.upvotes / 6));
    }
    const daily = lastDaily.map((paper, i) => ({
      ...paper.item,
      list: 'daily',
      rank: i + 1,
      metrics: { upvotes: paper.upvotes, comments: Math.floor(paper.upvotes / random.int(8, 20)) },
    }));
    const arxiv = Array.from({ length: weekend ? random.int(5, 7) : random.int(8, 12) }, (_, i) => {
      const id = arxivId(day);
      const [primary, categories] = random.pick(ARXIV_CATEGORIES);
      const authors = Array.from({ length: random.int(1, 6) }, () => personName(random));
      return {
        kind: 'paper' as const,
        externalId: id,
        title: title(),
        url: `https://arxiv.org/abs/${id}`,
        author: authors[0] as string,
        attributes: {
          arxivId: id,
          authors,
          categories,
          primaryCategory: primary,
          publishedAt: iso(dayStart(day) - random.int(2, 20) * HOUR),
        },
        list: 'submitted',
        rank: i + 1,
        metrics: {},
      };
    });
    return { daily, arxiv };
  };
}
