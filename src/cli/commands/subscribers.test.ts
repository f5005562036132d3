import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../testing/cli/run.js';

const freshDir = () => mkdtempSync(join(tmpdir(), 'mp-subscribers-'));
// Each call starts Node with the TypeScript loader (seconds on a busy machine); these tests make many.
const SLOW = 240_000;

describe('morning-post subscribers', () => {
  it(
    'adds, lists, exports and erases subscribers',
    async () => {
      const dir = freshDir();
      const run = (...args: string[]) => cli(['subscribers', ...args], {}, dir);

      const added = await run('add', 'Reader@Example.ORG', '--consent-source', 'signed up at the meetup');
      expect(added).toMatchObject({
        code: 0,
        stdout: 'added Reader@example.org, consent: signed up at the meetup\n',
      });
      expect((await run('add', '=cmd@bücher.de')).code).toBe(0);
      const invalid = await run('add', 'a@b.org\nBcc: x@y.org');
      expect(invalid.code).toBe(2);
      expect(invalid.stderr).toContain('is not a valid email address');

      const table = await run('list');
      expect(table.stdout).toMatch(
        /^email\s+status\s+edition\s+topics\s+consent\s+created\s+confirmed\s+confirmation$/m,
      );
      expect(table.stdout).toMatch(
        /^Reader@example\.org\s+confirmed\s+daily\s+everything\s+signed up at the meetup/m,
      );
      expect(table.stdout).toContain('2 subscribers');
      const json = JSON.parse((await run('list', '--json', '--status', 'confirmed')).stdout) as {
        email: string;
      }[];
      expect(json.map((s) => s.email)).toEqual(['Reader@example.org', '=cmd@xn--bcher-kva.de']);
      const badStatus = await run('list', '--status', 'gone');
      expect(badStatus.code).toBe(2);
      expect(badStatus.stderr).toContain('--status must be one of pending, confirmed, unsubscribed, bounced');

      const out = join(dir, 'list.csv');
      expect((await run('export', '--out', out)).code).toBe(0);
      const lines = readFileSync(out, 'utf8').split('\r\n');
      expect(lines[0]).toBe('email,status,consent_at,consent_source,created_at,confirmed_at');
      expect(lines[1]).toMatch(/^Reader@example\.org,confirmed,\d{4}-.+Z,signed up at the meetup,/);
      // The formula guard: a spreadsheet shows this cell as text.
      expect(lines[2]).toMatch(/^'=cmd@xn--bcher-kva\.de,confirmed,/);
      expect(statSync(out).mode & 0o077).toBe(0);

      expect(await run('remove', 'Reader@example.org')).toMatchObject({
        code: 0,
        stdout: 'erased Reader@example.org\n',
      });
      const again = await run('remove', 'Reader@example.org');
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('no subscriber Reader@example.org');
      expect(JSON.parse((await run('list', '--json')).stdout)).toHaveLength(1);
    },
    SLOW,
  );

  it(
    'imports a CSV, reports bad rows by line, and changes nothing on a second run',
    async () => {
      const dir = freshDir();
      const file = join(dir, 'people.csv');
      writeFileSync(
        file,
        [
          'email,consent_source,consent_at',
          'one@example.org,paper form,2026-05-01',
          'not an address,,',
          'two@example.org,,',
          'three@example.org,,last tuesday',
          '',
        ].join('\n'),
      );
      const first = await cli(['subscribers', 'import', file], {}, dir);
      expect(first.code).toBe(0);
      expect(first.stdout).toBe('imported 2, already confirmed 0, skipped 2\n');
      expect(first.stderr).toContain(`${file}:3: skipped: not a valid email address`);
      expect(first.stderr).toContain(`${file}:5: skipped: consent_at must be a date`);
      const second = await cli(['subscribers', 'import', file], {}, dir);
      expect(second.stdout).toBe('imported 0, already confirmed 2, skipped 2\n');
      const list = JSON.parse((await cli(['subscribers', 'list', '--json'], {}, dir)).stdout) as {
        email: string;
        consentSource: string;
        consentAt: string;
      }[];
      expect(list).toMatchObject([
        { email: 'one@example.org', consentSource: 'paper form', consentAt: '2026-05-01T00:00:00.000Z' },
        { email: 'two@example.org', consentSource: 'import' },
      ]);
      const missing = await cli(['subscribers', 'import', join(dir, 'nope.csv')], {}, dir);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('Cannot read');
    },
    SLOW,
  );

  it('says in its help that adding records the operator’s word for consent', async () => {
    const help = await cli(['subscribers', 'add', '--help']);
    expect(help.stdout).toContain('--consent-source <text>');
    expect(help.stdout).toContain('recording that consent truthfully is your responsibility');
  });
});
