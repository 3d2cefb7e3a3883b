/** RFC 7644 §3.12 error responses. */
export const errorSchema = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** RFC 7644 Table 9 (plus none, for errors that have no scimType). */
export type ScimType =
  'invalidFilter' | 'tooMany' | 'uniqueness' | 'mutability' | 'invalidSyntax' | 'invalidPath' | 'noTarget' | 'invalidValue' | 'invalidVers' | 'sensitive';

/** An error the SCIM layer answers with: HTTP status, optional scimType, and a detail for humans. */
export class ScimError extends Error {
  override name = 'ScimError';
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimType,
    /** Extra response headers (WWW-Authenticate, Allow, Retry-After). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
  }
}

export interface ScimErrorBody {
  readonly schemas: readonly string[];
  /** A string, as RFC 7644 §3.12 has it (Okta's and Entra's validators check this). */
  readonly status: string;
  readonly scimType?: ScimType;
  readonly detail: string;
}

export function scimErrorBody(error: ScimError): ScimErrorBody {
  return { schemas: [errorSchema], status: String(error.status), ...(error.scimType ? { scimType: error.scimType } : {}), detail: error.detail };
}
