import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MorningPostError } from '../../core/errors.js';
import { pgDumpCommand, pgRestoreCommands, runPgDump } from './dump.js';

const URL_WITH_PASSWORD = 'postgres://post:s3cr%40t%20pw@db.internal:5433/morning?sslmode=require';

describe('pg_dump and pg_restore commands', () => {
  it('passes the password in PGPASSWORD, never on the command line, and masks it when shown', () => {
    const dump = pgDumpCommand(URL_WITH_PASSWORD, '/backups/post 1.dump');
    expect(dump.program).toBe('pg_dump');
    expect(dump.args).toEqual([
      '--format=custom',
      '--file=/backups/post 1.dump',
      '--dbname=postgres://post@db.internal:5433/morning?sslmode=require',
    ]);
    expect(dump.env).toEqual({ PGPASSWORD: 's3cr@t pw' });
    expect(dump.shown).toBe(
      "PGPASSWORD='****' pg_dump --format=custom '--file=/backups/post 1.dump' '--dbname=postgres://post@db.internal:5433/morning?sslmode=require'",
    );
    expect(`${dump.args.join(' ')} ${dump.shown}`).not.toMatch(/s3cr/);
  });

  it('shows no PGPASSWORD when the URL has none, and quotes what a shell would split', () => {
    const [restore, psql] = pgRestoreCommands('postgres://postgres@127.0.0.1:5432/test', "it's.dump");
    expect(restore?.env).toEqual({});
    expect(restore?.shown).toBe(
      `pg_restore --clean --if-exists --no-owner --single-transaction --dbname=postgres://postgres@127.0.0.1:5432/test 'it'\\''s.dump'`,
    );
    expect(psql?.shown).toBe(
      `psql --single-transaction --set=ON_ERROR_STOP=1 --dbname=postgres://postgres@127.0.0.1:5432/test '--file=it'\\''s.dump'`,
    );
  });

  describe('runPgDump', () => {
    const path = process.env.PATH;
    afterEach(() => {
      process.env.PATH = path;
    });

    it('says pg_dump is missing in one line with what to install, and leaves nothing behind', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'mp-pgdump-'));
      process.env.PATH = dir;
      const error = await runPgDump('postgres://postgres@127.0.0.1:1/none', join(dir, 'out.dump')).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(MorningPostError);
      expect((error as MorningPostError).message).toBe('pg_dump is not installed (not found on PATH).');
      expect((error as MorningPostError).hint).toContain('postgresql-client');
      expect(readdirSync(dir)).toEqual([]);
      expect(existsSync(join(dir, 'out.dump'))).toBe(false);
    });
  });
});
