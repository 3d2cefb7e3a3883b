import { describe, expect, it } from 'vitest';
import { changeRows, formatDuration, formatRelative, formatTime, formatValue, personName, plural, resourceRows } from './format';

describe('formatting', () => {
  it('writes times in UTC, and "never" for none', () => {
    expect(formatTime('2026-12-01T14:05:09Z')).toBe('1 Dec 2026, 14:05 UTC');
    expect(formatTime(null)).toBe('never');
    expect(formatTime('not a date', 'none')).toBe('none');
  });
  it('writes relative times', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    expect(formatRelative('2026-12-01T11:59:30Z', now)).toBe('just now');
    expect(formatRelative('2026-12-01T11:55:00Z', now)).toBe('5 minutes ago');
    expect(formatRelative('2026-12-04T12:00:00Z', now)).toBe('in 3 days');
  });
  it('counts', () => {
    expect(plural(1, 'member')).toBe('1 member');
    expect(plural(1200, 'member')).toBe('1,200 members');
  });
  it('names a member by display name, else given and family name', () => {
    expect(personName({ displayName: 'Ada L.', name: { givenName: 'Ada', familyName: 'Lovelace' } })).toBe('Ada L.');
    expect(personName({ displayName: null, name: { givenName: 'Ada', familyName: null } })).toBe('Ada');
  });
  it('writes emails and phone numbers as people read them, other structures as JSON', () => {
    expect(
      formatValue([
        { type: 'work', value: 'ada@example.com', primary: true },
        { type: 'home', value: 'ada@home.example' },
      ]),
    ).toBe('ada@example.com (work, primary), ada@home.example (home)');
    expect(formatValue([{ value: 'x' }, { other: 1 }])).toBe('[{"value":"x"},{"other":1}]');
    expect(formatValue(['m-1'])).toBe('["m-1"]');
    expect(formatValue({ displayName: 'Boss' })).toBe('{"displayName":"Boss"}');
  });

  it('turns activity changes into before/after rows', () => {
    expect(
      changeRows({ active: { before: true, after: false }, title: { before: null, after: 'CTO' }, emails: { after: [{ value: 'a@b.c' }] }, odd: 3 }),
    ).toEqual([
      { field: 'active', before: 'true', after: 'false' },
      { field: 'title', before: '—', after: 'CTO' },
      { field: 'emails', before: '—', after: 'a@b.c' },
    ]);
  });

  it('writes durations', () => {
    expect(formatDuration(35.4)).toBe('35 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(15000)).toBe('15 s');
  });

  it('turns a resource snapshot into rows, and none into none', () => {
    expect(resourceRows({ userName: 'ada@example.com', active: true, emails: [{ value: 'a@b.c', primary: true }], title: null })).toEqual([
      { field: 'userName', value: 'ada@example.com' },
      { field: 'active', value: 'true' },
      { field: 'emails', value: 'a@b.c (primary)' },
      { field: 'title', value: '—' },
    ]);
    expect(resourceRows(null)).toEqual([]);
  });
});
