import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Edition } from '../../core/edition.js';
import {
  generatedEdition,
  HOSTILE_STRINGS,
  hostileEdition,
  seedEdition,
} from '../../testing/editions/editions.js';
import { type FakeTelegramApi, startFakeTelegramApi } from '../../testing/telegram/bot-api.js';
import { parseTelegramHtml, type TelegramEntity } from '../../testing/telegram/html.js';
import { renderTelegramPost } from './post.js';

const BASE = 'https://post.example.org';
let api: FakeTelegramApi;
beforeAll(async () => {
  api = await startFakeTelegramApi();
});
afterAll(() => api.close());

/** Posts every message to the fake Bot API; returns what readers see, failing on any refusal. */
async function post(messages: string[]): Promise<{ text: string; entities: TelegramEntity[] }[]> {
  const seen = [];
  for (const text of messages) {
    const response = await fetch(`${api.url}/bot${api.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: '@morningpost', text, parse_mode: 'HTML' }),
    });
    const body = (await response.json()) as {
      ok: boolean;
      description?: string;
      result?: { text: string; entities?: TelegramEntity[] };
    };
    expect(body.description ?? 'accepted').toBe('accepted');
    expect(api.messages.at(-1)?.entitiesDropped).toBe(0);
    seen.push({
      text: body.result?.text ?? '',
      entities: body.result?.entities ?? [],
    });
  }
  return seen;
}

function links(entities: TelegramEntity[]): string[] {
  return entities.filter((e) => e.type === 'text_link').map((e) => e.url as string);
}

/** The hostile edition, with the attacks in the words too: the headline, standfirst and a huge lead. */
async function wordsUnderAttack(): Promise<Edition> {
  const edition = await hostileEdition();
  const attack = `${HOSTILE_STRINGS.script} ${HOSTILE_STRINGS.breakout} ${HOSTILE_STRINGS.rtl}`;
  edition.text.headline = `${attack} & more`;
  edition.text.standfirst = `${HOSTILE_STRINGS.long} ${attack}`;
  const lead = edition.text.sections.find((section) => section.id === 'lead');
  lead?.paragraphs.unshift([
    `${HOSTILE_STRINGS.long} `,
    { text: attack, href: 'https://example.org/?a=1&b="2"' },
    ' middle '.repeat(600),
    { text: 'not a link', href: HOSTILE_STRINGS.jsUrl },
  ]);
  return edition;
}

describe('the Telegram post', () => {
  it('leads with the headline in bold, linked to the web edition, then the lead in brief', async () => {
    const edition = await seedEdition({ number: 7 });
    const [first] = await post(renderTelegramPost(edition, BASE));
    if (!first) throw new Error('no message');
    const headline = edition.text.headline;
    expect(first.text.startsWith(`${headline}\nThe AI Morning Post · No. 7 · Sunday, 23 August 2026`)).toBe(
      true,
    );
    expect(first.entities).toContainEqual({ type: 'bold', offset: 0, length: headline.length });
    expect(first.entities).toContainEqual({
      type: 'text_link',
      offset: 0,
      length: headline.length,
      url: `${BASE}/editions/2026-08-23/`,
    });
    expect(first.text).toContain(edition.text.standfirst);
    expect(first.text).toContain('personal projects ahead of corporate launches');
  });

  it('lists the top movers with their gains, the top trending models and repositories, and the reading', async () => {
    const [message] = await post(renderTelegramPost(await seedEdition(), BASE));
    const text = message?.text ?? '';
    expect(text).toContain(
      '1. lucaverdi/tiny-story-270M: +122 likes, +1.1k downloads in 7 days, up 14 places to 6th',
    );
    expect(text).toContain('3. hanyc4855/H25: new on the list at 1st');
    expect(text).not.toContain('6. ');
    expect(text).toContain('• StyTJU/MultiObj-DETR: 268 likes, 5.4k downloads');
    expect(text).toContain('• ultralytics/ultralytics: 41k stars, +1.3k this week');
    expect(text).not.toContain('Qwen/Qwen3-32B');
    expect(text).toContain('1. Scaling Laws for Domain-Specific Language Models: 57 upvotes');
  });

  it('ends with links to the edition’s sections and feeds', async () => {
    const [message] = await post(renderTelegramPost(await seedEdition(), BASE));
    const urls = links(message?.entities ?? []);
    for (const anchor of ['metrics', 'deep-dive', 'opinion', 'tools', 'trending', 'movers', 'reading'])
      expect(urls).toContain(`${BASE}/editions/2026-08-23/#${anchor}`);
    for (const path of ['editions/', 'feed.xml', 'atom.xml', 'feed.json'])
      expect(urls).toContain(`${BASE}/${path}`);
  });

  it('is accepted by the Bot API for the seed, generated and hostile editions', async () => {
    const editions = [
      await seedEdition(),
      generatedEdition(),
      generatedEdition('2026-02-01'),
      await hostileEdition(),
      await wordsUnderAttack(),
    ];
    for (const edition of editions) {
      const messages = renderTelegramPost(edition, BASE);
      expect(messages.length).toBeGreaterThan(0);
      await post(messages);
    }
  });

  it('shows hostile strings as text, links only http(s) URLs and drops direction overrides', async () => {
    const edition = await wordsUnderAttack();
    const messages = renderTelegramPost(edition, BASE);
    // The 10,000-character standfirst and the long lead paragraph cannot share a message.
    expect(messages.length).toBeGreaterThanOrEqual(3);
    const seen = await post(messages);
    const text = seen.map((m) => m.text).join('\n');
    expect(text).toContain(`${HOSTILE_STRINGS.script} ${HOSTILE_STRINGS.breakout}`);
    expect(text).not.toContain('\u202E');
    expect(text).toContain('gnp.exe override');
    expect(messages.join('')).not.toMatch(/<script|<img|href="javascript/i);
    const urls = seen.flatMap((m) => links(m.entities));
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) expect(url).toMatch(/^https?:\/\//);
    expect(urls).toContain('https://example.org/?a=1&b=%222%22');
    expect(text).toContain('not a link');
  });

  it('splits a lead with more links than a message may carry', async () => {
    const edition = await seedEdition();
    const lead = edition.text.sections.find((section) => section.id === 'lead');
    lead?.paragraphs.unshift(
      Array.from({ length: 130 }, (_, n) => ({ text: `model-${n} `, href: `https://huggingface.co/m/${n}` })),
    );
    const messages = renderTelegramPost(edition, BASE);
    expect(messages.length).toBeGreaterThan(1);
    const urls = (await post(messages)).flatMap((m) => links(m.entities));
    for (const n of [0, 99, 129]) expect(urls).toContain(`https://huggingface.co/m/${n}`);
  });

  it('renders the same edition to the same messages, and refuses a base URL it cannot link to', async () => {
    const edition = await seedEdition();
    expect(renderTelegramPost(edition, BASE)).toEqual(renderTelegramPost(edition, `${BASE}/`));
    expect(() => renderTelegramPost(edition, 'javascript:alert(1)')).toThrow(/site URL/);
  });

  it('says when the data is not live and leaves out what the edition does not have', async () => {
    const edition = await seedEdition({ meta: { dataMode: 'sample' } });
    edition.plan.movers.items = [];
    edition.plan.reading = [];
    const [message] = renderTelegramPost(edition, BASE);
    const parsed = parseTelegramHtml(message ?? '');
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.text).toContain('built from the sample day');
    expect(parsed.text).not.toContain('Biggest Movers');
    expect(parsed.text).not.toContain('Weekend Reading');
    expect(parsed.text).toContain('Trending');
  });
});
