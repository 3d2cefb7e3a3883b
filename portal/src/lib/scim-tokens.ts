import type { ScimClientName } from './scim-health';

/** A token's state as the table shows it; revoked wins over expired. */
export type TokenStatus = 'active' | 'revoked' | 'expired';

export function tokenStatus(token: { revokedAt: string | null; expiresAt: string | null }, now: Date = new Date()): TokenStatus {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= now.getTime()) return 'expired';
  return 'active';
}

const suggestedNames: Record<ScimClientName, string> = {
  OKTA: 'Okta',
  ENTRA: 'Entra ID',
  ONELOGIN: 'OneLogin',
  JUMPCLOUD: 'JumpCloud',
  OTHER: 'Identity provider',
};

/**
 * A name for a new token, after the identity provider the connection has seen ("Okta", …), made
 * unique among the active ones ("Okta 2", "Okta 3"), since names must differ among active tokens.
 */
export function suggestTokenName(client: ScimClientName | null, activeNames: readonly string[]): string {
  const base = suggestedNames[client ?? 'OTHER'];
  const taken = new Set(activeNames.map((name) => name.trim().toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base} ${n}`.toLowerCase())) return `${base} ${n}`;
}

/**
 * The optional expiry typed as a date (YYYY-MM-DD, the date input's value): the end of that day
 * in UTC, or an error when it is not a date or not in the future. Empty means never.
 */
export function parseExpiry(value: string, now: Date = new Date()): { expiresAt: string | null } | { error: string } {
  const trimmed = value.trim();
  if (trimmed === '') return { expiresAt: null };
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (!match) return { error: 'Give the expiry as a date (YYYY-MM-DD), or leave it empty for never.' };
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const end = new Date(Date.UTC(y, m - 1, d, 23, 59, 59));
  if (end.getUTCFullYear() !== y || end.getUTCMonth() !== m - 1 || end.getUTCDate() !== d) return { error: `${trimmed} is not a date.` };
  if (end.getTime() <= now.getTime()) return { error: 'The expiry must be in the future.' };
  return { expiresAt: end.toISOString().replace('.000Z', 'Z') };
}
