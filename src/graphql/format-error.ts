import type { GraphQLFormattedError } from 'graphql';
import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import { isDatabaseUnavailable, retryAfterSeconds, unavailableMessage } from '../db/unavailable.js';
import { DomainError, domainErrorCodes } from '../domain/shared/domain-error.js';
import { graphqlCodeOf } from './error-codes.js';

/**
 * Codes whose messages are written for the client (syntax and validation errors, bad variables).
 * Everything else that is not a DomainError is masked: the client sees a generic message and the
 * request id, never SQL, constraint names or stack traces; the original is logged with the same id.
 */
const clientFacingCodes = new Set<string>([
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.BAD_USER_INPUT,
  ApolloServerErrorCode.BAD_REQUEST,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
  'QUERY_TOO_COMPLEX',
  'SERVICE_UNAVAILABLE',
]);

/** Every `extensions.code` formatError can answer: a closed set (metrics label outcomes with it). */
export const formattedErrorCodes: ReadonlySet<string> = new Set([
  ...clientFacingCodes,
  ...domainErrorCodes.map(graphqlCodeOf),
  ApolloServerErrorCode.BAD_USER_INPUT,
  ApolloServerErrorCode.INTERNAL_SERVER_ERROR,
]);

export const maskedMessage = 'Internal server error. Quote the request id when reporting it.';

interface ValidationIssue {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationIssue[];
}

/** class-validator's nested issues as `input.emails[0].value: must be an email` lines. */
function flattenIssues(issues: ValidationIssue[], prefix = ''): { field: string; message: string }[] {
  return issues.flatMap((issue) => {
    const field = prefix ? (/^\d+$/.test(issue.property) ? `${prefix}[${issue.property}]` : `${prefix}.${issue.property}`) : issue.property;
    const own = Object.values(issue.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenIssues(issue.children ?? [], field)];
  });
}

/** Apollo `formatError`: maps domain errors through the table, masks the unexpected, never throws. */
export function formatError(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  const original = error === undefined ? undefined : unwrapResolverError(error);
  const location = { ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };
  if (original instanceof DomainError) {
    return {
      message: original.message,
      ...location,
      extensions: { code: graphqlCodeOf(original.code), reason: original.code, ...(original.field ? { field: original.field } : {}) },
    };
  }
  if (isDatabaseUnavailable(original)) {
    // An outage, classified as SCIM classifies it (src/db/unavailable.ts); the HTTP status is set
    // once the whole answer is known (503 when there is no partial data: see apollo.ts).
    return { message: unavailableMessage, ...location, extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds } };
  }
  const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;
  const issues = formatted.extensions?.validationErrors;
  if (Array.isArray(issues)) {
    // type-graphql's input validation (class-validator): name every field at fault.
    const fields = flattenIssues(issues as ValidationIssue[]);
    return {
      message: `Invalid input: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`,
      ...location,
      extensions: { code: ApolloServerErrorCode.BAD_USER_INPUT, fields },
    };
  }
  if (code !== undefined && clientFacingCodes.has(code)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return { message: maskedMessage, ...location, extensions: { code: ApolloServerErrorCode.INTERNAL_SERVER_ERROR } };
}
