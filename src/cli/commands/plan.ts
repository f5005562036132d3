/**
 * @module cli/commands/plan
 * `morning-post plan`: what the day's edition will cover, and why.
 */
import type { Command } from 'commander';
import { dayIn } from '../../core/clock.js';
import { planDay, savePlan } from '../../pipeline/plan.js';
import { openStore } from '../../store/index.js';
import { commandContext, type GlobalOptions } from '../context.js';
import { formatExplain, formatPlan } from '../plan-format.js';
import { parseDay } from '../values.js';

interface PlanFlags {
  date?: string;
  json?: boolean;
  explain?: boolean;
  save?: boolean;
  force?: boolean;
}

export function registerPlan(program: Command): void {
  program
    .command('plan')
    .description("plan a day's edition from the stored history")
    .option('--date <YYYY-MM-DD>', 'the edition day (default: today in MORNING_POST_TZ)')
    .option('--json', 'print the plan as JSON (the input of `morning-post write`)')
    .option('--explain', 'also show every candidate story with its magnitude, novelty and score')
    .option('--save', "store the plan as the day's draft edition (later editions use it for continuity)")
    .option('--force', 'with --save: replace the plan of a published edition')
    .action(async (flags: PlanFlags, command: Command) => {
      const { config, clock } = commandContext({ ...command.optsWithGlobals<GlobalOptions>(), quiet: true });
      const day = flags.date ? parseDay(flags.date) : dayIn(clock.now(), config.edition.timeZone);
      const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        await store.migrate();
        const plan = await planDay(store, day, config);
        if (flags.save) {
          const saved = await savePlan(store, plan, clock, Boolean(flags.force));
          process.stderr.write(`saved the plan of ${day} as edition No. ${saved.number} (${saved.status})\n`);
        }
        if (flags.json) process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
        else process.stdout.write(`${flags.explain ? formatExplain(plan) : formatPlan(plan)}\n`);
      } finally {
        await store.close();
      }
    });
}
