import { describe, expect, it } from 'vitest';
import { dayIn, utcDay } from './clock.js';

describe('calendar days', () => {
  it('reads the day in the edition time zone, not only UTC', () => {
    const lateInUtc = new Date('2026-08-22T23:30:00Z');
    expect(utcDay(lateInUtc)).toBe('2026-08-22');
    expect(dayIn(lateInUtc, 'Asia/Tokyo')).toBe('2026-08-23');
    expect(dayIn(lateInUtc, 'America/Los_Angeles')).toBe('2026-08-22');
    expect(dayIn(new Date('2026-01-01T03:00:00Z'), 'America/New_York')).toBe('2025-12-31');
  });
});
