/**
 * The emails checked by the Nu HTML Checker (vnu.jar), in one JVM start: the seed edition, a
 * sample-data copy, a stored-data generated edition, the hostile edition, a reader's filtered
 * copy, the weekly edition (whole, filtered, hostile) and the confirmation.
 * Email HTML needs the legacy layout attributes (bgcolor, align, width, cellpadding…) that the
 * checker reports as obsolete; those reports, and only those, are allowed.
 */
import { describe, expect, it } from 'vitest';
import type { Edition } from '../../core/edition.js';
import { assembleWeekly, type WeeklyEdition } from '../../core/weekly.js';
import { describeVnu, validate } from '../../testing/browser/vnu.js';
import { generatedEdition, hostileEdition, seedEdition } from '../../testing/editions/editions.js';
import { LINKS } from '../../testing/email/links.js';
import { renderConfirmationEmail, renderEditionEmail } from './index.js';
import { renderWeeklyEmail } from './weekly.js';

const MEDICAL = { domains: ['medical' as const], sources: [] };
/** The week ending on an edition's day, with that edition alone in it. */
async function week(edition: Promise<Edition>): Promise<WeeklyEdition> {
  const e = { ...(await edition), status: 'published' as const };
  const weekly = assembleWeekly(e.date, [e]);
  if (!weekly) throw new Error('no week');
  return weekly;
}

const OBSOLETE = /^The “[\w-]+” attribute on the “\w+” element is obsolete\./;

describe('email HTML validity', () => {
  it('has no validator errors or warnings besides the obsolete layout attributes', async () => {
    const emails = {
      seed: renderEditionEmail(await seedEdition({ number: 4 }), LINKS),
      sample: renderEditionEmail(await seedEdition({ meta: { dataMode: 'sample' } }), LINKS),
      stored: renderEditionEmail(
        generatedEdition('2026-08-21', {
          meta: {
            dataMode: 'stored',
            dataDay: '2026-08-20',
            failedSources: [{ source: 'hf-models', error: 'HTTP 503' }],
          },
        }),
        LINKS,
      ),
      hostile: renderEditionEmail(await hostileEdition({ status: 'draft' }), LINKS),
      medical: renderEditionEmail(await seedEdition({ number: 4 }), { ...LINKS, topics: MEDICAL }),
      weekly: renderWeeklyEmail(await week(seedEdition({ number: 4 })), LINKS),
      weeklyMedical: renderWeeklyEmail(await week(seedEdition({ number: 4 })), { ...LINKS, topics: MEDICAL }),
      weeklyHostile: renderWeeklyEmail(await week(hostileEdition()), LINKS),
      confirmation: renderConfirmationEmail({
        baseUrl: LINKS.baseUrl,
        confirmUrl: `${LINKS.baseUrl}confirm?token=abc`,
        email: '"><b>x</b>@example.org',
        expiresHours: 48,
      }),
    };
    const messages = await validate(
      Object.fromEntries(Object.entries(emails).map(([name, email]) => [`${name}.html`, email.html])),
    );
    const obsolete = messages.filter((m) => OBSOLETE.test(m.message));
    // The filter must match something real, or it would hide nothing and prove nothing.
    expect(obsolete.length).toBeGreaterThan(0);
    const others = messages.filter((m) => !OBSOLETE.test(m.message)).map(describeVnu);
    expect(others).toEqual([]);
  }, 120_000);
});
