/**
 * @module bench/writers
 * The newsroom writer on the seed-scenario plan (median time per edition) and the fact-checker's
 * time per 1,000 words of that edition.
 */
import { sectionPlainText } from '../src/core/text.js';
import { seedPlan } from '../src/testing/plans/plans.js';
import { benchmarkFactCheck } from '../src/writers/fact-check.js';
import { benchmarkNewsroom, writeEdition } from '../src/writers/newsroom/index.js';

export async function writerBenchmarks(): Promise<{
  newsroomMs: number;
  factCheckMsPer1000Words: number;
  words: number;
}> {
  const plan = await seedPlan();
  const newsroomMs = benchmarkNewsroom(plan, 200);
  const text = writeEdition(plan)
    .sections.map((section) => sectionPlainText(section))
    .join('\n');
  const words = text.split(/\s+/).filter(Boolean).length;
  return { newsroomMs, factCheckMsPer1000Words: benchmarkFactCheck(plan, text, 200), words };
}
