/**
 * @module testing/month/hub-models
 * The month's Hub models: who releases what each day (many small releases, more of them by
 * individuals at weekends), the planted stories among them, and the two lists the collector
 * stores: `hf-models/trending` (40 a day) and `hf-new-models/new` (everything created in the
 * last 7 days, newest first).
 *
 * The trending list is made in three steps. Every entity with a curve has a heat for the day;
 * the day's share of individual authors is decided first (weekdays 13–18 of 40, weekends with a
 * surge 24–29, other weekends 16–19) and filled with the hottest individuals and organisations;
 * then planted entities are put at the ranks their story gives them. Deciding the share first
 * is what makes the weekend surge certain for every seed rather than likely.
 */
import { classifyDomain } from '../../analysis/facts/domain.js';
import type { AuthorKind, CollectedItem } from '../../core/item.js';
import { type ModelSpec, modelSpec, RECIPES, withKind } from './models.js';
import { BIG_LABS, orgNames, userHandles } from './names.js';
import { DAY_MS, dayStart, HOUR, iso, localInstant, type Random, stream, weekday } from './random.js';
import { type Calendar, collected, type Entity, entity, heatOf } from './world.js';

export const TRENDING_SIZE = 40;
/** Days simulated before the first output day, so lists and metrics are already in motion. */
export const WARMUP_DAYS = 8;
/** hf-new-models' default window (config `hfNewModels.windowDays`). */
export const NEW_MODELS_WINDOW_DAYS = 7;

export interface DayPlan {
  /** How many of the day's trending models are by individuals. */
  individuals: number;
  /** Extra models created by individuals (the record day's flood). */
  extraCreations: number;
  weekend: boolean;
}

export interface HubModels {
  entities: Entity[];
  byId: Map<string, Entity>;
  users: string[];
  orgs: string[];
  random: Random;
}

const HUB = 'https://huggingface.co';

export function modelEntity(
  id: string,
  spec: ModelSpec,
  created: number,
  authorKind: AuthorKind | undefined,
  fields: Partial<Entity> = {},
): Entity {
  const { attributes } = withKind(spec, iso(created), authorKind);
  const author = id.slice(0, id.indexOf('/'));
  return entity({
    kind: 'model',
    externalId: id,
    url: `${HUB}/${id}`,
    author,
    attributes,
    created,
    ...(authorKind ? { authorKind } : {}),
    domain: classifyDomain({ kind: 'model', externalId: id, title: id, attributes }).domain,
    ...fields,
  });
}

/** Everyone who releases models this month, and the models that existed before it began. */
export function createHub(seed: number, calendar: Calendar, reserved: readonly string[]): HubModels {
  const random = stream(seed, 'hub-models');
  const users = userHandles(random, 140, reserved);
  const orgs = orgNames(random);
  const hub: HubModels = { entities: [], byId: new Map(), users, orgs, random };
  const start = dayStart(calendar.start);
  // Established models: created weeks or months ago, trending on their way down or steady.
  for (const lab of BIG_LABS) {
    const [name, parameters] = lab.previous;
    add(
      hub,
      modelEntity(
        `${lab.org}/${name}`,
        labSpec(lab, name, parameters),
        start - random.int(40, 300) * DAY_MS,
        'org',
        {
          curve: {
            peakDay: random.int(-20, 4),
            peak: random.int(100, 320),
            rise: 8,
            fall: random.int(9, 20),
          },
          likes: random.int(2_000, 20_000),
          downloads: random.int(200_000, 4_000_000),
          likeRate: 0.35,
          downloadRatio: random.int(300, 1200),
          baseDaily: random.int(20_000, 120_000),
        },
      ),
    );
  }
  for (let i = 0; i < 22; i++) {
    const org = random.pick(orgs);
    const kind: AuthorKind = i < 14 ? 'org' : 'user';
    const author = kind === 'org' ? org : random.pick(users);
    const spec = modelSpec(random, random.weighted(RECIPES));
    add(
      hub,
      modelEntity(`${author}/${spec.name}`, spec, start - random.int(10, 120) * DAY_MS, kind, {
        curve: {
          peakDay: random.int(-12, 10),
          peak: random.int(50, 300),
          rise: random.int(3, 8),
          fall: random.int(6, 20),
        },
        likes: random.int(100, 3_000),
        downloads: random.int(5_000, 400_000),
        likeRate: 0.3,
        downloadRatio: kind === 'org' ? random.int(50, 300) : random.int(10, 80),
        baseDaily: kind === 'org' ? random.int(500, 8_000) : random.int(30, 600),
      }),
    );
  }
  return hub;
}

/** A big lab's own model: no base model, the lab's task and size. */
export function labSpec(lab: (typeof BIG_LABS)[number], name: string, parameters: number): ModelSpec {
  return {
    name,
    attributes: {
      pipelineTag: lab.pipelineTag,
      library: 'transformers',
      tags: ['transformers', 'safetensors', lab.pipelineTag, 'conversational', 'license:apache-2.0'],
      parameters,
    },
  };
}

export function add(hub: HubModels, e: Entity): Entity {
  if (hub.byId.has(e.externalId)) throw new Error(`duplicate model ${e.externalId}`);
  hub.byId.set(e.externalId, e);
  hub.entities.push(e);
  return e;
}

/** A name not yet taken by `author` (adds a word when the recipe repeats itself). */
function freeId(hub: HubModels, author: string, name: string): string {
  let id = `${author}/${name}`;
  for (let n = 0; hub.byId.has(id); n++)
    id = `${author}/${name}-${['alt', 'exp', 'dpo', 'sft', 'rl', 'merged'][n % 6]}${n >= 6 ? `-${hub.random.pick(['a', 'b', 'c'])}` : ''}`;
  return id;
}

/**
 * The models created on day `index`: a long tail nobody trends, and a few that catch on.
 * Weekends have fewer releases overall, more of them by individuals, and more that catch on.
 */
export function releaseDay(hub: HubModels, calendar: Calendar, index: number, plan: DayPlan): void {
  const { random } = hub;
  const day = calendar.day(index);
  const dow = weekday(day);
  const weekend = dow === 0 || dow === 6;
  const growth = 1 + 0.008 * (index + WARMUP_DAYS);
  const tail = Math.round((weekend ? random.int(12, 19) : random.int(20, 33)) * growth) + plan.extraCreations;
  const catching = {
    user: dow === 6 || dow === 0 ? random.int(6, 9) : dow === 5 ? random.int(5, 7) : random.int(3, 5),
    org: weekend ? random.int(0, 1) : random.int(2, 4),
  };
  const userShare = weekend ? 0.86 : 0.7;
  const created: Entity[] = [];
  for (let i = 0; i < tail + catching.user + catching.org; i++) {
    const trends = i >= tail;
    const kind: AuthorKind = trends
      ? i < tail + catching.user
        ? 'user'
        : 'org'
      : random.chance(userShare)
        ? 'user'
        : 'org';
    const author = kind === 'user' ? random.pick(hub.users) : random.pick(hub.orgs);
    const spec = modelSpec(random, random.weighted(RECIPES));
    const when = dayStart(day) + random.int(0, 24 * 60 - 1) * 60_000;
    // The Hub's author look-ups miss some long-tail authors; trending ones are always resolved.
    const known = trends || random.chance(0.88);
    const first = calendar.firstListedDay(when);
    created.push(
      modelEntity(freeId(hub, author, spec.name), spec, when, known ? kind : undefined, {
        ...(trends
          ? {
              curve: {
                peakDay: first + random.int(1, 3) - 0.5 + random.next(),
                peak: kind === 'user' ? random.int(30, 240) : random.int(45, 380),
                rise: 0.8 + random.next() * 0.8,
                fall: 1.5 + random.next() * (kind === 'user' ? 3 : 5),
              },
            }
          : {}),
        likeRate: trends ? 0.3 : 0.05,
        downloadRatio: kind === 'user' ? random.int(6, 60) : random.int(30, 250),
        baseDaily: trends ? random.int(5, 80) : random.int(0, 6),
      }),
    );
  }
  created.sort((a, b) => a.created - b.created);
  for (const e of created) add(hub, e);
}

/** The trending list of day `index`, by the day's plan (see the module comment). */
export function trendingList(
  hub: HubModels,
  calendar: Calendar,
  index: number,
  plan: DayPlan,
  waveDomain?: string,
): Entity[] {
  const { random } = hub;
  const seenBy = calendar.takenAt(index) - 3 * HOUR;
  const forced: Array<{ e: Entity; rank: number }> = [];
  const users: Entity[] = [];
  const orgs: Entity[] = [];
  for (const e of hub.entities) {
    if (e.created > seenBy) continue;
    const rank = e.forced?.get(index);
    if (rank !== undefined) {
      forced.push({ e, rank });
      continue;
    }
    if (e.forced || !e.curve || !e.authorKind) continue;
    const heat = heatOf(e.curve, index);
    if (heat <= 0) continue;
    e.heat = heat * random.jitter(0.15) * (plan.weekend && e.authorKind === 'user' ? 1.4 : 1);
    (e.authorKind === 'user' ? users : orgs).push(e);
  }
  const byHeat = (a: Entity, b: Entity) => b.heat - a.heat || (a.externalId < b.externalId ? -1 : 1);
  users.sort(byHeat);
  orgs.sort(byHeat);
  forced.sort((a, b) => a.rank - b.rank || a.e.priority - b.e.priority);

  // On a wave day no other named domain may outnumber the wave's.
  const waveCount = waveDomain ? forced.filter((f) => f.e.domain === waveDomain).length : 0;
  const cap = waveCount >= 3 ? waveCount - 1 : Number.POSITIVE_INFINITY;
  const domains = new Map<string, number>();
  const allowed = (e: Entity) =>
    e.domain === 'general' || e.domain === waveDomain || (domains.get(e.domain) ?? 0) < cap;
  const take = (from: Entity[], count: number, into: Entity[]) => {
    for (const e of from) {
      if (count <= 0) break;
      if (into.includes(e) || !allowed(e)) continue;
      into.push(e);
      domains.set(e.domain, (domains.get(e.domain) ?? 0) + 1);
      count -= 1;
    }
  };
  const room = TRENDING_SIZE - forced.length;
  const forcedUsers = forced.filter((f) => f.e.authorKind === 'user').length;
  const wantUsers = Math.max(0, Math.min(room, plan.individuals - forcedUsers));
  const chosen: Entity[] = [];
  take(users, wantUsers, chosen);
  take(orgs, room - chosen.length, chosen);
  // Short of one kind: fill from the other rather than print a short list.
  take(users, room - chosen.length, chosen);
  chosen.sort(byHeat);

  const list: Array<Entity & { planted?: boolean }> = [...chosen];
  const planted = new Set<Entity>();
  for (const { e, rank } of forced) {
    let at = Math.min(rank - 1, list.length);
    while (at < list.length && planted.has(list[at] as Entity)) at += 1;
    list.splice(at, 0, e);
    planted.add(e);
  }
  // Displayed trending scores fall with rank: the pool's heats, with planted entities between.
  const scores = list.map((e, i) => {
    if (!planted.has(e)) return e.heat;
    const before = list.slice(0, i).findLast((x) => !planted.has(x))?.heat;
    const after = list.slice(i + 1).find((x) => !planted.has(x))?.heat;
    return ((before ?? (after ?? 50) * 1.3) + (after ?? (before ?? 50) * 0.8)) / 2;
  });
  scores.sort((a, b) => b - a);
  list.forEach((e, i) => {
    e.heat = scores[i] ?? 0;
  });
  return list.slice(0, TRENDING_SIZE);
}

/** Grows every model's likes and downloads by its heat today (trending ones by their list score). */
export function growModels(
  hub: HubModels,
  calendar: Calendar,
  index: number,
  listed: ReadonlySet<Entity>,
): void {
  const { random } = hub;
  const seenBy = calendar.takenAt(index);
  for (const e of hub.entities) {
    if (e.created > seenBy) continue;
    const heat = listed.has(e) ? e.heat : e.curve && !e.forced ? heatOf(e.curve, index) * 0.5 : e.heat * 0.4;
    if (!listed.has(e)) e.heat = heat;
    const likes = Math.round(heat * e.likeRate * random.jitter(0.3) + (random.chance(0.25) ? 1 : 0));
    e.likes += likes;
    e.downloads += Math.round(
      likes * e.downloadRatio * random.jitter(0.4) + e.baseDaily * random.jitter(0.3),
    );
  }
}

export function trendingItems(list: readonly Entity[]): CollectedItem[] {
  return list.map((e, i) =>
    collected(e, 'trending', i + 1, {
      likes: e.likes,
      downloads: e.downloads,
      trendingScore: Math.max(1, Math.round(e.heat)),
    }),
  );
}

/** hf-new-models: every model created from midnight UTC seven days back up to the collection. */
export function newModelItems(
  hub: HubModels,
  calendar: Calendar,
  index: number,
  sourceOrder: number,
): CollectedItem[] {
  const from = dayStart(calendar.day(index)) - NEW_MODELS_WINDOW_DAYS * DAY_MS;
  const to = calendar.takenAt(index, sourceOrder);
  return hub.entities
    .filter((e) => e.created >= from && e.created < to)
    .sort((a, b) => b.created - a.created || (a.externalId < b.externalId ? -1 : 1))
    .map((e, i) => collected(e, 'new', i + 1, { likes: e.likes, downloads: e.downloads }));
}

export { localInstant };
