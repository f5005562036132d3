/**
 * @module writers/newsroom/stories
 * One file per kind of story, each holding the lead's frame and the opinion's headlines and thesis
 * for that kind. The table is a Record of every story kind, so a new kind must be written before
 * the project compiles.
 */
import type { Story } from '../../../core/plan.js';
import { labReleaseKind } from './lab-release.js';
import { moverKind } from './mover.js';
import { paperKind } from './paper.js';
import { seriesKind } from './series.js';
import type { StoryKind } from './shared.js';
import { starSurgeKind } from './star-surge.js';
import { surgeKind } from './surge.js';
import { waveKind } from './wave.js';

export type { Ctx, Frame, OpinionCtx, StoryKind } from './shared.js';

export const STORY_KINDS: Record<Story['kind'], StoryKind> = {
  'weekend-surge': surgeKind,
  'independent-surge': surgeKind,
  'author-series': seriesKind,
  'domain-wave': waveKind,
  'big-lab-release': labReleaseKind,
  'star-surge': starSurgeKind,
  'paper-record': paperKind,
  'biggest-mover': moverKind,
  theme: waveKind,
};
