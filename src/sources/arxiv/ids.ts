/**
 * @module sources/arxiv/ids
 * arXiv identifiers: new-style `2604.21935` (since 2007, 4 or 5 digits after the dot) and old-style
 * `hep-th/0101001` or `math.GT/0309136`, each optionally followed by a version `v2`. Papers are
 * keyed by the id without its version, so a revised paper stays the same item.
 */

const NEW_STYLE = String.raw`\d{4}\.\d{4,5}`;
const OLD_STYLE = String.raw`[a-z][a-z-]*(?:\.[A-Za-z-]{2,})?/\d{7}`;
const VERSIONED_ID = new RegExp(`^(${NEW_STYLE}|${OLD_STYLE})(?:v(\\d+))?$`);
const ABS_URL = /^https?:\/\/(?:export\.|www\.)?arxiv\.org\/abs\/(.+)$/;

export interface ArxivId {
  /** Without version: `2604.21935`, `cond-mat/0102536`. */
  id: string;
  version?: number;
}

/** `2604.21935v1` → {id: '2604.21935', version: 1}; undefined when it is not an arXiv id. */
export function parseArxivId(text: string): ArxivId | undefined {
  const match = VERSIONED_ID.exec(text.trim());
  if (!match?.[1]) return undefined;
  return match[2] === undefined ? { id: match[1] } : { id: match[1], version: Number(match[2]) };
}

/** The id in an abstract-page URL such as `http://arxiv.org/abs/hep-th/0101001v2`. */
export function parseAbsUrl(url: string): ArxivId | undefined {
  const match = ABS_URL.exec(url.trim());
  return match?.[1] ? parseArxivId(match[1]) : undefined;
}

/** The canonical, version-less abstract page: what an item links to. */
export function absPageUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}
