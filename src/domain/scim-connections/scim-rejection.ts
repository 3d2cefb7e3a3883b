import { ScimRejectionCode } from './scim-connection.entity.js';

/** What is known of a refused request, for the reason shown to the group's admins. */
export interface RejectionFacts {
  /** The scheme sent instead of Bearer (WRONG_SCHEME). */
  readonly scheme?: string | undefined;
  /** The token's name (REVOKED_TOKEN, EXPIRED_TOKEN, WRONG_URL). */
  readonly tokenName?: string | null | undefined;
  readonly expiredAt?: Date | null | undefined;
  /** The path requested and the group's own SCIM URL (WRONG_URL). */
  readonly path?: string | undefined;
  readonly baseUrl?: string | undefined;
}

/** The reason in words, each with what to change in the identity provider. */
export function describeRejection(code: ScimRejectionCode, facts: RejectionFacts = {}): string {
  switch (code) {
    case ScimRejectionCode.MISSING_AUTHORIZATION:
      return 'no Authorization header: set the identity provider to send the token as an HTTP header, "Bearer <token>"';
    case ScimRejectionCode.SCHEME_MISSING:
      return 'the token came without "Bearer " before it: the header must read "Bearer <token>"';
    case ScimRejectionCode.SCHEME_DOUBLED:
      return '"Bearer " came twice: the identity provider adds it itself, so paste the token alone';
    case ScimRejectionCode.WRONG_SCHEME:
      return `the Authorization header uses the ${facts.scheme ?? 'wrong'} scheme: SCIM tokens go as "Bearer <token>"`;
    case ScimRejectionCode.MALFORMED_TOKEN:
      return 'not a Roster SCIM token (cut short or mistyped?): copy the whole token, from roster_scim_ to its end';
    case ScimRejectionCode.UNKNOWN_TOKEN:
      return 'a token this service did not issue, or whose group was deleted: create a new token and paste it';
    case ScimRejectionCode.REVOKED_TOKEN:
      return `the token "${facts.tokenName ?? ''}" was revoked: create a new token and paste it in the identity provider`;
    case ScimRejectionCode.EXPIRED_TOKEN:
      return `the token "${facts.tokenName ?? ''}" expired${facts.expiredAt ? ` on ${facts.expiredAt.toISOString()}` : ''}: create a new token and paste it in the identity provider`;
    case ScimRejectionCode.WRONG_URL:
      return `requests with the token "${facts.tokenName ?? ''}" arrive at ${facts.path ?? 'a URL'}, which is not this group's SCIM URL: set the identity provider's SCIM URL to ${facts.baseUrl ?? "this group's SCIM URL"}`;
  }
}
