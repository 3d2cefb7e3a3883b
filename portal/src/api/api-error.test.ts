import { describe, expect, it } from 'vitest';
import { ApiError, isSessionLost, readGraphQLAnswer } from './api-error';

function errorOf(body: unknown, status = 200): ApiError {
  try {
    readGraphQLAnswer(status, 'req-1', body);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('no error was thrown');
}

describe('reading GraphQL answers', () => {
  it('answers the data', () => {
    expect(readGraphQLAnswer(200, null, { data: { version: '1' } })).toEqual({ version: '1' });
  });

  it('puts a domain error on its field, without the input. prefix, with the request id', () => {
    const error = errorOf({
      errors: [{ message: 'A group named "Staff" exists already.', extensions: { code: 'CONFLICT', reason: 'GROUP_NAME_TAKEN', field: 'name' } }],
    });
    expect(error.requestId).toBe('req-1');
    expect(error.has('GROUP_NAME_TAKEN')).toBe(true);
    expect(error.has('CONFLICT')).toBe(true);
    expect(error.byField()).toEqual({ fields: { name: 'A group named "Staff" exists already.' }, general: [] });
    expect(errorOf({ errors: [{ message: 'taken', extensions: { field: 'input.userName' } }] }).byField().fields).toEqual({ userName: 'taken' });
  });

  it('spreads validation errors over their fields', () => {
    const error = errorOf({
      errors: [
        {
          message: 'Invalid input: …',
          extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'input.name', message: 'name must be shorter than or equal to 100 characters' }] },
        },
      ],
    });
    expect(error.byField().fields).toEqual({ name: 'name must be shorter than or equal to 100 characters' });
  });

  it('tells a lost session apart from wrong credentials', () => {
    expect(isSessionLost(errorOf({ errors: [{ message: 'Sign in first', extensions: { code: 'UNAUTHENTICATED', reason: 'AUTH_REQUIRED' } }] }))).toBe(true);
    expect(isSessionLost(errorOf({ errors: [{ message: 'wrong', extensions: { code: 'UNAUTHENTICATED', reason: 'AUTH_INVALID_CREDENTIALS' } }] }))).toBe(false);
  });

  it('says so when the answer is not GraphQL', () => {
    expect(errorOf(null, 502).message).toBe('The server answered HTTP 502 without a GraphQL answer.');
    expect(errorOf({}, 200).message).toBe('The server answered HTTP 200 with neither data nor errors.');
  });
});
