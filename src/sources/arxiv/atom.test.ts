/**
 * @module sources/arxiv/atom.test
 * The Atom parser on our own small feeds: both formats, CRLF, entities, dropped entries and
 * the ways a body can be wrong.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MorningPostError } from '../../core/errors.js';
import { parseArxivAtom } from './atom.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

function thrownBy(run: () => unknown): MorningPostError {
  try {
    run();
  } catch (error) {
    if (error instanceof MorningPostError) return error;
    throw error;
  }
  throw new Error('expected a MorningPostError');
}

describe('parseArxivAtom', () => {
  it('reads a current-format page, decoding entities and dropping an entry without a title', () => {
    const feed = parseArxivAtom(fixture('query-page.atom.xml'));
    expect(feed).toMatchObject({ totalResults: 5, startIndex: 0, itemsPerPage: 100, dropped: 1 });
    expect(feed.problems).toEqual(['entry #4 dropped: title: missing']);
    expect(feed.entries.map((entry) => entry.id)).toEqual([
      '2608.01234',
      '2608.01235',
      '2608.01236',
      '2608.01238',
    ]);
    expect(feed.entries[0]).toEqual({
      id: '2608.01234',
      version: 1,
      title: 'A test paper',
      abstract: 'A test abstract.',
      authors: ['Ada Example', 'Bo Sample', 'Cy Placeholder'],
      published: '2026-08-21T17:59:00.000Z',
      updated: '2026-08-21T17:59:00.000Z',
      primaryCategory: 'cs.LG',
      categories: ['cs.LG', 'cs.AI'],
      links: { abs: 'https://arxiv.org/abs/2608.01234v1', pdf: 'https://arxiv.org/pdf/2608.01234v1' },
      // Only as `<link title="doi">` here: the DOI is read from the link.
      doi: '10.0000/test.1234',
      comment: '12 pages, 3 figures',
    });
    expect(feed.entries[1]).toMatchObject({
      title: 'Graphs & Agents: a second test paper',
      abstract: 'A test abstract about café <tables>.',
      version: 2,
      links: { abs: 'https://arxiv.org/abs/2608.01235v2' },
    });
    expect(feed.entries[1]?.links.pdf).toBeUndefined();
  });

  it('reads the legacy format: per-element namespaces, wrapped text, old-style ids, CRLF', () => {
    const lf = parseArxivAtom(fixture('legacy-page.atom.xml'));
    const crlf = parseArxivAtom(fixture('legacy-page.atom.xml').replace(/\n/g, '\r\n'));
    expect(crlf).toEqual(lf);
    expect(lf).toMatchObject({ totalResults: 2, startIndex: 0, itemsPerPage: 2, dropped: 0 });
    expect(lf.entries[0]).toEqual({
      id: 'hep-th/0101001',
      version: 2,
      title: 'A wrapped test title that goes on to a second line',
      abstract: 'A test abstract that is hard-wrapped the way the legacy format wrapped it.',
      authors: ['Gil Imaginary'],
      published: '2001-01-01T10:00:00.000Z',
      updated: '2001-01-05T10:00:00.000Z',
      primaryCategory: 'hep-th',
      categories: ['hep-th', 'gr-qc'],
      links: { abs: 'http://arxiv.org/abs/hep-th/0101001v2', pdf: 'http://arxiv.org/pdf/hep-th/0101001v2' },
      doi: '10.0000/test.0101001',
      comment: '10 pages with a wrapped comment',
      journalRef: 'Test J. 1 (2001) 1',
    });
    expect(lf.entries[1]).toMatchObject({
      id: 'cond-mat/0102536',
      version: 1,
      primaryCategory: 'cond-mat.stat-mech',
    });
  });

  it('does not depend on element order or on where namespaces are declared', () => {
    const body = `<?xml version="1.0"?>
<a:feed xmlns:a="http://www.w3.org/2005/Atom">
  <a:entry>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.AI"/>
    <a:category term="cs.AI"/>
    <a:author><a:name>Ivy Test</a:name></a:author>
    <a:summary>Summary first.</a:summary>
    <a:title>Title last</a:title>
    <a:id>https://arxiv.org/abs/2608.00001</a:id>
  </a:entry>
  <os:itemsPerPage xmlns:os="http://a9.com/-/spec/opensearch/1.1/">1</os:itemsPerPage>
  <os:totalResults xmlns:os="http://a9.com/-/spec/opensearch/1.1/">1</os:totalResults>
</a:feed>`;
    const feed = parseArxivAtom(body);
    expect(feed).toMatchObject({ totalResults: 1, startIndex: 0, itemsPerPage: 1 });
    expect(feed.entries).toEqual([
      {
        id: '2608.00001',
        title: 'Title last',
        abstract: 'Summary first.',
        authors: ['Ivy Test'],
        primaryCategory: 'cs.AI',
        categories: ['cs.AI'],
        links: { abs: 'https://arxiv.org/abs/2608.00001' },
      },
    ]);
  });

  it('drops entries whose id is not an arXiv abstract URL, and counts them', () => {
    const body = fixture('query-page.atom.xml')
      .replace('http://arxiv.org/abs/2608.01235v2', 'http://example.org/abs/2608.01235v2')
      .replace('<id>http://arxiv.org/abs/2608.01236v1</id>', '');
    const feed = parseArxivAtom(body);
    expect(feed.dropped).toBe(3);
    expect(feed.problems[0]).toMatch(/entry #2 dropped: id: not an arXiv abstract URL/);
    expect(feed.problems[1]).toMatch(/entry #3 dropped: id: missing/);
    expect(feed.entries.map((entry) => entry.id)).toEqual(['2608.01234', '2608.01238']);
  });

  it("throws arXiv's message for the error feed", () => {
    const error = thrownBy(() => parseArxivAtom(fixture('error-feed.atom.xml')));
    expect(error.code).toBe('UPSTREAM_INVALID');
    expect(error.message).toBe('arXiv API error: a test error message');
    expect(error.retryable).toBe(false);
  });

  it('says clearly when the body is cut short', () => {
    const full = fixture('query-page.atom.xml');
    const error = thrownBy(() => parseArxivAtom(full.slice(0, full.indexOf('</entry>') + 20)));
    expect(error.code).toBe('UPSTREAM_INVALID');
    expect(error.message).toMatch(/^arXiv API response is not well-formed XML \(line \d+: /);
    expect(error.retryable).toBe(true);
    expect(thrownBy(() => parseArxivAtom('')).message).toMatch(/not well-formed XML/);
  });

  it('rejects well-formed XML that is not an arXiv feed', () => {
    expect(thrownBy(() => parseArxivAtom('<html><body>Service unavailable</body></html>')).message).toMatch(
      /unexpected shape: feed/,
    );
    const noCount = fixture('query-page.atom.xml').replace(
      /<opensearch:totalResults>5<\/opensearch:totalResults>/,
      '',
    );
    expect(thrownBy(() => parseArxivAtom(noCount)).message).toMatch(/feed\.totalResults: missing/);
  });

  it('refuses a DTD instead of expanding its entities', () => {
    const body = `<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY x "boom">]><feed><title>&x;</title></feed>`;
    expect(thrownBy(() => parseArxivAtom(body)).message).toMatch(/contains a DTD/);
  });
});
