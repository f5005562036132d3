/**
 * @module sources/arxiv/ids.test
 */
import { describe, expect, it } from 'vitest';
import { absPageUrl, parseAbsUrl, parseArxivId } from './ids.js';

describe('arXiv ids', () => {
  it('splits new- and old-style ids from their version', () => {
    expect(parseArxivId('2604.21935v1')).toEqual({ id: '2604.21935', version: 1 });
    expect(parseArxivId('0704.0001')).toEqual({ id: '0704.0001' });
    expect(parseArxivId('hep-th/0101001v2')).toEqual({ id: 'hep-th/0101001', version: 2 });
    expect(parseArxivId('cond-mat/0102536v1')).toEqual({ id: 'cond-mat/0102536', version: 1 });
    expect(parseArxivId('math.GT/0309136')).toEqual({ id: 'math.GT/0309136' });
    expect(parseArxivId('abc')).toBeUndefined();
    expect(parseArxivId('2604.21935v')).toBeUndefined();
  });

  it('reads abstract-page URLs over http and https', () => {
    expect(parseAbsUrl('http://arxiv.org/abs/2604.21935v1')).toEqual({ id: '2604.21935', version: 1 });
    expect(parseAbsUrl('https://arxiv.org/abs/hep-th/0101001v2')).toEqual({
      id: 'hep-th/0101001',
      version: 2,
    });
    expect(parseAbsUrl('https://arxiv.org/api/errors#incorrect_id_format_for_abc')).toBeUndefined();
    expect(absPageUrl('cond-mat/0102536')).toBe('https://arxiv.org/abs/cond-mat/0102536');
  });
});
