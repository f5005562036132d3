/**
 * @module renderers/feeds/json
 * JSON for files the site serves. Outside strings may hold markup; every `<` is written as
 * \u003c (the same value once parsed), so no raw `<script` is ever in the bytes and the file can
 * even be inlined in a page's script element. U+2028/9 are escaped for old JavaScript parsers.
 */
const UNSAFE = /[<\u2028\u2029]/g;

export function jsonForWeb(value: unknown): string {
  const json = JSON.stringify(value, null, 2).replace(
    UNSAFE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `${json}\n`;
}
