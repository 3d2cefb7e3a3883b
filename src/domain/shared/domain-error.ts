/**
 * Every error the domain raises, by stable code. Each transport maps all of them in one exhaustive
 * table (src/graphql/error-codes.ts, later src/scim/error-codes.ts): a new code fails the build
 * until every transport says what it means.
 */
export const domainErrorCodes = [
  /** Sign-in with an unknown email or a wrong password (the two are indistinguishable). */
  'AUTH_INVALID_CREDENTIALS',
  /** No valid session or token was presented. */
  'AUTH_REQUIRED',
  /** The actor's role does not allow this (a VIEWER writing, a SCIM token doing admin work). */
  'AUTH_FORBIDDEN',
  /** The organization's plan does not include the feature (SCIM needs PRO). */
  'PLAN_REQUIRED',
  /** No group with this id in the caller's scope. */
  'GROUP_NOT_FOUND',
  /** Another group of the organization has this name (case-insensitively). */
  'GROUP_NAME_TAKEN',
  /** The group is kept in sync by an identity provider: only its SCIM token may change members and teams. */
  'GROUP_SCIM_MANAGED',
  /** The operation needs a SCIM group (tokens, SCIM URL) but the group is STANDARD. */
  'GROUP_NOT_SCIM',
  /** No member with this id in the caller's scope. */
  'MEMBER_NOT_FOUND',
  /** Another member of the group has this userName (case-insensitively). */
  'MEMBER_USERNAME_TAKEN',
  /** Another member of the group has this externalId. */
  'MEMBER_EXTERNAL_ID_TAKEN',
  /** The member is not at the version the caller expected (If-Match), or kept changing under a read-modify-write. */
  'MEMBER_VERSION_MISMATCH',
  /** No team with this id in the caller's scope. */
  'TEAM_NOT_FOUND',
  /** Another team of the group has this displayName (case-insensitively). */
  'TEAM_NAME_TAKEN',
  /** A team member must be a member of the team's own group. */
  'TEAM_MEMBER_NOT_IN_GROUP',
  /** The team is not at the version the caller expected (If-Match). */
  'TEAM_VERSION_MISMATCH',
  /** No SCIM token with this id in the caller's scope. */
  'SCIM_TOKEN_NOT_FOUND',
  /** Another active token of the group has this name. */
  'SCIM_TOKEN_NAME_TAKEN',
  /** No webhook endpoint with this id in the caller's organization. */
  'WEBHOOK_ENDPOINT_NOT_FOUND',
  /** No webhook delivery with this id in the caller's organization. */
  'WEBHOOK_DELIVERY_NOT_FOUND',
  /** A change-feed cursor points before events the retention job has pruned: resynchronise from the lists. */
  'EVENT_CURSOR_EXPIRED',
  /** A value breaks a domain rule (empty name, too long, expiry in the past, …); `field` names it. */
  'VALIDATION_FAILED',
] as const;

export type DomainErrorCode = (typeof domainErrorCodes)[number];

export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** The input field at fault, when there is one (e.g. `name`, `input.userName`). */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** For exhaustive switches over codes: the compiler rejects a missing case. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
