import { describe, expect, it } from 'vitest';
import { parseExpiry, suggestTokenName, tokenStatus } from './scim-tokens';

const now = new Date('2026-12-01T12:00:00Z');

describe('token status', () => {
  it.each([
    ['active without expiry', { revokedAt: null, expiresAt: null }, 'active'],
    ['active before its expiry', { revokedAt: null, expiresAt: '2026-12-02T00:00:00Z' }, 'active'],
    ['expired at its expiry', { revokedAt: null, expiresAt: '2026-12-01T12:00:00Z' }, 'expired'],
    ['revoked, even when also expired', { revokedAt: '2026-11-01T00:00:00Z', expiresAt: '2026-11-02T00:00:00Z' }, 'revoked'],
  ])('%s', (_what, token, expected) => {
    expect(tokenStatus(token, now)).toBe(expected);
  });
});

describe('the suggested token name', () => {
  it('names the identity provider seen, else a neutral name', () => {
    expect(suggestTokenName('OKTA', [])).toBe('Okta');
    expect(suggestTokenName('ENTRA', [])).toBe('Entra ID');
    expect(suggestTokenName(null, [])).toBe('Identity provider');
  });
  it('differs from the active tokens’ names, compared case-insensitively', () => {
    expect(suggestTokenName('OKTA', ['okta', 'Okta 2'])).toBe('Okta 3');
  });
});

describe('the optional expiry', () => {
  it.each([
    ['', { expiresAt: null }],
    ['  ', { expiresAt: null }],
    ['2026-12-01', { expiresAt: '2026-12-01T23:59:59Z' }],
    ['2027-02-28', { expiresAt: '2027-02-28T23:59:59Z' }],
  ])('%j is %j', (value, expected) => {
    expect(parseExpiry(value, now)).toEqual(expected);
  });
  it.each([
    ['2026-11-30', 'The expiry must be in the future.'],
    ['2027-02-30', '2027-02-30 is not a date.'],
    ['next week', 'Give the expiry as a date (YYYY-MM-DD), or leave it empty for never.'],
  ])('%j is refused: %s', (value, error) => {
    expect(parseExpiry(value, now)).toEqual({ error });
  });
});
