/**
 * @module store/author-directory
 * The sources' AuthorDirectory backed by the store, so an author's kind is looked up upstream
 * once and remembered across runs, with the time it was checked.
 */
import type { Clock } from '../core/clock.js';
import type { AuthorDirectory } from '../sources/source.js';
import type { Store } from './store.js';

export function storeAuthorDirectory(store: Store, clock: Pick<Clock, 'now'>): AuthorDirectory {
  return {
    get: (platform, name) => store.getAuthorKind(platform, name),
    set: (platform, name, kind) => store.setAuthorKind(platform, name, kind, clock.now().toISOString()),
  };
}
