import { describe, expect, it } from 'vitest';
import { parseTelegramHtml } from '../../testing/telegram/html.js';
import { type Block, cleanText, escapeText, shortText, toMessages } from './html.js';

function visible(html: string): string {
  const parsed = parseTelegramHtml(html);
  if (!parsed.ok) throw new Error(`${parsed.error} in ${html}`);
  return parsed.text;
}

describe('escaping', () => {
  it('escapes &, < and > in text and only ever links http(s) URLs, with " escaped in href', () => {
    const [message] = toMessages([
      [
        { text: 'AT&T <b> 1 > 0', bold: true },
        { text: ' js', href: 'javascript:alert(1)' },
        { text: ' q', href: 'https://x.org/?q="a"&b=<c>' },
      ],
    ]);
    expect(message).toBe(
      '<b>AT&amp;T &lt;b&gt; 1 &gt; 0</b> js<a href="https://x.org/?q=%22a%22&amp;b=%3Cc%3E"> q</a>',
    );
    expect(visible(message as string)).toBe('AT&T <b> 1 > 0 js q');
    expect(escapeText('&amp;')).toBe('&amp;amp;');
  });

  it('drops control and direction-override characters and lone surrogates', () => {
    expect(cleanText('a\u202Egnp.exe\u202C\u0000b\n\uD800c😀')).toBe('agnp.exeb\nc😀');
    expect(shortText(`  x\n${'y'.repeat(200)}`, 10)).toBe('x yyyyyyy…');
  });
});

describe('splitting into messages', () => {
  const paragraph = (n: number, word = 'word'): Block => [{ text: Array(n).fill(word).join(' ') }];

  it('keeps everything in one message when it fits, blocks separated by a blank line', () => {
    expect(toMessages([paragraph(2), [{ text: 'b', bold: true }]])).toEqual(['word word\n\n<b>b</b>']);
  });

  it('splits at block boundaries, never beyond the limit in visible characters', () => {
    const blocks = [paragraph(10), paragraph(10), paragraph(10)]; // 49 characters each
    const messages = toMessages(blocks, { length: 100, entities: 100 });
    expect(messages).toEqual([
      `${'word '.repeat(9)}word\n\n${'word '.repeat(9)}word`,
      `${'word '.repeat(9)}word`,
    ]);
  });

  it('splits a block longer than a message between words, keeping links whole in each part', () => {
    const block: Block = [
      { text: 'Lead: ' },
      { text: `${'long title '.repeat(30)}end`, href: 'https://x.org/a&b', bold: true },
    ];
    const messages = toMessages([block], { length: 100, entities: 100 });
    expect(messages.length).toBeGreaterThan(3);
    for (const message of messages) {
      const parsed = parseTelegramHtml(message);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.text.length).toBeLessThanOrEqual(100);
      expect(parsed.text).not.toMatch(/ lon$|^g /);
    }
    expect(messages.map(visible).join(' ').replace(/\s+/g, ' ')).toBe(
      `Lead: ${'long title '.repeat(30)}end`.replace(/\s+/g, ' '),
    );
  });

  it('cuts a word longer than a message, never between the halves of a surrogate pair', () => {
    const messages = toMessages([[{ text: '😀'.repeat(100) }]], { length: 51, entities: 100 });
    expect(messages.length).toBe(4);
    for (const message of messages) {
      expect(message.length).toBeLessThanOrEqual(51);
      expect(message).toMatch(/^(😀)+$/u);
    }
    expect(messages.join('')).toBe('😀'.repeat(100));
  });

  it('keeps to 100 formatting entities a message, which is all Telegram honours', () => {
    const links: Block = Array.from({ length: 150 }, (_, n) => ({
      text: `l${n} `,
      href: `https://x.org/${n}`,
      bold: true,
    }));
    const messages = toMessages([[{ text: 'Intro', italic: true }], links]);
    expect(messages).toHaveLength(4);
    for (const message of messages) {
      const parsed = parseTelegramHtml(message);
      expect(parsed.ok && parsed.entities.length).toBeLessThanOrEqual(100);
    }
    expect(messages.map(visible).join(' ')).toContain('l0 l1');
    expect(messages.map(visible).join(' ')).toContain('l149');
  });

  it('drops blocks with nothing to show', () => {
    expect(toMessages([[], [{ text: '\u202E' }], paragraph(1)])).toEqual(['word']);
  });
});
