import { describe, expect, it } from 'vitest';
import { formatError, maskedMessage } from '../../src/graphql/format-error.js';

describe('formatError', () => {
  it('masks unexpected errors: no SQL, constraint names or stack traces reach the client', () => {
    const formatted = formatError({
      message: 'insert into "organization" ... violates unique constraint "organization_pkey"',
      path: ['createGroup'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: at pg ...'] },
    });
    expect(formatted).toEqual({ message: maskedMessage, path: ['createGroup'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('masks errors that carry no code at all', () => {
    expect(formatError({ message: 'connect ECONNREFUSED 10.0.0.5:5432' }).message).toBe(maskedMessage);
  });

  it('keeps client-facing messages and drops only the stack trace', () => {
    const formatted = formatError({
      message: 'Cannot query field "nope" on type "Query".',
      locations: [{ line: 1, column: 3 }],
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: ['GraphQLError: ...'] },
    });
    expect(formatted).toEqual({
      message: 'Cannot query field "nope" on type "Query".',
      locations: [{ line: 1, column: 3 }],
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });
});
