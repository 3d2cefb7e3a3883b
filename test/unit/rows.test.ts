import { describe, expect, it } from 'vitest';
import { nullableTimestamp, timestamp } from '../../src/domain/shared/rows.js';

describe('timestamp (PostgreSQL timestamptz text to Date)', () => {
  it.each([
    ['2026-12-01 08:26:58.123456+00', '2026-12-01T08:26:58.123Z'],
    ['2026-12-01 08:26:58.123999+00', '2026-12-01T08:26:58.123Z'],
    ['2026-12-01 08:26:58.5+00', '2026-12-01T08:26:58.500Z'],
    ['2026-12-01 08:26:58.04+00', '2026-12-01T08:26:58.040Z'],
    ['2026-12-01 08:26:58+00', '2026-12-01T08:26:58.000Z'],
    ['2026-01-01 00:00:00.000001+00', '2026-01-01T00:00:00.000Z'],
    ['2024-02-29 23:59:59.999+00', '2024-02-29T23:59:59.999Z'],
    ['2026-12-01 10:26:58.123+02', '2026-12-01T08:26:58.123Z'],
    ['2026-12-01 03:56:58.123-04:30', '2026-12-01T08:26:58.123Z'],
    ['2026-12-01 14:11:58+05:45', '2026-12-01T08:26:58.000Z'],
    ['2026-12-01 00:30:00+01', '2026-11-30T23:30:00.000Z'],
    ['0099-12-01 08:26:58+00', '0099-12-01T08:26:58.000Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(timestamp(text).toISOString()).toBe(iso);
  });

  it('passes Dates through and reads null as null', () => {
    const date = new Date('2026-12-01T08:26:58.123Z');
    expect(timestamp(date)).toBe(date);
    expect(nullableTimestamp(null)).toBeNull();
    expect(nullableTimestamp('2026-12-01 08:26:58+00')?.toISOString()).toBe('2026-12-01T08:26:58.000Z');
  });

  it('gives an invalid Date for what is no timestamp, as Date itself does', () => {
    expect(Number.isNaN(timestamp('not a time').getTime())).toBe(true);
    expect(Number.isNaN(timestamp('2026-13-01 08:26:58+00').getTime())).toBe(true);
  });
});
