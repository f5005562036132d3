import { describe, expect, it } from 'vitest';
import { mdBlock, mdInline, mdLink, mdText, mdUrl } from './escape.js';

describe('mdText', () => {
  it.each([
    ['[a](javascript:x)', '\\[a\\](javascript:x)'],
    ['![img](http://x)', '!\\[img\\](http://x)'],
    ['`code` and ``more``', '\\`code\\` and \\`\\`more\\`\\`'],
    ['*em* **strong** ~~gone~~', '\\*em\\* \\*\\*strong\\*\\* \\~\\~gone\\~\\~'],
    ['<script>alert(1)</script>', '&lt;script>alert(1)&lt;/script>'],
    ['<http://auto.link>', '&lt;http://auto.link>'],
    ['a | b', 'a \\| b'],
    ['back\\slash', 'back\\\\slash'],
    ['AT&T &amp; &#38; &copy;', 'AT&T \\&amp; \\&\\#38; \\&copy;'],
    ['whisper_small _em_ __strong__', 'whisper_small \\_em\\_ \\_\\_strong\\_\\_'],
    ['#1 model ##', '\\#1 model \\#\\#'],
    ['line\nbreak\r\n# heading\u2028x\tb', 'line break \\# heading x b'],
    ['nul\u0000 here', 'nul here'],
    ['(UTC) 1.5B-parameter', '(UTC) 1.5B-parameter'],
  ])('%j → %j', (input, expected) => {
    expect(mdText(input)).toBe(expected);
  });
});

describe('mdBlock', () => {
  it.each([
    ['- not a list', '\\- not a list'],
    ['+122 likes', '\\+122 likes'],
    ['> not a quote', '\\> not a quote'],
    ['=== not an underline', '\\=== not an underline'],
    ['1. not a numbered list', '1\\. not a numbered list'],
    ['12) nor this', '12\\) nor this'],
    ['    not code', 'not code'],
    ['a - b > c', 'a - b > c'],
  ])('%j → %j', (input, expected) => {
    expect(mdBlock(input)).toBe(expected);
  });
});

describe('mdUrl and mdLink', () => {
  it('only http(s) URLs become links', () => {
    for (const href of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,x',
      'mailto:a@b.c',
      '/relative',
      'not a url',
    ])
      expect(mdUrl(href)).toBeNull();
    expect(mdLink('click', 'javascript:alert(1)')).toBe('click');
    expect(mdLink('[x]', 'vbscript:x')).toBe('\\[x\\]');
  });

  it('percent-encodes what would end or confuse a destination', () => {
    expect(mdUrl('https://en.wikipedia.org/wiki/Foo_(bar)')).toBe(
      'https://en.wikipedia.org/wiki/Foo_%28bar%29',
    );
    expect(mdUrl('https://x.org/a b<c>"d"\\e[f]`g`|h')).toBe(
      'https://x.org/a%20b%3Cc%3E%22d%22/e%5Bf%5D%60g%60%7Ch',
    );
    expect(mdUrl('https://x.org/?q=1&copy;=2&b=3')).toBe('https://x.org/?q=1\\&copy;=2&b=3');
    expect(mdUrl('https://x.org/Ünïcode')).toBe('https://x.org/%C3%9Cn%C3%AFcode');
  });

  it('escapes the link text', () => {
    expect(mdLink('a](javascript:x) [b', 'https://x.org/')).toBe('[a\\](javascript:x) \\[b](https://x.org/)');
  });

  it('joins a paragraph of pieces', () => {
    expect(mdInline(['See ', { text: 'H25', href: 'https://huggingface.co/h/H25' }, ' *now*'])).toBe(
      'See [H25](https://huggingface.co/h/H25) \\*now\\*',
    );
  });
});
