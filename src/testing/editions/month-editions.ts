/**
 * @module testing/editions/month-editions
 * A month of editions built as the daily job builds them: the generated month imported into a
 * fresh SQLite store, then day by day plan (from the stored history and the earlier editions,
 * their memory included) → write → save as published. For the prose tests, the bench and demos.
 */
import type { EditionPlan } from '../../core/plan.js';
import type { EditionText } from '../../core/text.js';
import { importBundle } from '../../pipeline/bundle.js';
import { loadHistory, loadPreviousEditions } from '../../pipeline/history.js';
import { buildPlan } from '../../planner/index.js';
import { createSqliteStore } from '../../store/sqlite/index.js';
import type { Writer } from '../../writers/writer.js';
import { type GeneratedMonth, generateMonth } from '../month/index.js';

export interface MonthEdition {
  date: string;
  number: number;
  plan: EditionPlan;
  text: EditionText;
}

export interface MonthEditions {
  month: GeneratedMonth;
  editions: MonthEdition[];
}

export async function buildMonthEditions(options: {
  seed: number;
  writer: Writer;
  days?: number;
}): Promise<MonthEditions> {
  const month = generateMonth({ seed: options.seed, ...(options.days ? { days: options.days } : {}) });
  const store = createSqliteStore({ file: ':memory:' });
  try {
    await store.migrate();
    await importBundle(store, month.bundle);
    const editions: MonthEdition[] = [];
    for (const day of month.script.days) {
      const plan = buildPlan(await loadHistory(store, day), await loadPreviousEditions(store, day), {
        timeZone: month.script.timeZone,
      });
      const text = await options.writer.write(plan);
      const meta = { dataMode: 'live', dataDay: day, failedSources: [] };
      const record = await store.saveEdition({ date: day, plan, text, meta }, `${day}T07:00:00.000Z`, {
        publish: true,
      });
      editions.push({ date: day, number: record.number, plan, text });
    }
    return { month, editions };
  } finally {
    await store.close();
  }
}
