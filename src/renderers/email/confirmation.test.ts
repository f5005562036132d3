import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { renderConfirmationEmail } from './index.js';

const INPUT = {
  baseUrl: 'https://example.org/post/',
  confirmUrl: 'https://example.org/post/confirm?token=c0ffee',
  email: 'reader+news@example.org',
  expiresHours: 48,
};

describe('confirmation email', () => {
  const email = renderConfirmationEmail(INPUT);
  const $ = load(email.html);

  it('asks to confirm with a button and the link written out, saying when it expires', () => {
    expect(email.subject).toBe('Confirm your subscription to The AI Morning Post');
    expect($('td.btn a').attr('href')).toBe(INPUT.confirmUrl);
    expect($('td.btn').attr('bgcolor')).toMatch(/^#[0-9a-f]{6}$/);
    expect($(`a[href="${INPUT.confirmUrl}"]`).length).toBe(2);
    const body = $('body').text().replace(/\s+/g, ' ');
    expect(body).toContain('Someone, hopefully you, asked to subscribe reader+news@example.org');
    expect(body).toContain('https://example.org/post/');
    expect(body).toContain('The link expires in 48 hours.');
    expect(body).toContain('If it wasn’t you, ignore this email: nothing will be sent');
  });

  it('says the same in plain text, with the link on its own line', () => {
    expect(email.text).toContain('reader+news@example.org');
    expect(email.text.split('\n')).toContain(INPUT.confirmUrl);
    expect(email.text).toContain('expires in 48 hours');
    expect(email.text).toContain('nothing will be sent to this address');
    for (const line of email.text.split('\n')) expect(line.length).toBeLessThanOrEqual(76);
  });

  it('is an email document: presentation tables, inline styles, a preheader', () => {
    $('table').each((_, table) => expect($(table).attr('role')).toBe('presentation'));
    $('p, h1, a').each((_, el) => expect($(el).attr('style')).toBeTruthy());
    expect($('.preheader').text()).toContain('expires in 48 hours');
  });

  it('escapes the address, which is outside input', () => {
    const hostile = renderConfirmationEmail({ ...INPUT, email: '"><script>alert(1)</script>\r\nBcc: x@y' });
    expect(hostile.html).not.toContain('<script');
    expect(load(hostile.html)('script').length).toBe(0);
    expect(load(hostile.html)('body').text()).toContain('"><script>alert(1)</script> Bcc: x@y');
    expect(hostile.subject).not.toMatch(/[\r\n]/);
  });

  it('says "1 hour" for one hour', () => {
    expect(renderConfirmationEmail({ ...INPUT, expiresHours: 1 }).text).toContain('expires in 1 hour:');
  });

  it('refuses a confirmation link that is not http(s)', () => {
    expect(() => renderConfirmationEmail({ ...INPUT, confirmUrl: 'javascript:alert(1)' })).toThrow(
      /confirmation link/,
    );
  });
});
