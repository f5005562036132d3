/**
 * @module testing/month/world
 * The things the month generator tracks from day to day: an entity (a model, dataset, Space,
 * repository…) with its stable item fields, a popularity curve, cumulative metrics, and (for
 * planted stories) ranks fixed in advance. A curve rises to a peak and falls again, so items
 * enter a list, climb, peak and drop out the way trending lists behave.
 */
import type { AuthorKind, CollectedItem, ItemAttributes, ItemKind, Metrics } from '../../core/item.js';
import { DAY_MS, dayStart, HOUR } from './random.js';

/** Popularity over days: a bell that rises over `rise` days to `peak` on `peakDay`, falls over `fall`. */
export interface Curve {
  peakDay: number;
  peak: number;
  rise: number;
  fall: number;
}

/** Beyond this many widths from the peak an entity is off every list. */
const REACH = 2.2;

export function heatOf(curve: Curve, day: number): number {
  const width = day < curve.peakDay ? curve.rise : curve.fall;
  const x = (day - curve.peakDay) / width;
  return Math.abs(x) > REACH ? 0 : curve.peak * Math.exp(-x * x);
}

export interface Entity {
  kind: ItemKind;
  externalId: string;
  title: string;
  url: string;
  author?: string;
  attributes: ItemAttributes;
  /** ms since the epoch. */
  created: number;
  authorKind?: AuthorKind;
  curve?: Curve;
  /** Planted: day index → rank on the entity's main list. */
  forced?: Map<number, number>;
  /** Lower wins when two planted entities want the same rank. */
  priority: number;
  /** Domain by the project's own rules, for the domain cap on wave days. */
  domain: string;
  /** Today's popularity (what drives metrics), updated each simulated day. */
  heat: number;
  likes: number;
  downloads: number;
  /** Likes per unit of heat, and downloads per like. */
  likeRate: number;
  downloadRatio: number;
  /** Downloads (or stars) a day from steady use, whatever the heat. */
  baseDaily: number;
}

export function entity(
  fields: Partial<Entity> & Pick<Entity, 'kind' | 'externalId' | 'url' | 'created'>,
): Entity {
  return {
    title: fields.externalId,
    attributes: {},
    priority: 10,
    domain: 'general',
    heat: 0,
    likes: 0,
    downloads: 0,
    likeRate: 0.3,
    downloadRatio: 20,
    baseDaily: 0,
    ...fields,
  };
}

/** The item as a source would have collected it, with today's metrics. */
export function collected(
  e: Entity,
  list: string,
  rank: number | undefined,
  metrics: Metrics,
): CollectedItem {
  return {
    kind: e.kind,
    externalId: e.externalId,
    title: e.title,
    url: e.url,
    ...(e.author ? { author: e.author } : {}),
    attributes: e.attributes,
    list,
    ...(rank === undefined ? {} : { rank }),
    metrics,
  };
}

/** The days of the month and the moment each source was read on each of them. */
export class Calendar {
  constructor(
    readonly start: string,
    readonly days: number,
  ) {}

  day(index: number): string {
    return new Date(dayStart(this.start) + index * DAY_MS).toISOString().slice(0, 10);
  }

  /** Collection starts at 06:00 UTC; each source is read a minute or two after the one before. */
  takenAt(index: number, sourceOrder = 0): number {
    return dayStart(this.day(index)) + 6 * HOUR + sourceOrder * 97_000;
  }

  /** The first day (index) whose collection sees something created at `instant`, three hours on. */
  firstListedDay(instant: number): number {
    let index = Math.floor((instant - dayStart(this.start)) / DAY_MS) - 1;
    while (this.takenAt(index) < instant + 3 * HOUR) index += 1;
    return index;
  }

  indexOf(instant: number): number {
    return Math.floor((instant - dayStart(this.start)) / DAY_MS);
  }
}
