/**
 * Makes samples/sample-day.json, the day `npm start` builds from on a fresh install with no
 * network: our own sources replay the real recordings in ../shared/fixtures/real into a scratch
 * store, and our own export keeps the facts (names, titles, numbers, tags, dates) and leaves out
 * upstream prose (descriptions, abstracts).
 *
 *   npx tsx scripts/sample-day.ts [out-file]     (default: samples/sample-day.json)
 *
 * test/sample-day.test.ts regenerates the file and checks the shipped copy is what this makes.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeSampleDay } from './sample-day/make.js';

const out = resolve(process.argv[2] ?? 'samples/sample-day.json');
const bundle = await makeSampleDay();
writeFileSync(out, `${JSON.stringify(bundle, null, 1)}\n`);
const items = bundle.snapshots.reduce((sum, s) => sum + s.items.length, 0);
process.stdout.write(
  `${fileURLToPath(import.meta.url)}: wrote ${out} (${bundle.snapshots.length} snapshots, ${items} items)\n`,
);
