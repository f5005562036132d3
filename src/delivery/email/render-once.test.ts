import { describe, expect, it } from 'vitest';
import { EVERYTHING, type ReaderTopics } from '../../core/reader.js';
import { assembleWeekly } from '../../core/weekly.js';
import { renderEditionEmail } from '../../renderers/email/index.js';
import { renderWeeklyEmail } from '../../renderers/email/weekly.js';
import { newToken, tokenUrl } from '../../subscriptions/tokens.js';
import { hostileEdition, seedEdition } from '../../testing/editions/editions.js';
import { BASE_URL, editionOn, simpleRender } from '../../testing/email/world.js';
import { renderPerSubscriber } from './render-once.js';

const readerLinks = () => ({
  unsubscribeUrl: tokenUrl(BASE_URL, '/unsubscribe', newToken().token),
  manageUrl: tokenUrl(BASE_URL, '/manage', newToken().token),
});

describe('renderPerSubscriber', () => {
  it('gives byte for byte what a full render gives, for the real renderer and real tokens', async () => {
    for (const edition of [await seedEdition(), await hostileEdition()]) {
      let calls = 0;
      const counted = (...args: Parameters<typeof renderEditionEmail>) => {
        calls += 1;
        return renderEditionEmail(...args);
      };
      const perSubscriber = renderPerSubscriber(counted, edition, BASE_URL);
      const topicSets: ReaderTopics[] = [
        EVERYTHING,
        { domains: ['medical'], sources: [] },
        { domains: [], sources: ['github'] },
      ];
      for (let i = 0; i < 21; i++) {
        const links = readerLinks();
        const topics = topicSets[i % 3] ?? EVERYTHING;
        expect(perSubscriber(links, topics)).toEqual(
          renderEditionEmail(edition, { baseUrl: BASE_URL, ...links, topics }),
        );
      }
      // Two probe renders per distinct set of topics, none per reader.
      expect(calls).toBe(6);
    }
  });

  it('renders the weekly edition once per set of topics too', async () => {
    const edition = await seedEdition();
    const week = assembleWeekly(edition.date, [edition]);
    if (!week) throw new Error('no week');
    let calls = 0;
    const perSubscriber = renderPerSubscriber(
      (...args: Parameters<typeof renderWeeklyEmail>) => {
        calls += 1;
        return renderWeeklyEmail(...args);
      },
      week,
      BASE_URL,
    );
    for (let i = 0; i < 5; i++) {
      const links = readerLinks();
      expect(perSubscriber(links)).toEqual(
        renderWeeklyEmail(week, { baseUrl: BASE_URL, ...links, topics: EVERYTHING }),
      );
    }
    expect(calls).toBe(2);
  });

  it('renders every time when the link does not appear whole in both parts', () => {
    let calls = 0;
    const htmlOnly = (...args: Parameters<typeof simpleRender>) => {
      calls += 1;
      return { ...simpleRender(...args), text: 'no link here' };
    };
    const perSubscriber = renderPerSubscriber(htmlOnly, editionOn('2026-08-23'), BASE_URL);
    perSubscriber(readerLinks());
    perSubscriber(readerLinks());
    expect(calls).toBe(4);
  });

  it('renders every time when anything but the link depends on it', () => {
    const lengthAware = (...args: Parameters<typeof simpleRender>) => {
      const email = simpleRender(...args);
      return { ...email, html: `${email.html}<!-- ${args[1].unsubscribeUrl.charCodeAt(44)} -->` };
    };
    const perSubscriber = renderPerSubscriber(lengthAware, editionOn('2026-08-23'), BASE_URL);
    const links = { ...readerLinks(), unsubscribeUrl: tokenUrl(BASE_URL, '/unsubscribe', 'Z'.repeat(43)) };
    expect(perSubscriber(links).html).toContain('<!-- 90 -->');
    expect(perSubscriber(links)).toEqual(
      lengthAware(editionOn('2026-08-23'), { baseUrl: BASE_URL, ...links, topics: EVERYTHING }),
    );
  });
});
