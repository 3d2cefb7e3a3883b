import { describe, expect, it } from 'vitest';
import { attemptOutcome, deliveryState, endpointState, excerpt, parseOverlapHours, parseSince, prettyBody, sinceFieldValue } from './webhooks';

const now = new Date('2026-12-01T12:00:00Z');

describe('an endpoint’s state', () => {
  it.each([
    ['enabled', { enabled: true, disabledReason: null, failingSince: null }, 'Enabled', 'good', ''],
    [
      'failing',
      { enabled: true, disabledReason: null, failingSince: '2026-11-30T08:00:00Z' },
      'Failing',
      'bad',
      'Every attempt has failed since 30 Nov 2026, 08:00 UTC. Roster disables an endpoint that fails for 5 days.',
    ],
    [
      'disabled by Roster, with why',
      { enabled: false, disabledReason: 'the receiver answered 410 Gone', failingSince: null },
      'Disabled by Roster',
      'bad',
      'Roster disabled it: the receiver answered 410 Gone. Events are still queued; enable it to send them, in order.',
    ],
    [
      'disabled by an admin',
      { enabled: false, disabledReason: null, failingSince: null },
      'Disabled',
      'idle',
      'Events are still queued; enable it to send them, in order.',
    ],
  ])('%s', (_what, endpoint, label, tone, detail) => {
    expect(endpointState(endpoint)).toEqual({ label, tone, detail });
  });
});

describe('a delivery’s status', () => {
  const base = { attempts: 0, lastStatus: null, nextAttemptAt: null, completedAt: null };
  it.each([
    ['queued', { ...base, status: 'PENDING' as const }, 'Queued', 'Waiting to be sent, after the deliveries before it.'],
    [
      'retrying',
      { ...base, status: 'PENDING' as const, attempts: 2, lastStatus: 503, nextAttemptAt: '2026-12-01T12:05:00Z' },
      'Retrying',
      '2 attempts failed (last: HTTP 503); next try 1 Dec 2026, 12:05 UTC.',
    ],
    [
      'delivered',
      { ...base, status: 'SUCCEEDED' as const, attempts: 1, lastStatus: 204, completedAt: '2026-12-01T12:00:01Z' },
      'Delivered',
      'HTTP 204 after 1 attempt, 1 Dec 2026, 12:00 UTC',
    ],
    ['given up', { ...base, status: 'FAILED' as const, attempts: 10, lastStatus: null }, 'Given up', 'Every retry failed (10 attempts, last: no answer).'],
    ['gone', { ...base, status: 'FAILED' as const, attempts: 1, lastStatus: 410 }, 'Given up', 'The receiver answered 410 Gone.'],
  ])('%s', (_what, delivery, label, detail) => {
    expect(deliveryState(delivery)).toMatchObject({ label, detail });
  });
});

describe('an attempt', () => {
  it('says the HTTP status, or why no answer came', () => {
    expect(attemptOutcome({ status: 200, error: null })).toEqual({ label: 'HTTP 200', ok: true });
    expect(attemptOutcome({ status: 503, error: null })).toEqual({ label: 'HTTP 503', ok: false });
    expect(attemptOutcome({ status: 302, error: 'redirects are not followed' })).toEqual({ label: 'HTTP 302: redirects are not followed', ok: false });
    expect(attemptOutcome({ status: null, error: 'connect ECONNREFUSED 127.0.0.1:9' })).toEqual({
      label: 'No answer: connect ECONNREFUSED 127.0.0.1:9',
      ok: false,
    });
  });
  it('shows the first part of the answer', () => {
    expect(excerpt(null)).toBeNull();
    expect(excerpt('  \n')).toBeNull();
    expect(excerpt(' ok ')).toBe('ok');
    expect(excerpt('x'.repeat(301))).toBe(`${'x'.repeat(300)}…`);
  });
});

describe('the forms’ numbers and times', () => {
  it.each([
    ['24', { hours: 24 }],
    [' 0 ', { hours: 0 }],
    ['168', { hours: 168 }],
    ['169', { error: 'At most 168 hours (a week).' }],
    ['1.5', { error: 'Give the overlap in whole hours, from 0 to 168.' }],
    ['', { error: 'Give the overlap in whole hours, from 0 to 168.' }],
  ])('overlap %j is %j', (text, expected) => {
    expect(parseOverlapHours(text)).toEqual(expected);
  });

  it.each([
    ['2026-12-01T11:00', { since: '2026-12-01T11:00:00Z' }],
    ['2026-11-30T23:59:30', { since: '2026-11-30T23:59:30Z' }],
    ['2026-12-01T13:00', { error: 'Choose a time in the past: deliveries queued since then are sent again.' }],
    ['2026-02-30T10:00', { error: '2026-02-30T10:00 is not a date and time.' }],
    ['', { error: 'Give a date and time (UTC).' }],
  ])('replay since %j is %j (read as UTC)', (value, expected) => {
    expect(parseSince(value, now)).toEqual(expected);
  });

  it('fills the date-time field in UTC', () => {
    expect(sinceFieldValue(new Date('2026-12-01T11:00:59Z'))).toBe('2026-12-01T11:00');
  });
});

describe('a message body for reading', () => {
  it('indents JSON and shows anything else as it is', () => {
    expect(prettyBody('{"type":"member.created","data":{"id":"1"}}')).toBe('{\n  "type": "member.created",\n  "data": {\n    "id": "1"\n  }\n}');
    expect(prettyBody('not json')).toBe('not json');
  });
});
