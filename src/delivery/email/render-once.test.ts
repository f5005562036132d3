import { describe, expect, it } from 'vitest';
import { renderEditionEmail } from '../../renderers/email/index.js';
import { newToken, tokenUrl } from '../../subscriptions/tokens.js';
import { hostileEdition, seedEdition } from '../../testing/editions/editions.js';
import { BASE_URL, editionOn, simpleRender } from '../../testing/email/world.js';
import { renderPerSubscriber } from './render-once.js';

describe('renderPerSubscriber', () => {
  it('gives byte for byte what a full render gives, for the real renderer and real tokens', async () => {
    for (const edition of [await seedEdition(), await hostileEdition()]) {
      let calls = 0;
      const counted = (...args: Parameters<typeof renderEditionEmail>) => {
        calls += 1;
        return renderEditionEmail(...args);
      };
      const perSubscriber = renderPerSubscriber(counted, edition, BASE_URL);
      for (let i = 0; i < 20; i++) {
        const unsubscribeUrl = tokenUrl(BASE_URL, '/unsubscribe', newToken().token);
        expect(perSubscriber(unsubscribeUrl)).toEqual(
          renderEditionEmail(edition, { baseUrl: BASE_URL, unsubscribeUrl }),
        );
      }
      expect(calls).toBe(2);
    }
  });

  it('renders every time when the link does not appear whole in both parts', () => {
    let calls = 0;
    const htmlOnly = (...args: Parameters<typeof simpleRender>) => {
      calls += 1;
      return { ...simpleRender(...args), text: 'no link here' };
    };
    const perSubscriber = renderPerSubscriber(htmlOnly, editionOn('2026-08-23'), BASE_URL);
    perSubscriber(tokenUrl(BASE_URL, '/unsubscribe', newToken().token));
    perSubscriber(tokenUrl(BASE_URL, '/unsubscribe', newToken().token));
    expect(calls).toBe(4);
  });

  it('renders every time when anything but the link depends on it', () => {
    const lengthAware = (...args: Parameters<typeof simpleRender>) => {
      const email = simpleRender(...args);
      return { ...email, html: `${email.html}<!-- ${args[1].unsubscribeUrl.charCodeAt(44)} -->` };
    };
    const perSubscriber = renderPerSubscriber(lengthAware, editionOn('2026-08-23'), BASE_URL);
    const unsubscribeUrl = tokenUrl(BASE_URL, '/unsubscribe', 'Z'.repeat(43));
    expect(perSubscriber(unsubscribeUrl).html).toContain('<!-- 90 -->');
    expect(perSubscriber(unsubscribeUrl)).toEqual(
      lengthAware(editionOn('2026-08-23'), { baseUrl: BASE_URL, unsubscribeUrl }),
    );
  });
});
