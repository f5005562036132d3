/**
 * @module pipeline/sample
 * The sample day shipped in samples/ (made by scripts/sample-day.ts from real recordings): what a
 * fresh install builds its first edition from when the network is unreachable.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SnapshotBundle } from '../core/bundle.js';
import { parseBundle } from './bundle.js';

/** Two levels up from src/pipeline (tsx) and dist/pipeline (built) alike. */
export const SAMPLE_DAY_FILE = fileURLToPath(new URL('../../samples/sample-day.json', import.meta.url));

export function readSampleDay(path = SAMPLE_DAY_FILE): SnapshotBundle {
  return parseBundle(JSON.parse(readFileSync(path, 'utf8')), path);
}
