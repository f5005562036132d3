/**
 * @module sources/huggingface/author-kinds
 * Whether a Hub author is a user or an organisation. The listing only names the author, so we
 * resolve the kind in the cheapest order: hints from `/api/trending`, the author directory (kinds
 * resolved on earlier days), then at most a capped number of overview look-ups per run. A look-up
 * that fails leaves the kind unset and is a warning: the kind enriches an item, it is not the item.
 */
import { describeError } from '../../core/errors.js';
import type { AuthorKind } from '../../core/item.js';
import { HttpError } from '../../lib/http/errors.js';
import type { SourceContext, SourceReport } from '../source.js';
import { hubUrl, mapLimit, warn } from './hub.js';

export interface LookupLimits {
  /** Most overview look-ups in one run; a name costs one or two requests. */
  maxLookups: number;
  /** Look-ups in flight at once (the HTTP client also limits per host). */
  concurrency: number;
}

export const DEFAULT_LOOKUP_LIMITS: LookupLimits = { maxLookups: 60, concurrency: 4 };

/** Author names on the Hub: anything else is not worth a request. */
const AUTHOR_NAME = /^[\w.-]{1,96}$/;

/** Kinds already in the author directory; unknown names are simply absent. */
export async function cachedAuthorKinds(
  ctx: SourceContext,
  names: readonly string[],
): Promise<Map<string, AuthorKind>> {
  const unique = [...new Set(names)];
  const kinds = await mapLimit(unique, 8, (name) => ctx.authors.get('huggingface', name));
  const known = new Map<string, AuthorKind>();
  unique.forEach((name, index) => {
    const kind = kinds[index];
    if (kind) known.set(name, kind);
  });
  return known;
}

/**
 * Kinds for `names` (in priority order: earlier names are looked up first when the cap bites).
 * Kinds learnt from hints or look-ups are saved to the directory for later runs.
 */
export async function resolveAuthorKinds(
  ctx: SourceContext,
  names: readonly string[],
  hints: ReadonlyMap<string, AuthorKind>,
  report: SourceReport,
  limits: LookupLimits = DEFAULT_LOOKUP_LIMITS,
): Promise<Map<string, AuthorKind>> {
  const unique = [...new Set(names)];
  const cached = await cachedAuthorKinds(ctx, unique);
  const kinds = new Map<string, AuthorKind>();
  const unresolved: string[] = [];
  for (const name of unique) {
    const hinted = hints.get(name);
    if (hinted) {
      kinds.set(name, hinted);
      if (cached.get(name) !== hinted) await ctx.authors.set('huggingface', name, hinted);
    } else {
      const known = cached.get(name);
      if (known) kinds.set(name, known);
      else if (AUTHOR_NAME.test(name)) unresolved.push(name);
    }
  }

  const toLookUp = unresolved.slice(0, limits.maxLookups);
  if (unresolved.length > toLookUp.length) {
    warn(
      report,
      `author kinds: ${unresolved.length - toLookUp.length} author(s) left unresolved (look-up cap ${limits.maxLookups} per run)`,
    );
  }
  const found = await mapLimit(toLookUp, limits.concurrency, (name) => lookUpAuthorKind(ctx, name, report));
  for (const [index, name] of toLookUp.entries()) {
    const kind = found[index];
    if (!kind) continue;
    kinds.set(name, kind);
    await ctx.authors.set('huggingface', name, kind);
  }
  return kinds;
}

/**
 * Org overview first (200 ⇒ org), then on 404 the user overview (200 ⇒ user). Users and orgs share
 * one namespace, so a 200 is conclusive. Any other failure leaves the kind unknown, with a warning.
 */
export async function lookUpAuthorKind(
  ctx: SourceContext,
  name: string,
  report: SourceReport,
): Promise<AuthorKind | undefined> {
  const endpoint = ctx.endpoints.huggingface;
  try {
    if (await exists(ctx, hubUrl(endpoint, 'api', 'organizations', name, 'overview'))) {
      return 'org';
    }
    if (await exists(ctx, hubUrl(endpoint, 'api', 'users', name, 'overview'))) {
      return 'user';
    }
    warn(report, `author kind of ${name}: neither an organisation nor a user overview exists`);
  } catch (error) {
    ctx.log.warn('hf author look-up failed', { author: name, reason: describeError(error) });
    warn(report, `author kind of ${name} unknown: ${describeError(error)}`);
  }
  return undefined;
}

/** true on 2xx, false on 404; anything else throws. */
async function exists(ctx: SourceContext, url: URL): Promise<boolean> {
  try {
    await ctx.http.get(url.toString(), { signal: ctx.signal, headers: { accept: 'application/json' } });
    return true;
  } catch (error) {
    if (error instanceof HttpError && error.status === 404) return false;
    throw error;
  }
}
