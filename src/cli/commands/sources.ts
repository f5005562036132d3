/**
 * @module cli/commands/sources
 * `morning-post sources`: what each source collects and what it needs.
 */
import type { Command } from 'commander';
import { allSources, liveSources } from '../../sources/registry.js';
import { renderTable } from '../table.js';

export function registerSources(program: Command): void {
  program
    .command('sources')
    .description('list the sources and what each needs')
    .option('--json', 'print as JSON')
    .action((flags: { json?: boolean }) => {
      const list = allSources.map((source) => ({
        id: source.id,
        title: source.title,
        description: source.description,
        needs: [...source.needs],
        default: liveSources.includes(source),
      }));
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      const rows = list.map((s) => [
        s.id,
        s.default ? 'yes' : 'no',
        s.needs.join(', ') || '-',
        s.description,
      ]);
      process.stdout.write(`${renderTable(['source', 'default', 'needs', 'what it collects'], rows)}\n`);
    });
}
