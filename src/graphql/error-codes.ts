import { assertNever, type DomainErrorCode } from '../domain/shared/domain-error.js';

/**
 * How each domain error reaches GraphQL clients: `extensions.code`. The switch is exhaustive, so
 * a new domain code does not compile until it is mapped here (and in the SCIM table).
 */
export function graphqlCodeOf(code: DomainErrorCode): string {
  switch (code) {
    case 'AUTH_INVALID_CREDENTIALS':
    case 'AUTH_REQUIRED':
      return 'UNAUTHENTICATED';
    case 'AUTH_FORBIDDEN':
      return 'FORBIDDEN';
    case 'PLAN_REQUIRED':
      return 'PLAN_REQUIRED';
    case 'GROUP_SCIM_MANAGED':
      return 'GROUP_SCIM_MANAGED';
    case 'GROUP_NOT_FOUND':
    case 'MEMBER_NOT_FOUND':
    case 'TEAM_NOT_FOUND':
    case 'SCIM_TOKEN_NOT_FOUND':
    case 'WEBHOOK_ENDPOINT_NOT_FOUND':
    case 'WEBHOOK_DELIVERY_NOT_FOUND':
      return 'NOT_FOUND';
    case 'GROUP_NAME_TAKEN':
    case 'MEMBER_USERNAME_TAKEN':
    case 'MEMBER_EXTERNAL_ID_TAKEN':
    case 'TEAM_NAME_TAKEN':
    case 'SCIM_TOKEN_NAME_TAKEN':
    case 'MEMBER_VERSION_MISMATCH':
    case 'TEAM_VERSION_MISMATCH':
      return 'CONFLICT';
    case 'EVENT_CURSOR_EXPIRED':
      return 'EVENT_CURSOR_EXPIRED';
    case 'GROUP_NOT_SCIM':
    case 'TEAM_MEMBER_NOT_IN_GROUP':
    case 'VALIDATION_FAILED':
      return 'BAD_USER_INPUT';
    default:
      return assertNever(code);
  }
}
