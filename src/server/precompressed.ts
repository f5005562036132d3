/**
 * @module server/precompressed
 * Compressed variants of a site file: `name.br` and `name.gz` beside `name`, written by publishing
 * (nginx's `gzip_static` and `brotli_static` read the same files) and loaded by the server, which
 * uses one only after it has decompressed it back to the very bytes of `name`, so a variant left
 * from an older publish, or written half-way, is never sent.
 */
import { promisify } from 'node:util';
import { brotliCompress, brotliDecompress, constants, gunzip, gzip } from 'node:zlib';

export type Coding = 'br' | 'gzip';

/** The variants, in the order publishing writes them, with the suffix each file name takes. */
export const VARIANTS: ReadonlyArray<{ coding: Coding; suffix: string }> = [
  { coding: 'br', suffix: '.br' },
  { coding: 'gzip', suffix: '.gz' },
];

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const unbrotliAsync = promisify(brotliDecompress);
const gunzipAsync = promisify(gunzip);

/**
 * A variant is made once per file version (at publish, or once by the server for files published
 * without one) and sent many times, so the slowest, smallest settings pay off. `fast` is for the
 * thousands of subject pages a day's publish rewrites, each read far less often than an edition:
 * brotli 11 costs ~1 s per MB, quality 5 a few per cent of that for a file ~10% larger.
 */
export function compress(body: Buffer, coding: Coding, effort: 'max' | 'fast' = 'max'): Promise<Buffer> {
  if (coding === 'gzip') return gzipAsync(body, { level: effort === 'fast' ? 6 : 9 });
  return brotliAsync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: effort === 'fast' ? 5 : constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

/**
 * Whether `variant` decodes to exactly `original`. Decoding stops one byte past the original's
 * length, so a variant that would inflate to more (a stale one, or a bomb) costs no more than that.
 */
export async function decodesTo(variant: Buffer, coding: Coding, original: Buffer): Promise<boolean> {
  const limit = { maxOutputLength: original.length + 1 };
  try {
    const decoded = await (coding === 'gzip' ? gunzipAsync(variant, limit) : unbrotliAsync(variant, limit));
    return decoded.equals(original);
  } catch {
    return false;
  }
}
