/**
 * @module cli/progress
 * Shows collection as it happens: one live line per source on a terminal, plain log lines
 * otherwise (CI, pipes, cron).
 */
import type { CollectEvent, CollectRow } from '../pipeline/collect.js';
import { shortenUrls } from './table.js';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface ProgressDisplay {
  onEvent(event: CollectEvent): void;
  stop(): void;
}

export function createProgress(stream: NodeJS.WriteStream, sourceIds: readonly string[]): ProgressDisplay {
  return stream.isTTY ? liveProgress(stream, sourceIds) : plainProgress(stream);
}

function plainProgress(stream: NodeJS.WritableStream): ProgressDisplay {
  return {
    onEvent(event) {
      // One line per source, when it is done: a start line per source only doubles the output.
      if (event.type === 'finish') stream.write(`collect ${event.row.source}: ${rowText(event.row)}\n`);
    },
    stop() {},
  };
}

function liveProgress(stream: NodeJS.WriteStream, sourceIds: readonly string[]): ProgressDisplay {
  const lines = new Map<string, string>(sourceIds.map((id) => [id, 'waiting']));
  const started = new Map<string, number>();
  let frame = 0;
  let drawn = 0;
  const draw = () => {
    if (drawn > 0) stream.write(`\x1b[${drawn}A`);
    for (const id of sourceIds) {
      const state = lines.get(id) ?? '';
      const running = started.has(id) && state === 'running';
      const seconds = running ? ` ${((Date.now() - (started.get(id) ?? 0)) / 1000).toFixed(1)}s` : '';
      const mark = running ? SPINNER[frame % SPINNER.length] : ' ';
      stream.write(`\x1b[2K${mark} ${id.padEnd(16)} ${state}${seconds}\n`);
    }
    drawn = sourceIds.length;
    frame += 1;
  };
  const timer = setInterval(draw, 100);
  timer.unref();
  draw();
  return {
    onEvent(event) {
      if (event.type === 'start') {
        started.set(event.source, Date.now());
        lines.set(event.source, 'running');
      } else {
        lines.set(event.row.source, rowText(event.row));
      }
      draw();
    },
    stop() {
      clearInterval(timer);
      draw();
    },
  };
}

function rowText(row: CollectRow): string {
  const base = `${row.status}, ${row.items} items (${row.newItems} new), ${(row.durationMs / 1000).toFixed(1)}s`;
  return row.error ? `${base}: ${shortReason(row)}` : base;
}

/** A row's error without its hint (the summary says that once) and with long queries cut. */
export function shortReason(row: Pick<CollectRow, 'error' | 'hint'>): string {
  const error = row.error ?? '';
  const hint = row.hint ? ` (${row.hint})` : '';
  return shortenUrls(hint && error.endsWith(hint) ? error.slice(0, -hint.length) : error);
}

/**
 * One line for the whole collection: how many sources answered, and the hints of those that did
 * not, each once (eight sources down with one cause is one problem, not eight).
 */
export function collectionSummary(rows: readonly CollectRow[]): string {
  const failed = rows.filter((row) => row.status === 'failed');
  const answered = rows.length - failed.length;
  const head = `Collected ${answered} of ${rows.length} sources`;
  if (failed.length === 0) return `${head}.`;
  const hints = [...new Set(failed.flatMap((row) => (row.hint ? [row.hint] : [])))];
  return `${head}; ${failed.length} failed (${failed.map((row) => row.source).join(', ')}).${hints.map((hint) => ` ${hint}`).join('')}`;
}
