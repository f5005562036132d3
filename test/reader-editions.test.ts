/**
 * Readers' own editions over a week (issue 13, Done when): seven days of real editions (a generated
 * month's history, planned and written as the daily job does), and the daily job's email step run
 * once a day with the clock on that day, into a real SMTP server. A daily reader receives seven
 * emails, a weekly reader one (on the weekly edition's weekday), and running each day again sends
 * nothing more. A reader who chose "medical" gets emails whose trending lists and movers hold only
 * medical items, or the one line that says there were none.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../src/config/schema.js';
import { fixedClock } from '../src/core/clock.js';
import type { Edition } from '../src/core/edition.js';
import { planItems } from '../src/core/plan.js';
import { memoryLogger } from '../src/lib/logger.js';
import { importBundle } from '../src/pipeline/bundle.js';
import { loadEdition } from '../src/pipeline/deliver.js';
import { loadHistory, loadPreviousEditions } from '../src/pipeline/history.js';
import { buildPlan } from '../src/planner/index.js';
import { editionDigest } from '../src/renderers/email/digest.js';
import { name } from '../src/renderers/email/short.js';
import { dailySteps } from '../src/scheduler/steps.js';
import { createSqliteStore } from '../src/store/sqlite/index.js';
import type { Store } from '../src/store/store.js';
import { startTestSmtpServer, type TestSmtpServer } from '../src/testing/email/smtp-server.js';
import { generateMonth } from '../src/testing/month/index.js';
import { newsroomWriter } from '../src/writers/newsroom/index.js';

const BASE = 'https://post.example.org';
// Thursday 8 to Wednesday 14 October 2026: the generated month's medical wave, and one Monday.
const WEEK = [
  '2026-10-08',
  '2026-10-09',
  '2026-10-10',
  '2026-10-11',
  '2026-10-12',
  '2026-10-13',
  '2026-10-14',
];
const MONDAY = '2026-10-12';
const MEDICAL = { domains: ['medical' as const], sources: [] };

describe('readers’ own editions over a week', () => {
  let smtp: TestSmtpServer;
  let store: Store;
  const log = memoryLogger();
  const dir = mkdtempSync(join(tmpdir(), 'mp-readers-'));
  const editions = new Map<string, Edition>();
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    store = createSqliteStore({ file: ':memory:' });
    await store.migrate();
    const month = generateMonth({ seed: 7 });
    await importBundle(store, month.bundle);
    for (const day of WEEK) {
      const plan = buildPlan(await loadHistory(store, day), await loadPreviousEditions(store, day), {
        timeZone: month.script.timeZone,
      });
      const text = await newsroomWriter.write(plan);
      const meta = { dataMode: 'live', dataDay: day, failedSources: [] };
      await store.saveEdition({ date: day, plan, text, meta }, `${day}T05:00:00.000Z`, { publish: true });
      editions.set(day, await loadEdition(store, day));
    }
    const at = '2026-10-01T00:00:00.000Z';
    for (const who of ['daily', 'weekly', 'medical', 'weekly-medical']) {
      const reader = await store.subscribers.addConfirmed({
        email: `${who}@example.org`,
        consentSource: 'test',
        consentAt: at,
        at,
      });
      ids[who] = reader.id;
    }
    await store.subscribers.setPreferences(
      ids.weekly as number,
      { cadence: 'weekly', topics: { domains: [], sources: [] } },
      at,
    );
    await store.subscribers.setPreferences(ids.medical as number, { cadence: 'daily', topics: MEDICAL }, at);
    await store.subscribers.setPreferences(
      ids['weekly-medical'] as number,
      { cadence: 'weekly', topics: MEDICAL },
      at,
    );
  }, 180_000);
  afterAll(async () => {
    await store?.close();
    await smtp?.close();
  });

  const emailStep = (day: string) => {
    const config = ConfigSchema.parse({
      dataDir: join(dir, 'data'),
      site: { dir: join(dir, 'site'), url: BASE },
      email: { smtpUrl: smtp.url, from: 'The AI Morning Post <post@example.org>', weeklyDay: 'monday' },
    });
    const steps = dailySteps({
      store,
      config,
      clock: fixedClock(`${day}T06:00:00Z`),
      log,
      writer: newsroomWriter,
    });
    return steps['deliver-email'](day, new AbortController().signal);
  };
  const to = (who: string) => smtp.received.filter((mail) => mail.envelopeTo[0] === `${who}@example.org`);

  it('sends a daily reader seven emails and a weekly reader one; a second run of any day sends nothing', async () => {
    for (const day of WEEK) {
      const result = await emailStep(day);
      expect(result.detail).toMatch(
        day === MONDAY
          ? /^sent 2, .*; weekly edition: sent 2, /
          : /^sent 2, .*; weekly edition: the weekly edition goes out on mondays$/,
      );
    }
    const count = smtp.received.length;
    for (const day of WEEK) expect((await emailStep(day)).detail).toMatch(/^sent 0, already sent 2/);
    expect(smtp.received.length).toBe(count);

    expect(to('daily')).toHaveLength(7);
    expect(to('medical')).toHaveLength(7);
    expect(to('weekly')).toHaveLength(1);
    expect(to('weekly-medical')).toHaveLength(1);
    expect(new Set(smtp.received.map((mail) => mail.messageId)).size).toBe(smtp.received.length);

    const [weekly] = to('weekly');
    expect(weekly?.parsed.subject).toBe('The AI Morning Post — week of 6 October 2026');
    expect(weekly?.messageId).toBe(`<weekly-${MONDAY}.sub-${ids.weekly}@post.example.org>`);
    expect(weekly?.raw.toString()).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    // The week's leads, each linked to its day's edition, oldest first.
    const $ = load(weekly?.parsed.html || '');
    const leadLinks = $('a')
      .map((_, a) => $(a).attr('href'))
      .get()
      .filter((href) => /\/editions\/2026-10-\d\d\/$/.test(href));
    expect(leadLinks.slice(0, 5)).toEqual(WEEK.slice(0, 5).map((day) => `${BASE}/editions/${day}/`));
    expect(weekly?.parsed.text).toContain('MOST UPVOTED PAPERS OF THE WEEK');
    expect(weekly?.parsed.text).toMatch(
      /Manage your subscription: https:\/\/post\.example\.org\/manage\?token=[\w-]{43}/,
    );

    // Every daily email carries its reader's manage link, in both parts.
    for (const mail of [...to('daily'), ...to('medical')]) {
      expect(mail.parsed.text).toMatch(
        /Manage your subscription: https:\/\/post\.example\.org\/manage\?token=[\w-]{43}/,
      );
      expect(load(mail.parsed.html || '')('a:contains("Manage your subscription")').attr('href')).toMatch(
        /^https:\/\/post\.example\.org\/manage\?token=[\w-]{43}$/,
      );
    }
  }, 180_000);

  it('gives the medical reader only medical items in trending and movers, or the line that says none', async () => {
    let medicalShown = 0;
    let noneLines = 0;
    for (const mail of to('medical')) {
      const day = /edition-(\d{4}-\d{2}-\d{2})\./.exec(mail.messageId)?.[1] as string;
      const edition = editions.get(day) as Edition;
      const domainOf = new Map(planItems(edition.plan).map((item) => [name(item.title), item.facts?.domain]));
      const digest = editionDigest(edition, BASE, MEDICAL);
      const $ = load(mail.parsed.html || '');
      for (const title of [digest.trending?.title, digest.movers?.title]) {
        if (!title) continue;
        const band = $('h2')
          .filter((_, h2) => $(h2).text() === title)
          .closest('td');
        expect(band.length, `${day} ${title}`).toBe(1);
        const names = band
          .find('a')
          .map((_, a) => $(a).text())
          .get()
          .filter((text) => !text.endsWith('→'));
        for (const shown of names) expect(domainOf.get(shown), `${day}: ${shown}`).toBe('medical');
        medicalShown += names.length;
        if (names.length === 0) {
          expect(band.text()).toMatch(/No medical items (trended today|were among the biggest movers)\./);
          expect(mail.parsed.text).toMatch(
            /No medical items (trended today|were among the biggest movers)\./,
          );
          noneLines += 1;
        }
      }
      // The same day's daily reader sees the whole lists: the filter is the reader's, not the edition's.
      const whole = to('daily').find((other) => other.messageId.includes(`edition-${day}.`));
      const wholeNames = load(whole?.parsed.html || '')('a')
        .map((_, a) => load(whole?.parsed.html || '')(a).text())
        .get();
      expect(wholeNames.some((shown) => domainOf.has(shown) && domainOf.get(shown) !== 'medical')).toBe(true);
      expect(mail.parsed.text).toContain('Its lists carry only medical items, as you chose.');
    }
    // The week is the generated month's medical wave: there was something to show, and days without.
    expect(medicalShown).toBeGreaterThan(0);
    expect(noneLines).toBeGreaterThan(0);
  });

  it('gives the weekly medical reader only medical movers and papers, or the line that says none', async () => {
    const [mail] = to('weekly-medical');
    const text = mail?.parsed.text ?? '';
    const edition = editions.get(MONDAY) as Edition;
    const domainOf = new Map(planItems(edition.plan).map((item) => [name(item.title), item.facts?.domain]));
    const $ = load(mail?.parsed.html || '');
    const moversBand = $('h2')
      .filter((_, h2) => /Biggest Movers/.test($(h2).text()))
      .closest('td');
    const names = moversBand
      .find('a')
      .map((_, a) => $(a).text())
      .get();
    for (const shown of names) expect(domainOf.get(shown), shown).toBe('medical');
    if (names.length === 0) expect(text).toContain('No medical items were among the week’s biggest movers.');
    expect(text).toContain('Its lists carry only medical items, as you chose.');
  });
});
