/**
 * @module sources/arxiv/rss.test
 * The listing-feed parser on the two real (trimmed) RSS files in ../shared and on small feeds of ours.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedFixtures, SHARED_MISSING_REASON, sharedFixture } from '../../testing/sources/fixtures.js';
import { parseArxivRss } from './rss.js';

if (!hasSharedFixtures) process.stderr.write(`${SHARED_MISSING_REASON}\n`);

function realText(name: string): string {
  const path = sharedFixture(`arxiv/${name}`);
  if (!path) throw new Error(`missing shared fixture arxiv/${name}`);
  return readFileSync(path, 'utf8');
}

describe.skipIf(!hasSharedFixtures)('parseArxivRss on real listings', () => {
  it('reads the cs.AI listing', () => {
    const listing = parseArxivRss(realText('rss-cs.AI-2026-04-27-trimmed.xml'));
    expect(listing.dropped).toBe(0);
    expect(listing.items.map((item) => item.id)).toEqual(['2604.21935', '2604.21936', '2604.21937']);
    expect(listing.items[0]).toEqual({
      id: '2604.21935',
      version: 1,
      title: 'Math Takes Two: A test for emergent mathematical reasoning in communication',
      announceType: 'new',
      categories: ['cs.AI', 'cs.LG'],
      creators: ['Michael Cooper', 'Samuel Cooper'],
    });
    expect(listing.items[1]?.categories).toEqual(['cs.AI', 'cs.CV', 'cs.MA']);
    expect(listing.items[1]?.creators).toHaveLength(18);
    expect(listing.items[2]?.creators).toHaveLength(17);
  });

  it('reads the cs.LG listing', () => {
    const listing = parseArxivRss(realText('rss-cs.LG-2026-04-27-trimmed.xml'));
    expect(listing.items).toHaveLength(3);
    expect(listing.items[0]).toMatchObject({
      id: '2604.21952',
      announceType: 'new',
      categories: ['cs.LG', 'cs.AI', 'cs.AR', 'cs.NE', 'cs.RO'],
    });
    expect(listing.items[0]?.creators).toHaveLength(6);
    expect(listing.items.map((item) => item.creators.length)).toEqual([6, 2, 5]);
    expect(listing.items[2]?.categories).toEqual(['cs.LG']);
  });
});

describe('parseArxivRss', () => {
  const feed = (items: string) =>
    `<rss xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" version="2.0"><channel><title>cs.AI updates on arXiv.org</title>${items}</channel></rss>`;

  it('falls back to the link for the id, and drops items without one', () => {
    const listing = parseArxivRss(
      feed(`
      <item><title>A test paper</title><link>https://arxiv.org/abs/2608.01234</link>
        <category>cs.AI</category><arxiv:announce_type>cross</arxiv:announce_type>
        <dc:creator>Ada Example</dc:creator></item>
      <item><title>No id here</title><link>https://example.org/x</link></item>
      <item><link>https://arxiv.org/abs/2608.01235</link></item>`),
    );
    expect(listing.items).toEqual([
      {
        id: '2608.01234',
        title: 'A test paper',
        announceType: 'cross',
        categories: ['cs.AI'],
        creators: ['Ada Example'],
      },
    ]);
    expect(listing.dropped).toBe(2);
    expect(listing.problems).toEqual([
      'item #2 dropped: link: no arXiv id in guid or link',
      'item #3 dropped: title: missing',
    ]);
  });

  it('reads an empty listing (weekends) and rejects something that is not RSS', () => {
    expect(parseArxivRss(feed('')).items).toEqual([]);
    expect(() => parseArxivRss('<feed></feed>')).toThrow(/unexpected shape/);
    expect(() => parseArxivRss(feed('<item><title>cut')).toString()).toThrow(/not well-formed XML/);
  });
});
