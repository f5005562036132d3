/**
 * @module lib/line-batch
 * Log lines gathered for one turn of the event loop and written together: under load a server
 * logs a line per request, and one write call per line costs more than making the line. Lines
 * keep their order; what is gathered is written at the end of the turn, when it grows past
 * `maxBytes`, and when the process exits, so only a SIGKILL can lose the last turn's lines.
 */
export interface LineBatch {
  push(line: string): void;
  /** Writes what is gathered now (before other output that must follow it). */
  flush(): void;
  /** Flushes and stops listening for the process's exit. */
  close(): void;
}

export function lineBatch(write: (chunk: string) => void, maxBytes = 64 * 1024): LineBatch {
  let lines: string[] = [];
  let bytes = 0;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (lines.length === 0) return;
    const chunk = lines.length === 1 ? (lines[0] as string) : lines.join('');
    lines = [];
    bytes = 0;
    write(chunk);
  };
  process.on('exit', flush);
  return {
    push(line) {
      lines.push(line);
      bytes += line.length;
      if (bytes >= maxBytes) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
    close() {
      flush();
      process.off('exit', flush);
    },
  };
}
