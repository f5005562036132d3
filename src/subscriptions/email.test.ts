import { describe, expect, it } from 'vitest';
import { normaliseEmail } from './email.js';

describe('normaliseEmail', () => {
  it.each([
    ['reader@example.org', 'reader@example.org'],
    ['  reader@example.org\t', 'reader@example.org'],
    ['Reader.Name@Example.ORG', 'Reader.Name@example.org'],
    ['first.last+post@mail.example.co.uk', 'first.last+post@mail.example.co.uk'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['x@a.io', 'x@a.io'],
    ['reader@bücher.de', 'reader@xn--bcher-kva.de'],
    ['reader@BÜCHER.de', 'reader@xn--bcher-kva.de'],
    ['reader@例え.テスト', 'reader@xn--r8jz45g.xn--zckzah'],
    ['reader@ｅｘａｍｐｌｅ．ｃｏｍ', 'reader@example.com'],
    ['reader@xn--bcher-kva.de', 'reader@xn--bcher-kva.de'],
    ['josé@example.es', 'josé@example.es'],
    ['用户@example.cn', '用户@example.cn'],
    // NFD input (e + combining acute) is stored in NFC, so one address has one spelling.
    ['jose\u0301@example.es', 'josé@example.es'],
    ['=cmd@example.org', '=cmd@example.org'],
  ])('accepts %j as %j', (raw, expected) => {
    expect(normaliseEmail(raw)).toBe(expected);
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['no @', 'reader.example.org'],
    ['two @', 'a@b@example.org'],
    ['empty local part', '@example.org'],
    ['empty domain', 'reader@'],
    ['dotless domain', 'reader@localhost'],
    ['IP literal', 'reader@[127.0.0.1]'],
    ['IP address domain', 'reader@127.0.0.1'],
    ['trailing dot in domain', 'reader@example.org.'],
    ['empty label', 'reader@example..org'],
    ['label starting with a hyphen', 'reader@-example.org'],
    ['label ending with a hyphen', 'reader@example-.org'],
    ['underscore in domain', 'reader@my_host.example.org'],
    ['label over 63 characters', `reader@${'a'.repeat(64)}.org`],
    ['bad punycode', 'reader@xn--zz.org'],
    ['leading dot in local part', '.reader@example.org'],
    ['trailing dot in local part', 'reader.@example.org'],
    ['double dot in local part', 're..ader@example.org'],
    ['quoted local part', '"reader"@example.org'],
    ['quoted local part with spaces', '"two words"@example.org'],
    ['space inside', 'read er@example.org'],
    ['no-break space inside', 'read\u00a0er@example.org'],
    ['comma (two recipients)', 'a@example.org,b@example.org'],
    ['angle brackets', 'Reader <reader@example.org>'],
    ['semicolon', 'reader;x@example.org'],
    ['backslash', 'read\\er@example.org'],
    ['local part over 64 octets', `${'a'.repeat(65)}@example.org`],
    ['local part over 64 octets in UTF-8', `${'é'.repeat(33)}@example.org`],
    [
      'address over 254 characters',
      `reader@${'a'.repeat(61)}.${'b'.repeat(61)}.${'c'.repeat(61)}.${'d'.repeat(61)}.org`,
    ],
    ['huge input', `${'a'.repeat(5000)}@example.org`],
    ['CRLF header injection', 'reader@example.org\r\nBcc: victim@example.net'],
    ['LF header injection', 'reader@example.org\nBcc: victim@example.net'],
    ['CR alone', 'reader@example.org\rX'],
    ['trailing CRLF', 'reader@example.org\r\n'],
    ['percent-decoded CRLF', decodeURIComponent('reader%40example.org%0D%0ABcc%3A%20x%40y.org')],
    ['NUL', 'reader\u0000@example.org'],
    ['DEL', 'reader\u007f@example.org'],
    ['C1 control (NEL)', 'reader\u0085@example.org'],
    ['line separator', 'reader\u2028@example.org'],
    ['zero-width space', 'rea\u200bder@example.org'],
    ['zero-width space in the domain', 'reader@exa\u200bmple.org'],
    ['bidi override', 'reader\u202e@example.org'],
    ['emoji', 'reader😀@example.org'],
  ])('rejects %s', (_name, raw) => {
    expect(normaliseEmail(raw)).toBeUndefined();
  });

  it('accepts the longest local part and address the RFCs allow', () => {
    const local = 'a'.repeat(64);
    expect(normaliseEmail(`${local}@example.org`)).toBe(`${local}@example.org`);
    const domain = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(57)}.org`;
    const address = `${local}@${domain}`;
    expect(address).toHaveLength(254);
    expect(normaliseEmail(address)).toBe(address);
    expect(normaliseEmail(`${local}@a${domain}`)).toBeUndefined();
  });

  it('is idempotent: a stored address normalises to itself', () => {
    for (const raw of ['Reader@Example.ORG', 'reader@bücher.de', 'jose\u0301@example.es']) {
      const once = normaliseEmail(raw) as string;
      expect(normaliseEmail(once)).toBe(once);
    }
  });
});
