import { assertNever, DomainError } from '../domain/shared/domain-error.js';
import { ScimError, type ScimType } from './scim-error.js';

/**
 * How each domain error reaches SCIM clients: HTTP status and scimType (RFC 7644 §3.12). The
 * switch is exhaustive, like the GraphQL table: a new code does not compile until mapped here.
 */
export function scimErrorOf(error: DomainError): ScimError {
  const answer = (status: number, scimType?: ScimType) => new ScimError(status, error.message, scimType);
  switch (error.code) {
    case 'AUTH_INVALID_CREDENTIALS':
    case 'AUTH_REQUIRED':
      return answer(401);
    case 'AUTH_FORBIDDEN':
    case 'PLAN_REQUIRED':
    case 'GROUP_SCIM_MANAGED':
      return answer(403);
    case 'GROUP_NOT_FOUND':
    case 'MEMBER_NOT_FOUND':
    case 'TEAM_NOT_FOUND':
    case 'SCIM_TOKEN_NOT_FOUND':
    case 'WEBHOOK_ENDPOINT_NOT_FOUND':
    case 'WEBHOOK_DELIVERY_NOT_FOUND':
      return answer(404);
    case 'GROUP_NAME_TAKEN':
    case 'MEMBER_USERNAME_TAKEN':
    case 'MEMBER_EXTERNAL_ID_TAKEN':
    case 'TEAM_NAME_TAKEN':
    case 'SCIM_TOKEN_NAME_TAKEN':
      return answer(409, 'uniqueness');
    case 'GROUP_NOT_SCIM':
    case 'TEAM_MEMBER_NOT_IN_GROUP':
      return answer(400, 'invalidValue');
    case 'EVENT_CURSOR_EXPIRED':
      // SCIM serves no feed; were it to, a stale cursor is the client's to replace (410 Gone).
      return answer(410);
    case 'MEMBER_VERSION_MISMATCH':
    case 'TEAM_VERSION_MISMATCH':
      // RFC 7644 §3.14: a stale If-Match is 412 Precondition Failed.
      return answer(412);
    case 'VALIDATION_FAILED':
      // Filters are validated in the domain (unknown attribute, mistyped value): invalidFilter.
      return answer(400, error.field === 'filter' ? 'invalidFilter' : 'invalidValue');
    default:
      return assertNever(error.code);
  }
}
