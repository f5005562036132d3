import { XMLValidator } from 'fast-xml-parser';
import { Feed } from 'feed';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Edition } from '../../core/edition.js';
import { generatedEdition, hostileEdition, seedEdition } from '../../testing/editions/editions.js';
import { feedparserMissing, parseFeed } from '../../testing/feeds/feedparser.js';
import { buildFeeds, MAX_FEED_ITEMS } from './index.js';

const site = { baseUrl: 'https://post.example.org/' };
const permalink = (e: Edition) => `https://post.example.org/editions/${e.date}/`;
const seconds = (iso: string) => Date.parse(iso) / 1000;

function files(editions: Edition[]) {
  const [rss, atom, json] = buildFeeds(editions, site);
  if (!rss || !atom || !json) throw new Error('three feeds expected');
  return { rss: rss.body, atom: atom.body, json: json.body, all: [rss, atom, json] };
}

/** feedparser hands titles back as HTML; the headline is what a reader sees once it is decoded. */
function decodeHtml(html: string): string {
  const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
  return html.replace(/&(#\d+|#x[0-9a-f]+|\w+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return named[name] ?? whole;
  });
}

let seed: Edition;
let hostile: Edition;
let month: Edition[];

beforeAll(async () => {
  seed = await seedEdition({ number: 20 });
  hostile = await hostileEdition({ number: 21, updatedAt: '2026-08-24T06:30:00.000Z' });
  hostile.date = '2026-08-24';
  month = ['2025-06-13', '2025-06-14', '2025-06-15'].map((day, i) =>
    generatedEdition(day, { number: i + 1, updatedAt: `${day}T05:0${i}:00.000Z` }),
  );
});

const JsonFeedSchema = z.object({
  version: z.literal('https://jsonfeed.org/version/1.1'),
  title: z.string().min(1),
  home_page_url: z.url({ protocol: /^https$/ }),
  feed_url: z.url({ protocol: /^https$/ }),
  language: z.literal('en'),
  authors: z.array(z.object({ name: z.string(), url: z.url().optional() })).min(1),
  items: z.array(
    z
      .object({
        id: z.string().min(1),
        url: z.url({ protocol: /^https$/ }),
        title: z.string(),
        summary: z.string().optional(),
        content_html: z.string().optional(),
        content_text: z.string().optional(),
        date_published: z.iso.datetime({ offset: true }),
        date_modified: z.iso.datetime({ offset: true }).optional(),
      })
      .refine((item) => item.content_html !== undefined || item.content_text !== undefined, {
        message: 'an item needs content_html or content_text',
      }),
  ),
});

const missing = feedparserMissing();
if (missing) process.stderr.write(`Skipping the feedparser round-trip tests: ${missing}.\n`);

describe.skipIf(missing !== null)('RSS and Atom, read back by feedparser', () => {
  const cases = (): Array<[string, Edition[]]> => [
    ['seed', [seed]],
    ['generated month', month],
    ['hostile', [hostile]],
    ['all together', [...month, seed, hostile]],
  ];

  it.each(['rss', 'atom'] as const)(
    '%s: well-formed, and every title, link, id and date round-trips',
    (kind) => {
      for (const [name, editions] of cases()) {
        const parsed = parseFeed(files(editions)[kind]);
        expect(parsed.bozo, `${name}: ${parsed.exc}`).toBeFalsy();
        expect(parsed.version).toBe(kind === 'rss' ? 'rss20' : 'atom10');
        expect(parsed.feed.title).toBe('The AI Morning Post');
        expect(parsed.feed.link).toBe('https://post.example.org/');
        const self = kind === 'rss' ? 'feed.xml' : 'atom.xml';
        expect(parsed.feed.links).toContainEqual(['self', `https://post.example.org/${self}`]);
        const newestFirst = [...editions].sort((a, b) => b.date.localeCompare(a.date));
        expect(parsed.feed.updated).toBe(seconds(newestFirst[0]?.publishedAt ?? ''));
        expect(parsed.entries.map((e) => decodeHtml(e.title ?? ''))).toEqual(
          newestFirst.map((e) => e.text.headline),
        );
        expect(parsed.entries.map((e) => e.link)).toEqual(newestFirst.map(permalink));
        expect(parsed.entries.map((e) => e.id)).toEqual(newestFirst.map(permalink));
        expect(parsed.entries.map((e) => e.published)).toEqual(
          newestFirst.map((e) => seconds(e.publishedAt ?? '')),
        );
        for (const entry of parsed.entries) expect(entry.content.join('')).toContain('Read the full edition');
      }
    },
  );

  it('survives markup, CDATA terminators, control characters and lone surrogates in a headline', () => {
    const nasty = structuredClone(seed);
    nasty.text.headline = 'A <script>x</script> & "q" ]]> twice ]]> \u0000\u000B\uD800 AT&T &amp; done';
    nasty.text.standfirst = 'Std <b>bold</b> ]]> & more';
    for (const kind of ['rss', 'atom'] as const) {
      const xml = files([nasty])[kind];
      expect(XMLValidator.validate(xml)).toBe(true);
      const parsed = parseFeed(xml);
      expect(parsed.bozo, parsed.exc).toBeFalsy();
      expect(decodeHtml(parsed.entries[0]?.title ?? '')).toBe(
        'A <script>x</script> & "q" ]]> twice ]]>  AT&T &amp; done',
      );
      expect(decodeHtml(parsed.entries[0]?.summary ?? '')).toBe('Std <b>bold</b> ]]> & more');
    }
  });
});

describe('feeds', () => {
  it('are well-formed XML by a second parser, for every edition set', () => {
    for (const editions of [[seed], month, [hostile], []]) {
      const { rss, atom } = files(editions);
      expect(XMLValidator.validate(rss)).toBe(true);
      expect(XMLValidator.validate(atom)).toBe(true);
    }
  });

  it('JSON Feed follows the 1.1 rules', () => {
    for (const editions of [[seed], month, [hostile], [...month, seed, hostile]]) {
      const feed = JsonFeedSchema.parse(JSON.parse(files(editions).json));
      expect(feed.feed_url).toBe('https://post.example.org/feed.json');
      expect(feed.items.map((item) => item.id)).toEqual(feed.items.map((item) => item.url));
    }
    const feed = JsonFeedSchema.parse(JSON.parse(files([hostile]).json));
    expect(feed.items[0]?.title).toBe(hostile.text.headline);
    expect(feed.items[0]?.summary).toBe(hostile.text.standfirst);
  });

  it('list only published editions, newest first, at most 30', () => {
    const many = Array.from({ length: 40 }, (_, i) => {
      const edition = structuredClone(seed);
      const day = new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);
      Object.assign(edition, { number: i + 1, date: day, publishedAt: `${day}T06:30:00.000Z` });
      if (i === 39) Object.assign(edition, { status: 'draft', publishedAt: null });
      return edition;
    });
    const feed = JsonFeedSchema.parse(JSON.parse(files(many).json));
    expect(feed.items).toHaveLength(MAX_FEED_ITEMS);
    expect(feed.items[0]?.url).toBe('https://post.example.org/editions/2026-02-08/');
    expect(feed.items.at(-1)?.url).toBe('https://post.example.org/editions/2026-01-10/');
    expect(files(many).rss).not.toContain('2026-02-09');
  });

  it('say in the description when an edition was built from sample or stored data', () => {
    const sample = structuredClone(seed);
    sample.meta = { ...sample.meta, dataMode: 'sample' };
    const stored = structuredClone(month[2] as Edition);
    stored.meta = {
      dataMode: 'stored',
      dataDay: '2025-06-14',
      failedSources: [{ source: 'hf-models', error: 'timeout' }],
    };
    const feed = JsonFeedSchema.parse(JSON.parse(files([sample, stored, month[0] as Edition]).json));
    const summaries = feed.items.map((item) => item.summary ?? '');
    expect(summaries[0]).toMatch(/^Sample data\. /);
    expect(summaries[1]).toMatch(/^Stored data from 2025-06-14\. /);
    expect(summaries[2]).toBe(month[0]?.text.standfirst);
    expect(feed.items[1]?.content_html).toContain('Hugging Face trending models (timeout)');
  });

  it('carry no markup from outside data and link only to http(s) URLs', () => {
    for (const file of files([hostile, seed]).all) {
      expect(file.body).not.toMatch(/<script/i);
      expect(file.body).not.toMatch(/<img/i);
      const hrefs = [...file.body.matchAll(/href=(?:\\?")([^"\\]*)/g)].map((m) => m[1] ?? '');
      expect(hrefs.length).toBeGreaterThan(0);
      for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
    }
  });

  it('are deterministic: same editions, any order, same bytes', () => {
    const once = buildFeeds([...month, seed, hostile], site);
    const again = buildFeeds([hostile, seed, ...month].reverse(), site);
    expect(again).toEqual(once);
    const empty = files([]);
    expect(empty.atom).toContain('<updated>1970-01-01T00:00:00.000Z</updated>');
    expect(files([]).rss).toBe(empty.rss);
  });

  it('are served with their media types', () => {
    expect(buildFeeds([seed], site).map((f) => [f.path, f.contentType])).toEqual([
      ['feed.xml', 'application/rss+xml'],
      ['atom.xml', 'application/atom+xml'],
      ['feed.json', 'application/feed+json'],
    ]);
  });
});

// What the `feed` package (v6) does with what it is given: the reasons feeds.ts escapes for it.
describe('the feed package, as installed', () => {
  const one = (title: string) => {
    const feed = new Feed({
      title: 'T',
      id: 'https://x.test/',
      link: 'https://x.test/',
      updated: new Date(0),
    });
    feed.addItem({ title, link: 'https://x.test/a', date: new Date(0), description: title });
    return feed;
  };

  it('puts item titles into CDATA unescaped, and Atom calls them HTML', () => {
    expect(one('<b>x</b>').rss2()).toContain('<![CDATA[<b>x</b>]]>');
    expect(one('<b>x</b>').atom1()).toContain('<title type="html"><![CDATA[<b>x</b>]]></title>');
  });

  it('splits only the first "]]>" in a CDATA section, so a second one breaks the XML', () => {
    expect(XMLValidator.validate(one('a ]]> b').rss2())).toBe(true);
    expect(XMLValidator.validate(one('a ]]> b ]]> <c>').rss2())).not.toBe(true);
  });

  it('keeps characters XML forbids', () => {
    expect(XMLValidator.validate(one('a \u0001 b').rss2())).toBe(true);
    const parsed = missing ? null : parseFeed(one('a \u0001 b').rss2());
    if (parsed) expect(parsed.bozo).toBeTruthy();
  });

  it('writes JSON Feed version 1, without date_published unless told', () => {
    const json = JSON.parse(one('x').json1()) as { version: string; items: Record<string, unknown>[] };
    expect(json.version).toBe('https://jsonfeed.org/version/1');
    expect(json.items[0]).not.toHaveProperty('date_published');
  });
});
