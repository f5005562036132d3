/**
 * @module testing/month/generate
 * `generateMonth`: a seeded, realistic month of snapshots in the project's bundle format, and the
 * script of what was planted in it, so tests can check that the paper noticed.
 *
 * Planted (day positions scale with `days`; for the default 30 days from 2026-10-01):
 * - weekend surges: individuals hold most trending models on every weekend but the first
 *   (so the last three weekends run as a streak); weekdays stay around 35–45%;
 * - a domain wave: seven small medical fine-tunes by different authors, created over days 7–11,
 *   five or six of them on the trending list at once;
 * - a returner: a speech model on the list for a week, away for seven days, back for six;
 * - a numbered series: `kvasir-dev/K5` … `K8`, created 19, 22 and 5 hours apart mid-month,
 *   each trending within hours;
 * - a record day (a weekday in the third week): by far the most models created in one day, and
 *   a model that has climbed for ten days reaching rank 1 (its best) that same day;
 * - a GitHub star surge: a repository gaining ~3,000 stars in a day after weeks of dozens;
 * - big-lab releases: three during the month, each at the top of the list for a few days;
 * - one source failing on one weekday (never the last day), with an error and no items.
 * Everything else (which names, how many, the metrics) varies with the seed.
 */
import { BUNDLE_FORMAT, type BundleSnapshot, type SnapshotBundle } from '../../core/bundle.js';
import { type CollectedItem, SOURCE_IDS, type SourceId } from '../../core/item.js';
import {
  add,
  createHub,
  type DayPlan,
  growModels,
  labSpec,
  modelEntity,
  newModelItems,
  releaseDay,
  trendingItems,
  trendingList,
  WARMUP_DAYS,
} from './hub-models.js';
import { domainModel } from './models.js';
import { BIG_LABS, LANGUAGES, MODEL_WORDS } from './names.js';
import { createGithub, createHubExtras, createPapers, createReleases } from './other-sources.js';
import { DAY_MS, HOUR, iso, localInstant, type Random, stream, weekday } from './random.js';
import { Calendar, type Entity } from './world.js';

export interface GenerateMonthOptions {
  seed: number;
  /** First day, YYYY-MM-DD (default 2026-10-01, a Thursday). */
  start?: string;
  /** How many days (default 30, at least 21). */
  days?: number;
  /** IANA zone the planted releases keep office hours in (default UTC). */
  timeZone?: string;
}

export interface MonthWeekend {
  /** The weekend's days inside the month (one when the month starts on a Sunday or ends on a Saturday). */
  days: string[];
  /** Whether individuals hold most trending models on each of them. */
  individualMajority: boolean;
}

export interface MonthSeriesMember {
  externalId: string;
  /** The distinguishing part of the name (`K7`). */
  label: string;
  createdAt: string;
  /** The first day it is on the trending list. */
  firstTrending: string;
}

export interface MonthScript {
  seed: number;
  start: string;
  end: string;
  timeZone: string;
  days: string[];
  weekends: MonthWeekend[];
  /** The consecutive weekends with an individual majority, at the end of the month. */
  weekendStreak: { weekends: number; from: string; to: string };
  series: { author: string; stem: string; members: MonthSeriesMember[] };
  record: {
    /** The UTC day on which the most models were created. */
    day: string;
    newModels: number;
    runnerUp: { day: string; newModels: number };
    /** The first day whose hf-new-models list holds the whole record day (the list is read at 06:00 UTC). */
    listedFrom: string;
    /** A model reaching its best rank on the record day. */
    peak: { externalId: string; rank: number; day: string; previousBest: number };
  };
  domainWave: {
    domain: 'medical';
    members: string[];
    from: string;
    to: string;
    peakDay: string;
    peakCount: number;
  };
  /** On the list until `lastSeen`, absent `daysAway` days, back on `returnedOn`. */
  returner: { externalId: string; lastSeen: string; returnedOn: string; daysAway: number };
  starSurge: { repository: string; day: string; starsInPeriod: number };
  failedSource: { source: SourceId; day: string; error: string };
  bigLabReleases: Array<{ externalId: string; author: string; createdAt: string; firstTrending: string }>;
  /** Models created on each UTC day of the month (by createdAt), as the new-models lists show them. */
  newModelsByDay: Record<string, number>;
}

export interface GeneratedMonth {
  bundle: SnapshotBundle;
  script: MonthScript;
}

/** The order snapshots are written in, and the minute offset of each source's collection. */
const SOURCE_ORDER: readonly SourceId[] = SOURCE_IDS.filter((source) => source !== 'fake');

const FAILURES: ReadonlyArray<readonly [SourceId, string]> = [
  ['github-trending', 'HTTP 502 from https://github.com/trending?since=daily after 3 attempts (retryable)'],
  [
    'hf-spaces',
    'HTTP 503 from https://huggingface.co/api/spaces?sort=trendingScore after 3 attempts (retryable)',
  ],
  [
    'hf-datasets',
    'request to https://huggingface.co/api/datasets?sort=trendingScore timed out after 30000 ms',
  ],
  ['arxiv', 'HTTP 429 from https://export.arxiv.org/api/query: rate limited, retry after 600 s'],
  ['hf-papers', 'HTTP 500 from https://huggingface.co/api/daily_papers after 3 attempts (retryable)'],
];

const SERIES_AUTHOR = 'kvasir-dev';
const SERIES_STEM = 'K';
const RECORD_EXTRA_CREATIONS = 95;

export function generateMonth(options: GenerateMonthOptions): GeneratedMonth {
  const seed = options.seed;
  const start = options.start ?? '2026-10-01';
  const days = options.days ?? 30;
  const timeZone = options.timeZone ?? 'UTC';
  if (!Number.isInteger(days) || days < 21)
    throw new RangeError(`generateMonth needs days ≥ 21 (got ${days})`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start)) throw new RangeError(`start must be YYYY-MM-DD (got ${start})`);
  const calendar = new Calendar(start, days);
  const random = stream(seed, 'plan');
  const dayList = Array.from({ length: days }, (_, i) => calendar.day(i));
  const isWeekend = (i: number) => [0, 6].includes(weekday(calendar.day(i)));
  const weekdayAtOrAfter = (i: number) => {
    let at = i;
    while (isWeekend(at)) at += 1;
    return at;
  };

  // When things happen.
  const weekends = weekendsOf(dayList);
  const majorityFrom = weekends.length >= 4 ? 1 : 0;
  weekends.forEach((w, i) => {
    w.individualMajority = i >= majorityFrom;
  });
  const recordIndex = weekdayAtOrAfter(Math.floor(days * 0.63));
  const seriesIndex = Math.floor(days * 0.45);
  const waveIndex = Math.floor(days * 0.2);
  const returnerFirst = Math.floor(days * 0.1);
  const surgeIndex = weekdayAtOrAfter(Math.floor(days * 0.5));
  const labIndexes = [0.1, 0.37, 0.8].map((at) => weekdayAtOrAfter(Math.floor(days * at)));

  const hub = createHub(seed, calendar, [SERIES_AUTHOR]);
  const plans = new Map<number, DayPlan>();
  for (let index = -WARMUP_DAYS - 7; index < days; index++) {
    const day = calendar.day(index);
    const weekend = weekends.find((w) => w.days.includes(day));
    const individuals =
      weekend === undefined
        ? isWeekend(index)
          ? random.int(16, 19)
          : random.int(13, 18)
        : weekend.individualMajority
          ? random.int(24, 29)
          : random.int(16, 19);
    const plan: DayPlan = {
      individuals,
      extraCreations: index === recordIndex ? RECORD_EXTRA_CREATIONS + random.int(0, 15) : 0,
      weekend: isWeekend(index),
    };
    plans.set(index, plan);
    releaseDay(hub, calendar, index, plan);
  }

  const forced = (e: Entity, from: number, ranks: readonly number[], priority = 5) => {
    e.forced = new Map(ranks.map((rank, i) => [from + i, rank] as const));
    e.priority = priority;
    return e;
  };

  // The numbered series: K5 … K8, 19, 22 and 5 hours apart.
  const seriesRandom = stream(seed, 'series');
  const k5 = localInstant(calendar.day(seriesIndex), 9 + seriesRandom.int(0, 3), timeZone);
  const gaps = [0, 19, 22, 5];
  const seriesRanks = [
    [21, 12, 8, 9, 13, 19, 27, 36],
    [17, 7, 4, 6, 10, 16, 25],
    [9, 3, 2, 5, 9, 15, 24, 33],
    [5, 2, 3, 6, 11, 18, 28],
  ];
  let createdAt = k5;
  const series = [5, 6, 7, 8].map((n, i) => {
    createdAt += (gaps[i] ?? 0) * HOUR;
    const label = `${SERIES_STEM}${n}`;
    const e = add(
      hub,
      modelEntity(
        `${SERIES_AUTHOR}/${label}`,
        {
          name: label,
          attributes: {
            pipelineTag: 'text-generation',
            library: 'transformers',
            tags: ['transformers', 'safetensors', 'text-generation', 'conversational'],
            parameters: 1_540_000_000,
          },
        },
        createdAt,
        'user',
        { likeRate: 0.35, downloadRatio: seriesRandom.int(8, 20), baseDaily: 20 },
      ),
    );
    const first = calendar.firstListedDay(createdAt);
    forced(e, first, seriesRanks[i] ?? [], 3);
    return { externalId: e.externalId, label, createdAt: iso(createdAt), firstTrending: calendar.day(first) };
  });

  // The record day's climber: ten days up to rank 1.
  const climbRanks = [38, 35, 31, 28, 24, 21, 17, 13, 9, 6, 3, 1, 2, 4, 7, 12, 18, 26, 35];
  const climbFrom = recordIndex - 11;
  const climberOrg = hub.orgs[0] as string;
  const climberSpec = domainModel(stream(seed, 'climber'), 'code');
  const climber = add(
    hub,
    modelEntity(
      `${climberOrg}/${climberSpec.name}`,
      climberSpec,
      calendar.takenAt(climbFrom) - 30 * HOUR,
      'org',
      { likeRate: 0.35, downloadRatio: 120, baseDaily: 200 },
    ),
  );
  forced(climber, climbFrom, climbRanks, 0);

  // The medical wave: seven small fine-tunes over five days.
  const waveRandom = stream(seed, 'wave');
  const waveRanks = [24, 15, 9, 8, 11, 16, 23, 33];
  const wave = Array.from({ length: 7 }, (_, i) => {
    const author = i === 3 ? (hub.orgs[1] as string) : (hub.users[100 + i] as string);
    const when = localInstant(
      calendar.day(waveIndex + Math.floor(i * 0.7)),
      8 + waveRandom.int(0, 13),
      timeZone,
    );
    const spec = domainModel(waveRandom, 'medical');
    const e = add(
      hub,
      modelEntity(`${author}/${spec.name}`, spec, when, i === 3 ? 'org' : 'user', {
        likeRate: 0.3,
        downloadRatio: waveRandom.int(10, 40),
        baseDaily: 10,
      }),
    );
    forced(
      e,
      calendar.firstListedDay(when),
      waveRanks.map((r) => r + waveRandom.int(-1, 1)),
      6,
    );
    return e;
  });

  // The returner: a week on the list, seven days away, back for six.
  const away = 7;
  const returnerRandom = stream(seed, 'returner');
  const returnerAuthor = hub.users[120] as string;
  const returner = add(
    hub,
    modelEntity(
      `${returnerAuthor}/${returnerRandom.pick(MODEL_WORDS).toLowerCase()}-tts-${returnerRandom.pick(LANGUAGES)}-0.8B`,
      {
        name: 'tts',
        attributes: {
          pipelineTag: 'text-to-speech',
          library: 'transformers',
          tags: ['transformers', 'safetensors', 'text-to-speech', 'audio'],
          parameters: 812_000_000,
        },
      },
      calendar.takenAt(returnerFirst) - 20 * HOUR,
      'user',
      { likeRate: 0.3, downloadRatio: 25, baseDaily: 40 },
    ),
  );
  const presentRanks = [26, 18, 13, 11, 12, 15, 20];
  const backRanks = [19, 13, 11, 14, 18, 25];
  const returnedOn = returnerFirst + presentRanks.length + away;
  returner.forced = new Map([
    ...presentRanks.map((rank, i) => [returnerFirst + i, rank] as const),
    ...backRanks.map((rank, i) => [returnedOn + i, rank] as const),
  ]);
  returner.priority = 7;

  // Big-lab releases, straight to the top.
  const labRandom = stream(seed, 'labs');
  const labs = shuffled(labRandom, BIG_LABS).slice(0, labIndexes.length);
  const bigLabReleases = labIndexes.map((index, i) => {
    const lab = labs[i] as (typeof BIG_LABS)[number];
    const [name, parameters] = lab.next;
    const when = localInstant(calendar.day(index), 14 + labRandom.int(0, 3), timeZone);
    const e = add(
      hub,
      modelEntity(`${lab.org}/${name}`, labSpec(lab, name, parameters), when, 'org', {
        likeRate: 1.2,
        downloadRatio: labRandom.int(400, 1200),
        baseDaily: 5_000,
      }),
    );
    const first = calendar.firstListedDay(when);
    forced(e, first, [3, 1, 1, 2, 2, 3, 5, 7, 10, 14, 19, 25, 32], 2);
    return {
      externalId: e.externalId,
      author: lab.org,
      createdAt: iso(when),
      firstTrending: calendar.day(first),
    };
  });
  hub.entities.sort((a, b) => a.created - b.created || (a.externalId < b.externalId ? -1 : 1));

  // The failing source: a weekday clear of the other stories.
  const failRandom = stream(seed, 'failure');
  const [failSource, failError] = failRandom.pick(FAILURES);
  const busy = new Set([recordIndex, surgeIndex, surgeIndex + 1, days - 1, days - 2]);
  const failCandidates = dayList
    .map((_, i) => i)
    .filter((i) => i >= Math.floor(days * 0.25) && !isWeekend(i) && !busy.has(i));
  const failIndex = failRandom.pick(failCandidates);

  // Run the days.
  const extras = createHubExtras(seed, calendar);
  const github = createGithub(seed, calendar, surgeIndex);
  const releases = createReleases(seed, calendar);
  const papers = createPapers(seed, calendar);
  const snapshots: BundleSnapshot[] = [];
  const ranksOf = new Map<string, Map<number, number>>();
  for (let index = -WARMUP_DAYS; index < days; index++) {
    const plan = plans.get(index) as DayPlan;
    const list = trendingList(hub, calendar, index, plan, 'medical');
    growModels(hub, calendar, index, new Set(list));
    const others = extras.day(index);
    const repos = github.day(index);
    const released = releases(index);
    const reading = papers(index);
    if (index < 0) continue;
    list.forEach((e, i) => {
      const ranks = ranksOf.get(e.externalId) ?? new Map<number, number>();
      ranks.set(index, i + 1);
      ranksOf.set(e.externalId, ranks);
    });
    const items: Record<SourceId, CollectedItem[]> = {
      'hf-models': trendingItems(list),
      'hf-new-models': newModelItems(hub, calendar, index, 1),
      'hf-datasets': others.datasets,
      'hf-spaces': others.spaces,
      'hf-papers': reading.daily,
      'github-trending': [...repos.daily, ...repos.weekly],
      'github-releases': released,
      arxiv: reading.arxiv,
      fake: [],
    };
    SOURCE_ORDER.forEach((source, order) => {
      const failed = index === failIndex && source === failSource;
      snapshots.push({
        source,
        day: calendar.day(index),
        takenAt: iso(calendar.takenAt(index, order)),
        status: failed ? 'failed' : 'ok',
        error: failed ? failError : null,
        items: failed ? [] : items[source],
      });
    });
  }

  // What the data turned out to hold.
  const newModelsByDay: Record<string, number> = {};
  for (const day of dayList) newModelsByDay[day] = 0;
  for (const e of hub.entities) {
    const day = iso(e.created).slice(0, 10);
    if (day in newModelsByDay) newModelsByDay[day] = (newModelsByDay[day] ?? 0) + 1;
  }
  const byCount = Object.entries(newModelsByDay).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const recordDay = calendar.day(recordIndex);
  const runnerUp = byCount.find(([day]) => day !== recordDay) ?? [recordDay, 0];
  const climberRanks = ranksOf.get(climber.externalId) ?? new Map<number, number>();
  const waveDays = dayList.map((day, i) => ({
    day,
    count: wave.filter((e) => ranksOf.get(e.externalId)?.has(i)).length,
  }));
  const waveOn = waveDays.filter((d) => d.count > 0);
  const wavePeak = [...waveOn].sort((a, b) => b.count - a.count || (a.day < b.day ? -1 : 1))[0];
  const streakWeekends = weekends.filter((w) => w.individualMajority);

  const script: MonthScript = {
    seed,
    start,
    end: calendar.day(days - 1),
    timeZone,
    days: dayList,
    weekends,
    weekendStreak: {
      weekends: streakWeekends.length,
      from: streakWeekends[0]?.days[0] ?? '',
      to: streakWeekends.at(-1)?.days.at(-1) ?? '',
    },
    series: { author: SERIES_AUTHOR, stem: SERIES_STEM, members: series },
    record: {
      day: recordDay,
      newModels: newModelsByDay[recordDay] ?? 0,
      runnerUp: { day: runnerUp[0], newModels: runnerUp[1] },
      listedFrom: calendar.day(recordIndex + 1),
      peak: {
        externalId: climber.externalId,
        rank: climberRanks.get(recordIndex) ?? 0,
        day: recordDay,
        previousBest: Math.min(...[...climberRanks].filter(([i]) => i < recordIndex).map(([, r]) => r)),
      },
    },
    domainWave: {
      domain: 'medical',
      members: wave.map((e) => e.externalId),
      from: waveOn[0]?.day ?? '',
      to: waveOn.at(-1)?.day ?? '',
      peakDay: wavePeak?.day ?? '',
      peakCount: wavePeak?.count ?? 0,
    },
    returner: {
      externalId: returner.externalId,
      lastSeen: calendar.day(returnerFirst + presentRanks.length - 1),
      returnedOn: calendar.day(returnedOn),
      daysAway: away,
    },
    starSurge: {
      repository: github.surge.repository,
      day: calendar.day(surgeIndex),
      starsInPeriod: github.surge.gains[0] ?? 0,
    },
    failedSource: { source: failSource, day: calendar.day(failIndex), error: failError },
    bigLabReleases,
    newModelsByDay,
  };
  return {
    bundle: {
      format: BUNDLE_FORMAT,
      description: `Generated month (seed ${seed}): ${script.start}..${script.end}, invented names and numbers`,
      snapshots,
    },
    script,
  };
}

function weekendsOf(days: readonly string[]): MonthWeekend[] {
  const out: MonthWeekend[] = [];
  for (const day of days) {
    const dow = weekday(day);
    if (dow === 6) out.push({ days: [day], individualMajority: true });
    else if (dow === 0) {
      const last = out.at(-1);
      const saturday = new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
      if (last && last.days[0] === saturday) last.days.push(day);
      else out.push({ days: [day], individualMajority: true });
    }
  }
  return out;
}

function shuffled<T>(random: Random, values: readonly T[]): T[] {
  const out = [...values];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
