import { formatTime } from './format';

/**
 * Connection health in words: the setup guide's troubleshooting list (URL copied wrong, token
 * copied wrong, application not assigned to anyone) turned into what the facts say. Pure, so the
 * wording is unit-tested (scim-health.test.ts) and the same on the groups list and the SCIM tab.
 */
export type ScimClientName = 'ENTRA' | 'JUMPCLOUD' | 'OKTA' | 'ONELOGIN' | 'OTHER';

export interface HealthFacts {
  readonly client: ScimClientName | null;
  readonly lastRequestAt: string | null;
  readonly lastSuccessAt: string | null;
  readonly lastFailure: { readonly at: string; readonly status: number; readonly detail: string | null } | null;
  /** The API's: the first failed or refused request after the last success; null while healthy. */
  readonly failingSince: string | null;
  readonly rejectedAttempts: readonly { readonly at: string; readonly code: string; readonly reason: string }[];
}

export type HealthStatus = 'never' | 'healthy' | 'failing';

export interface HealthSummary {
  readonly status: HealthStatus;
  /** One line: "Never connected", "Healthy", "Failing since 1 Dec 2026, 14:05 UTC". */
  readonly label: string;
  /** What to do, most useful first; empty when nothing needs doing. */
  readonly advice: readonly string[];
}

const clientNames: Record<ScimClientName, string> = {
  OKTA: 'Okta',
  ENTRA: 'Microsoft Entra ID',
  ONELOGIN: 'OneLogin',
  JUMPCLOUD: 'JumpCloud',
  OTHER: 'another SCIM client',
};

/** "Okta", "Microsoft Entra ID", …; "not detected yet" before the first request. */
export function clientName(client: ScimClientName | null): string {
  return client ? clientNames[client] : 'not detected yet';
}

const time = (iso: string | null) => (iso ? new Date(iso).getTime() : Number.NEGATIVE_INFINITY);

/** Token problems that a fresh copy of the token fixes (cut short, mistyped, not pasted). */
const tokenCopyCodes = new Set(['MALFORMED_TOKEN', 'UNKNOWN_TOKEN', 'MISSING_AUTHORIZATION']);
/** One of this group's tokens that no longer works: a new token is the fix, which the API's reason says. */
const tokenOverCodes = new Set(['REVOKED_TOKEN', 'EXPIRED_TOKEN']);

export function summarizeHealth(facts: HealthFacts, context: { activeTokens: number; memberCount: number }): HealthSummary {
  const lastSuccess = time(facts.lastSuccessAt);
  const latestRejection = facts.rejectedAttempts.find((a) => time(a.at) > lastSuccess);

  if (!facts.lastRequestAt && facts.rejectedAttempts.length === 0) {
    return {
      status: 'never',
      label: 'Never connected',
      advice: [
        context.activeTokens === 0
          ? 'No request has arrived yet, and this group has no active token: generate a SCIM token, then paste the SCIM URL and the token into the identity provider.'
          : 'No request has arrived yet — check the URL: paste this group’s SCIM URL exactly into the identity provider (Okta: Base URL; Entra ID: Tenant URL) and press its Test API Credentials.',
      ],
    };
  }
  if (facts.failingSince) {
    const advice: string[] = [];
    if (latestRejection) {
      advice.push(
        tokenCopyCodes.has(latestRejection.code)
          ? `Requests arrive with a token that is not valid here — copy the token again (or generate a new one) into the identity provider’s API Token (Okta) or Secret Token (Entra ID). Last refusal: ${latestRejection.reason}`
          : tokenOverCodes.has(latestRejection.code)
            ? `Requests arrive with a token that no longer works here: ${latestRejection.reason}`
            : // Scheme mistakes and a wrong URL: the API's reason says what to change.
              latestRejection.reason,
      );
    }
    if (facts.lastFailure && time(facts.lastFailure.at) > lastSuccess) {
      advice.push(`The last failed request was answered HTTP ${facts.lastFailure.status}${facts.lastFailure.detail ? `: “${facts.lastFailure.detail}”` : ''}.`);
    }
    return { status: 'failing', label: `Failing since ${formatTime(facts.failingSince)}`, advice };
  }
  return {
    status: 'healthy',
    label: 'Healthy',
    advice:
      context.memberCount === 0
        ? ['Connected, but no users yet — assign the application to people in the identity provider (Okta: Assignments; Entra ID: Users and groups).']
        : [],
  };
}
