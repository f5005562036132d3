/**
 * Writes a generated month of snapshots (src/testing/month) as a bundle, for demos and manual
 * testing: 30 days of every source, with the stories listed in src/testing/month/generate.ts.
 *
 *   npx tsx scripts/month.ts [--seed 7] [--start 2026-10-01] [--days 30] [--time-zone UTC] [--out month.json]
 *
 * Then: `morning-post import month.json` and `morning-post edition --offline --date 2026-10-19`.
 * The planted stories (which day is the record, which source failed…) go to stderr.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateMonth } from '../src/testing/month/index.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '7' },
    start: { type: 'string' },
    days: { type: 'string' },
    'time-zone': { type: 'string' },
    out: { type: 'string', default: 'month.json' },
  },
});
const seed = Number(values.seed);
if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer (got ${values.seed})`);
const { bundle, script } = generateMonth({
  seed,
  ...(values.start ? { start: values.start } : {}),
  ...(values.days ? { days: Number(values.days) } : {}),
  ...(values['time-zone'] ? { timeZone: values['time-zone'] } : {}),
});
const out = resolve(values.out);
writeFileSync(out, `${JSON.stringify(bundle)}\n`);
const items = bundle.snapshots.reduce((sum, s) => sum + s.items.length, 0);
const { newModelsByDay: _counts, days: _days, ...planted } = script;
process.stderr.write(`${JSON.stringify(planted, null, 1)}\n`);
process.stdout.write(`wrote ${out} (${bundle.snapshots.length} snapshots, ${items} items)\n`);
