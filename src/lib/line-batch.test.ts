import { describe, expect, it } from 'vitest';
import { lineBatch } from './line-batch.js';

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('lineBatch', () => {
  it('writes the lines of one turn together, in order, at the end of the turn', async () => {
    const writes: string[] = [];
    const batch = lineBatch((chunk) => writes.push(chunk));
    batch.push('a\n');
    batch.push('b\n');
    batch.push('c\n');
    expect(writes).toEqual([]);
    await turn();
    expect(writes).toEqual(['a\nb\nc\n']);
    batch.push('d\n');
    await turn();
    expect(writes).toEqual(['a\nb\nc\n', 'd\n']);
    batch.close();
  });

  it('writes at once when the gathered lines pass the size limit, and on flush', () => {
    const writes: string[] = [];
    const batch = lineBatch((chunk) => writes.push(chunk), 10);
    batch.push('12345\n');
    expect(writes).toEqual([]);
    batch.push('67890\n');
    expect(writes).toEqual(['12345\n67890\n']);
    batch.push('x\n');
    batch.flush();
    expect(writes).toEqual(['12345\n67890\n', 'x\n']);
    batch.close();
  });

  it('flushes what is left when the process exits, and stops listening once closed', () => {
    const writes: string[] = [];
    const listeners = process.listenerCount('exit');
    const batch = lineBatch((chunk) => writes.push(chunk));
    expect(process.listenerCount('exit')).toBe(listeners + 1);
    batch.push('last words\n');
    process.emit('exit', 0);
    expect(writes).toEqual(['last words\n']);
    batch.close();
    expect(process.listenerCount('exit')).toBe(listeners);
  });
});
