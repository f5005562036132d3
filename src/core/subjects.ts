/**
 * @module core/subjects
 * The permanent address of every subject the Post has seen: an item (model, dataset, space,
 * repository, paper) or an author. One scheme for the site's subject pages, the links in
 * editions, the JSON API and search results, so a subject has one URL wherever it is named.
 * A release has no page of its own: it is part of its repository's page.
 */
import type { ItemKind } from './item.js';

/** The first path segment of each kind's pages. */
export const SUBJECT_SECTIONS = {
  model: 'models',
  dataset: 'datasets',
  space: 'spaces',
  repository: 'repos',
  paper: 'papers',
} as const satisfies Partial<Record<ItemKind, string>>;

export type PagedKind = keyof typeof SUBJECT_SECTIONS;
export type SubjectRef =
  | { type: 'item'; kind: ItemKind; externalId: string }
  | { type: 'author'; name: string };

/**
 * One path segment from an upstream name, or undefined when the name cannot be one: empty, `.`
 * or `..`, or holding characters no hub or forge allows in a name (so a hostile id never
 * becomes a path that escapes its section).
 */
function segment(value: string): string | undefined {
  if (value === '' || value === '.' || value === '..' || value.length > 200) return undefined;
  if (!/^[\p{L}\p{N}._~+-]+$/u.test(value)) return undefined;
  return encodeURIComponent(value);
}

function segments(value: string, count: 1 | 2): string | undefined {
  const parts = value.split('/');
  if (parts.length !== count) return undefined;
  const encoded = parts.map(segment);
  return encoded.every((part) => part !== undefined) ? encoded.join('/') : undefined;
}

/** The repository a release belongs to: `owner/repo@v1.2` → `owner/repo`. */
export function releaseRepository(externalId: string): string {
  const at = externalId.indexOf('@');
  return at > 0 ? externalId.slice(0, at) : externalId;
}

/**
 * The site path of an item's page (`/models/OWNER/NAME/`, `/papers/2506.01234/`, …), root-relative
 * without the base path; undefined for an id that cannot be a safe path.
 */
export function itemPath(kind: ItemKind, externalId: string): string | undefined {
  if (kind === 'release') return itemPath('repository', releaseRepository(externalId));
  const rest = segments(externalId, kind === 'paper' ? 1 : 2);
  return rest === undefined ? undefined : `/${SUBJECT_SECTIONS[kind]}/${rest}/`;
}

/** `/authors/NAME/`: one page per name, whichever platform (Hugging Face, GitHub) it came from. */
export function authorPath(name: string): string | undefined {
  const rest = segments(name, 1);
  return rest === undefined ? undefined : `/authors/${rest}/`;
}

export function subjectPath(ref: SubjectRef): string | undefined {
  return ref.type === 'author' ? authorPath(ref.name) : itemPath(ref.kind, ref.externalId);
}

/** The subject a site path names (the inverse of subjectPath), for the API and the server. */
export function subjectFromPath(path: string): SubjectRef | undefined {
  const parts = path
    .replace(/^\/+|\/+$/g, '')
    .split('/')
    .map(decodeSegment);
  if (parts.some((part) => part === undefined)) return undefined;
  const [section, ...rest] = parts as string[];
  if (section === 'authors' && rest.length === 1)
    return authorPath(rest[0] as string) === undefined
      ? undefined
      : { type: 'author', name: rest[0] as string };
  const kind = (Object.keys(SUBJECT_SECTIONS) as PagedKind[]).find((k) => SUBJECT_SECTIONS[k] === section);
  if (!kind || rest.length !== (kind === 'paper' ? 1 : 2)) return undefined;
  const ref: SubjectRef = { type: 'item', kind, externalId: rest.join('/') };
  return subjectPath(ref) === undefined ? undefined : ref;
}

function decodeSegment(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
