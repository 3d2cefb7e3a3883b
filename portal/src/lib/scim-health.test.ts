import { describe, expect, it } from 'vitest';
import { summarizeHealth, type HealthFacts } from './scim-health';

const none: HealthFacts = { client: null, lastRequestAt: null, lastSuccessAt: null, lastFailure: null, failingSince: null, rejectedAttempts: [] };

describe('connection health in words (the setup guide’s troubleshooting list)', () => {
  it('before any request: check the URL, or generate a token first when there is none', () => {
    expect(summarizeHealth(none, { activeTokens: 1, memberCount: 0 })).toEqual({
      status: 'never',
      label: 'Never connected',
      advice: [expect.stringMatching(/^No request has arrived yet — check the URL/)],
    });
    expect(summarizeHealth(none, { activeTokens: 0, memberCount: 0 }).advice[0]).toMatch(/no active token: generate a SCIM token/);
  });

  it('connected with no members: assign the application to people', () => {
    const facts = { ...none, client: 'OKTA' as const, lastRequestAt: '2026-12-01T10:00:00Z', lastSuccessAt: '2026-12-01T10:00:00Z' };
    expect(summarizeHealth(facts, { activeTokens: 1, memberCount: 0 })).toEqual({
      status: 'healthy',
      label: 'Healthy',
      advice: [expect.stringMatching(/^Connected, but no users yet — assign the application to people/)],
    });
    expect(summarizeHealth(facts, { activeTokens: 1, memberCount: 3 })).toEqual({ status: 'healthy', label: 'Healthy', advice: [] });
  });

  it('rejected tokens after the last success: copy the token again, quoting the refusal', () => {
    const facts: HealthFacts = {
      ...none,
      lastRequestAt: '2026-12-01T11:00:00Z',
      lastSuccessAt: '2026-12-01T10:00:00Z',
      failingSince: '2026-12-01T10:30:00Z',
      rejectedAttempts: [
        { at: '2026-12-01T11:00:00Z', code: 'UNKNOWN_TOKEN', reason: 'Not a token issued here.' },
        { at: '2026-12-01T10:30:00Z', code: 'MALFORMED_TOKEN', reason: 'Not a Roster SCIM token.' },
      ],
    };
    const summary = summarizeHealth(facts, { activeTokens: 1, memberCount: 3 });
    expect(summary.status).toBe('failing');
    // Since when the API says (the first refusal after the last success, even one no longer among the kept attempts).
    expect(summary.label).toBe('Failing since 1 Dec 2026, 10:30 UTC');
    expect(summary.advice).toEqual([
      expect.stringMatching(/^Requests arrive with a token that is not valid here — copy the token again.*Last refusal: Not a token issued here\.$/),
    ]);
  });

  it('a revoked or expired token: a new token is the fix, in the API’s words', () => {
    const reason = 'the token "Okta" was revoked: create a new token and paste it in the identity provider';
    const facts: HealthFacts = {
      ...none,
      lastRequestAt: '2026-12-01T11:00:00Z',
      failingSince: '2026-12-01T11:00:00Z',
      rejectedAttempts: [{ at: '2026-12-01T11:00:00Z', code: 'REVOKED_TOKEN', reason }],
    };
    expect(summarizeHealth(facts, { activeTokens: 0, memberCount: 0 }).advice).toEqual([`Requests arrive with a token that no longer works here: ${reason}`]);
  });

  it('a refusal that a new copy does not fix says its own fix (a doubled scheme, a wrong URL)', () => {
    const reason = '"Bearer Bearer <token>": the identity provider adds the scheme itself; paste the token alone.';
    const facts: HealthFacts = {
      ...none,
      failingSince: '2026-12-01T11:00:00Z',
      rejectedAttempts: [{ at: '2026-12-01T11:00:00Z', code: 'SCHEME_DOUBLED', reason }],
    };
    expect(summarizeHealth(facts, { activeTokens: 1, memberCount: 0 })).toMatchObject({ status: 'failing', advice: [reason] });
  });

  it('a failed request after the last success: its HTTP status and the SCIM detail it was told', () => {
    const facts: HealthFacts = {
      ...none,
      lastRequestAt: '2026-12-01T12:00:00Z',
      lastSuccessAt: '2026-12-01T10:00:00Z',
      lastFailure: { at: '2026-12-01T12:00:00Z', status: 409, detail: 'userName "a@b.c" is taken in this group.' },
      failingSince: '2026-12-01T11:55:00Z',
    };
    expect(summarizeHealth(facts, { activeTokens: 1, memberCount: 1 })).toEqual({
      status: 'failing',
      label: 'Failing since 1 Dec 2026, 11:55 UTC',
      advice: ['The last failed request was answered HTTP 409: “userName "a@b.c" is taken in this group.”.'],
    });
  });

  it('a success after the failures is healthy again', () => {
    const facts: HealthFacts = {
      ...none,
      lastRequestAt: '2026-12-01T13:00:00Z',
      lastSuccessAt: '2026-12-01T13:00:00Z',
      lastFailure: { at: '2026-12-01T12:00:00Z', status: 500, detail: null },
      rejectedAttempts: [{ at: '2026-12-01T11:00:00Z', code: 'UNKNOWN_TOKEN', reason: 'x' }],
    };
    expect(summarizeHealth(facts, { activeTokens: 1, memberCount: 1 }).status).toBe('healthy');
  });
});
