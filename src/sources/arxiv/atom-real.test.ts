/**
 * @module sources/arxiv/atom-real.test
 * Conformance of the Atom parser on every real arXiv API payload in ../shared, read in place:
 * current format (2026), legacy format (2016, 2025), a CRLF copy, no results and the error feed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MorningPostError } from '../../core/errors.js';
import { hasSharedFixtures, SHARED_MISSING_REASON, sharedFixture } from '../../testing/sources/fixtures.js';
import { type ArxivFeed, parseArxivAtom } from './atom.js';

if (!hasSharedFixtures) process.stderr.write(`${SHARED_MISSING_REASON}\n`);

function realText(name: string): string {
  const path = sharedFixture(`arxiv/${name}`);
  if (!path) throw new Error(`missing shared fixture arxiv/${name}`);
  return readFileSync(path, 'utf8');
}

/** The arxiv.py recorder stored the raw UTF-8 body decoded as Latin-1; undo that. */
function arxivpyBody(name: string): { url: string; status: number; body: string } {
  const wrapper = JSON.parse(realText(name)) as { url: string; status_code: number; body: string };
  return {
    url: wrapper.url,
    status: wrapper.status_code,
    body: Buffer.from(wrapper.body, 'latin1').toString('utf8'),
  };
}

function expectWellFormed(feed: ArxivFeed): void {
  expect(feed.dropped).toBe(0);
  for (const entry of feed.entries) {
    expect(entry.id).toMatch(/^(\d{4}\.\d{4,5}|[a-z-]+\/\d{7})$/);
    expect(entry.version).toBeGreaterThanOrEqual(1);
    expect(entry.title).not.toMatch(/\s{2,}|^\s|\s$/);
    expect(entry.abstract.length).toBeGreaterThan(20);
    expect(entry.abstract).not.toMatch(/\s{2,}|\r/);
    expect(entry.authors.length).toBeGreaterThan(0);
    expect(entry.published).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    expect(entry.updated).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(entry.primaryCategory).toBeDefined();
    expect(entry.categories).toContain(entry.primaryCategory);
    expect(entry.links.abs).toContain(`/abs/${entry.id}v${entry.version}`);
    expect(entry.links.pdf).toContain(`/pdf/${entry.id}v${entry.version}`);
  }
}

describe.skipIf(!hasSharedFixtures)('parseArxivAtom on real payloads', () => {
  it('reads the current format, first page of all:testing (body.xml)', () => {
    const feed = parseArxivAtom(realText('api-query-all_testing-start0-max10-2026-04-12.body.xml'));
    expect(feed).toMatchObject({ totalResults: 214881, startIndex: 0, itemsPerPage: 10 });
    expect(feed.entries).toHaveLength(10);
    expectWellFormed(feed);
    expect(feed.entries[0]).toMatchObject({
      id: '2202.12139',
      version: 1,
      title: 'Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques',
      primaryCategory: 'cs.SE',
      categories: ['cs.SE', 'cs.LG'],
      authors: ['Mohit Kumar Ahuja', 'Arnaud Gotlieb', 'Helge Spieker'],
      published: '2022-02-24T15:05:19.000Z',
      doi: '10.1109/ICSTW55395.2022.00035',
      links: { abs: 'https://arxiv.org/abs/2202.12139v1', pdf: 'https://arxiv.org/pdf/2202.12139v1' },
    });
    expect(feed.entries[0]?.journalRef).toMatch(/^Artificial Intelligence in Software Testing @ 2022/);
    expect(feed.entries[1]?.authors).toContain('Aurora Ramírez');
    expect(feed.entries[2]).toMatchObject({
      id: '2005.14124',
      version: 2,
      updated: '2020-07-16T08:15:48.000Z',
    });
    expect(feed.entries[7]?.primaryCategory).toBe('cs.AR');
  });

  it('reads the second page (start=10)', () => {
    const feed = parseArxivAtom(realText('api-query-all_testing-start10-max10-2026-04-12.body.xml'));
    expect(feed).toMatchObject({ totalResults: 214881, startIndex: 10, itemsPerPage: 10 });
    expect(feed.entries).toHaveLength(10);
    expectWellFormed(feed);
    expect(feed.entries[0]).toMatchObject({
      id: '2403.16981',
      primaryCategory: 'math.ST',
      categories: ['math.ST', 'cs.IT', 'stat.ML'],
    });
    expect(feed.entries.flatMap((entry) => entry.authors)).toContain('Katharina Götz');
  });

  it('gives the same result from the arxiv.py JSON wrappers (body re-encoded from Latin-1)', () => {
    for (const [wrapper, body] of [
      [
        'api-query-all_testing-start0-max10-2026-04-12.arxivpy-fixture.json',
        'api-query-all_testing-start0-max10-2026-04-12.body.xml',
      ],
      [
        'api-query-all_testing-start10-max10-2026-04-12.arxivpy-fixture.json',
        'api-query-all_testing-start10-max10-2026-04-12.body.xml',
      ],
      ['api-idlist-no-results-2026-04-12.arxivpy-fixture.json', 'api-idlist-no-results-2026-04-12.body.xml'],
    ] as const) {
      const recorded = arxivpyBody(wrapper);
      expect(recorded.status).toBe(200);
      expect(recorded.body).toBe(realText(body));
      expect(parseArxivAtom(recorded.body)).toEqual(parseArxivAtom(realText(body)));
    }
    const first = parseArxivAtom(
      arxivpyBody('api-query-all_testing-start0-max10-2026-04-12.arxivpy-fixture.json').body,
    );
    expect(first.entries[1]?.authors).toContain('José Raúl Romero');
  });

  it('reads a query without results as an empty page', () => {
    for (const body of [
      realText('api-idlist-no-results-2026-04-12.body.xml'),
      arxivpyBody('api-idlist-no-results-2026-04-12.arxivpy-fixture.json').body,
    ]) {
      expect(parseArxivAtom(body)).toEqual({
        totalResults: 0,
        startIndex: 0,
        itemsPerPage: 100,
        entries: [],
        dropped: 0,
        problems: [],
      });
    }
  });

  it("turns arXiv's error feed (HTTP 400 for id_list=abc) into an error with arXiv's message", () => {
    const recorded = arxivpyBody('api-idlist-malformed-http400-2026-04-12.arxivpy-fixture.json');
    expect(recorded.status).toBe(400);
    for (const body of [recorded.body, realText('api-idlist-malformed-http400-2026-04-12.body.xml')]) {
      let thrown: unknown;
      try {
        parseArxivAtom(body);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(MorningPostError);
      expect((thrown as MorningPostError).code).toBe('UPSTREAM_INVALID');
      expect((thrown as MorningPostError).message).toContain('incorrect id format for abc');
    }
  });

  it('reads the legacy format with per-element namespaces (cat:cs.RO, 2025-10)', () => {
    const feed = parseArxivAtom(realText('api-query-cat_cs.RO-legacy-format-2025-10-17.xml'));
    expect(feed).toMatchObject({ totalResults: 5619, startIndex: 0, itemsPerPage: 2 });
    expect(feed.entries).toHaveLength(2);
    expectWellFormed(feed);
    const [first, second] = feed.entries;
    expect(first).toMatchObject({
      id: '2510.14968',
      version: 1,
      // Hard-wrapped over two lines with a two-space indent in the payload.
      title: 'RDD: Retrieval-Based Demonstration Decomposer for Planner Alignment in Long-Horizon Tasks',
      primaryCategory: 'cs.RO',
      categories: ['cs.RO', 'cs.AI', 'cs.CV', 'cs.LG', 'cs.SY', 'eess.SY'],
      authors: ['Mingxuan Yan', 'Yuping Wang', 'Zechun Liu', 'Jiachen Li'],
      links: { abs: 'http://arxiv.org/abs/2510.14968v1', pdf: 'http://arxiv.org/pdf/2510.14968v1' },
    });
    expect(first?.comment).toMatch(
      /^39th Conference on Neural Information Processing Systems \(NeurIPS 2025\);/,
    );
    expect(first?.abstract.startsWith('To tackle long-horizon tasks,')).toBe(true);
    expect(second).toMatchObject({ id: '2510.14827', primaryCategory: 'cs.RO', categories: ['cs.RO'] });
    expect(second?.authors).toHaveLength(6);
    expect(second?.comment).toBeUndefined();
    expect(second?.doi).toBeUndefined();
  });

  it('reads the legacy user-manual example with DOIs, journal refs and old-style ids (2016)', () => {
    const feed = parseArxivAtom(realText('api-query-au_del_maestro-legacy-format-2016-10-09.xml'));
    expect(feed).toMatchObject({ totalResults: 31, startIndex: 0, itemsPerPage: 10 });
    expect(feed.entries).toHaveLength(10);
    expectWellFormed(feed);
    expect(feed.entries.every((entry) => entry.doi && entry.journalRef)).toBe(true);
    expect(feed.entries[0]).toMatchObject({
      id: '1201.4869',
      doi: '10.1142/S021797921244002X',
      journalRef: 'Int. J. Mod. Phys. B, 26, 1244002 (2012)',
      authors: ['Adrian Del Maestro'],
      primaryCategory: 'cond-mat.mes-hall',
    });
    expect(feed.entries[1]).toMatchObject({
      id: 'cond-mat/0412498',
      version: 1,
      authors: ['Adrian Del Maestro', 'Subir Sachdev'],
      links: { abs: 'http://arxiv.org/abs/cond-mat/0412498v1' },
    });
    // `&gt;` in the payload's abstract.
    expect(feed.entries[1]?.abstract).toContain('(p >= 3, integer)');
    expect(feed.entries.filter((entry) => entry.id.includes('/')).map((entry) => entry.id)).toEqual([
      'cond-mat/0412498',
      'cond-mat/0603029',
      'cond-mat/0607501',
      'cond-mat/0702661',
    ]);
  });

  it('reads the current format saved with CRLF line ends (ti:random, 2026-02)', () => {
    const text = realText('api-query-ti_random-new-format-2026-02-12.crlf.xml');
    expect(text).toContain('\r\n');
    const feed = parseArxivAtom(text);
    expect(feed).toMatchObject({ totalResults: 37976, startIndex: 0, itemsPerPage: 5 });
    expect(feed.entries).toHaveLength(5);
    expectWellFormed(feed);
    expect(feed.entries[0]).toMatchObject({
      id: '2101.02199',
      version: 5,
      title: 'Random-field random surfaces',
      primaryCategory: 'math-ph',
      categories: ['math-ph', 'math.PR'],
      authors: ['Paul Dario', 'Matan Harel', 'Ron Peled'],
      published: '2021-01-06T18:59:05.000Z',
      updated: '2023-02-15T08:43:28.000Z',
    });
    expect(feed.entries[0]?.abstract).toContain('$\\nabla φ$');
    expect(feed.entries[3]).toMatchObject({ id: '1607.04331', categories: ['stat.ML', 'cs.LG', 'q-bio.NC'] });
  });
});
