import { describe, expect, it } from 'vitest';
import { EditionSchema } from '../../core/edition.js';
import { hostileEdition, seedEdition } from '../../testing/editions/editions.js';
import { buildEditionFiles, jsonForWeb } from './index.js';

const site = { baseUrl: 'https://post.example.org' };

describe('edition files', () => {
  it('are the Edition as JSON and as Markdown, in the edition’s folder', async () => {
    const edition = await seedEdition();
    const files = buildEditionFiles(edition, site);
    expect(files.map((f) => [f.path, f.contentType])).toEqual([
      ['editions/2026-08-23/edition.json', 'application/json'],
      ['editions/2026-08-23/edition.md', 'text/markdown; charset=utf-8'],
    ]);
    const json = files[0]?.body ?? '';
    expect(json).toMatch(/^\{\n {2}"number": 1,/);
    expect(EditionSchema.parse(JSON.parse(json))).toEqual(edition);
    expect(files[1]?.body).toMatch(/^# While the Labs Rest/);
  });

  it('keep raw markup out of the JSON bytes while the value survives', async () => {
    const edition = await hostileEdition();
    const [json, markdown] = buildEditionFiles(edition, site);
    expect(json?.body).not.toMatch(/<script|<img/i);
    expect(JSON.parse(json?.body ?? '')).toEqual(JSON.parse(JSON.stringify(edition)));
    expect(markdown?.body).not.toMatch(/<script|<img/i);
    expect(jsonForWeb({ a: '</script>\u2028' })).toBe('{\n  "a": "\\u003c/script>\\u2028"\n}\n');
  });

  it('refuse a date that is not YYYY-MM-DD, as it names a folder', async () => {
    const edition = { ...(await seedEdition()), date: '../../etc' };
    expect(() => buildEditionFiles(edition, site)).toThrow(RangeError);
  });

  it('are deterministic', async () => {
    expect(buildEditionFiles(await hostileEdition(), site)).toEqual(
      buildEditionFiles(await hostileEdition(), site),
    );
  });
});
