/**
 * @module core/order
 * Binary (code-unit) string order: the same on every machine and locale, and the same as the
 * store's columns ("C" collation on Postgres, SQLite's default), so sorted output is deterministic.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
