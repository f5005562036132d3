/**
 * @module store/migrations
 * Every migration, listed in code rather than found by scanning a folder, so the compiled
 * `dist/` runs them without knowing where its files are. Names sort in the order they apply.
 */
import type { Migration, MigrationProvider } from 'kysely';
import type { StoreDialect } from '../store.js';
import { historyMigration } from './0001-history.js';
import { editionsMigration } from './0002-editions.js';
import { editionTextMigration } from './0003-edition-text.js';
import { deliveryMigration } from './0004-delivery.js';
import { confirmationSendsMigration } from './0005-confirmation-sends.js';
import { rateLimitsMigration } from './0006-rate-limits.js';
import { searchMigration } from './0007-search.js';
import { readerPreferencesMigration } from './0008-reader-preferences.js';
import { itemsAuthorMigration } from './0009-items-author.js';
import { columnTypes } from './columns.js';

export function storeMigrations(dialect: StoreDialect): Record<string, Migration> {
  const types = columnTypes(dialect);
  return {
    '0001-history': historyMigration(types),
    '0002-editions': editionsMigration(types),
    '0003-edition-text': editionTextMigration(types),
    '0004-delivery': deliveryMigration(types),
    '0005-confirmation-sends': confirmationSendsMigration(types),
    '0006-rate-limits': rateLimitsMigration(types),
    '0007-search': searchMigration(types, dialect),
    '0008-reader-preferences': readerPreferencesMigration(types),
    '0009-items-author': itemsAuthorMigration(),
  };
}

export function migrationProvider(dialect: StoreDialect): MigrationProvider {
  return { getMigrations: async () => storeMigrations(dialect) };
}
