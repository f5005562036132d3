/**
 * @module testing/store/busy-writer
 * A second process writing to a SQLite store without pause, the way a running server would:
 * each transaction adds two `job_runs` rows for one made-up day (`w000001` edition + publish), so
 * a consistent copy holds both rows of every day it holds, and days 1…n without a gap.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';
import { REPO_ROOT } from '../sources/fixtures.js';

const WRITER = `
const Database = require(process.argv[1]);
const db = new Database(process.argv[2], { timeout: 5000 });
db.pragma('journal_mode = WAL');
const insert = db.prepare('insert into job_runs (day, step, done_at, detail) values (?, ?, ?, ?)');
const pad = 'x'.repeat(1500);
const pair = db.transaction((n) => {
  const day = 'w' + String(n).padStart(6, '0');
  insert.run(day, 'edition', new Date().toISOString(), pad);
  insert.run(day, 'publish', new Date().toISOString(), pad);
});
let n = 0;
process.on('SIGTERM', () => { db.close(); process.stdout.write('stopped ' + n + '\\n'); process.exit(0); });
(function step() {
  pair(++n);
  if (n % 5 === 0) process.stdout.write(n + '\\n');
  setImmediate(step);
})();
`;

export interface BusyWriter {
  /** Resolves once the writer has committed at least `count` days. */
  reached(count: number): Promise<void>;
  /** Days committed so far, as last reported. */
  written(): number;
  stop(): Promise<void>;
}

export function startBusyWriter(file: string): BusyWriter {
  const child: ChildProcess = spawn(
    process.execPath,
    ['-e', WRITER, join(REPO_ROOT, 'node_modules/better-sqlite3'), file],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let count = 0;
  let stderr = '';
  let exited: string | undefined;
  const waiting: Array<{ count: number; resolve(): void; reject(error: Error): void }> = [];
  const settle = () => {
    for (const wait of [...waiting]) {
      if (count >= wait.count) wait.resolve();
      else if (exited) wait.reject(new Error(`the writer ${exited} after ${count} days: ${stderr}`));
      else continue;
      waiting.splice(waiting.indexOf(wait), 1);
    }
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    const numbers = chunk.toString().match(/\d+/g);
    if (numbers) count = Math.max(count, Number(numbers[numbers.length - 1]));
    settle();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const closed = new Promise<void>((resolve) =>
    child.once('close', (code, signal) => {
      exited = `exited (${signal ?? code})`;
      settle();
      resolve();
    }),
  );
  return {
    reached: (target) =>
      new Promise((resolve, reject) => {
        waiting.push({ count: target, resolve, reject });
        settle();
      }),
    written: () => count,
    stop: async () => {
      if (!exited) child.kill('SIGTERM');
      await closed;
    },
  };
}

/** The writer's days in a store, checked whole: both steps of every day, days 1…n in order. */
export async function writerDays(db: Kysely<Database>): Promise<number> {
  const rows = await db
    .selectFrom('job_runs')
    .select(['day', 'step'])
    .where('day', 'like', 'w%')
    .orderBy('day')
    .orderBy('step')
    .execute();
  const days = rows.length / 2;
  rows.forEach((row, index) => {
    const day = `w${String(Math.floor(index / 2) + 1).padStart(6, '0')}`;
    const step = index % 2 === 0 ? 'edition' : 'publish';
    if (row.day !== day || row.step !== step)
      throw new Error(`job_runs row ${index} is ${row.day}/${row.step}, expected ${day}/${step}`);
  });
  if (!Number.isInteger(days)) throw new Error(`${rows.length} writer rows: a day is missing half`);
  return days;
}
