/**
 * @module testing/feeds/feedparser (test-only)
 * Debian's Python feedparser, the parser many feed readers are built on, run on our feeds: what a
 * reader would see, and whether it found the XML ill-formed (`bozo`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// The system Python, not whatever `python3` is on PATH: Debian's python3-feedparser lives there.
const PYTHON = '/usr/bin/python3';

const SCRIPT = `
import calendar, json, sys
import feedparser
d = feedparser.parse(sys.stdin.buffer.read())
ts = lambda t: calendar.timegm(t) if t else None
print(json.dumps({
  "bozo": d.bozo,
  "exc": str(d.get("bozo_exception", "")),
  "version": d.version,
  "feed": {
    "title": d.feed.get("title"),
    "link": d.feed.get("link"),
    "language": d.feed.get("language"),
    "updated": ts(d.feed.get("updated_parsed")),
    "links": [[l.get("rel"), l.get("href")] for l in d.feed.get("links", [])],
  },
  "entries": [{
    "title": e.get("title"),
    "link": e.get("link"),
    "id": e.get("id"),
    "published": ts(e.get("published_parsed")),
    "updated": ts(e.get("updated_parsed")),
    "summary": e.get("summary"),
    "content": [c.get("value") for c in e.get("content", [])],
  } for e in d.entries],
}))
`;

export interface ParsedEntry {
  title: string | null;
  link: string | null;
  id: string | null;
  /** Seconds since the epoch, as feedparser read the date. */
  published: number | null;
  updated: number | null;
  summary: string | null;
  content: string[];
}

export interface ParsedFeed {
  bozo: number | boolean;
  exc: string;
  version: string;
  feed: {
    title: string | null;
    link: string | null;
    language: string | null;
    updated: number | null;
    links: [string, string][];
  };
  entries: ParsedEntry[];
}

/** Why feedparser cannot run here, or null when it can. */
export function feedparserMissing(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} is not installed`;
  const probe = spawnSync(PYTHON, ['-c', 'import feedparser'], { encoding: 'utf8' });
  return probe.status === 0 ? null : `${PYTHON} has no feedparser module (apt install python3-feedparser)`;
}

export function parseFeed(xml: string): ParsedFeed {
  const run = spawnSync(PYTHON, ['-c', SCRIPT], {
    input: xml,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`feedparser failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as ParsedFeed;
}
