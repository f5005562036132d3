/**
 * @module testing/month
 * A seeded, realistic month of snapshots for tests and demos: `generateMonth({ seed })` gives a
 * `morning-post/snapshots@1` bundle and the script of the stories planted in it.
 */
export {
  type GeneratedMonth,
  type GenerateMonthOptions,
  generateMonth,
  type MonthScript,
  type MonthSeriesMember,
  type MonthWeekend,
} from './generate.js';
