import type { TypedDocumentString } from '../gql/graphql';
import { ApiError, readGraphQLAnswer } from './api-error';

/** Where the API is: the same origin (the server serves the portal; Vite's dev server proxies it). */
const endpoint = '/graphql';

/** Variables are optional exactly when the operation declares none. */
type VariablesArg<V> = V extends Record<string, never> ? [] : [variables: V];

/**
 * Sends one typed operation. The session is the HttpOnly cookie `signIn` sets (the portal never
 * sees the token); `apollo-require-preflight` satisfies Apollo's CSRF prevention, which refuses
 * requests a plain HTML form could have sent.
 */
export async function request<R, V>(document: TypedDocumentString<R, V>, ...[variables]: VariablesArg<V>): Promise<R> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        'apollo-require-preflight': 'true',
      },
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
    });
  } catch (error) {
    throw new ApiError(`Cannot reach Roster (${error instanceof Error ? error.message : String(error)}). Check your connection and retry.`, [], null, 0);
  }
  const requestId = response.headers.get('x-request-id');
  const body: unknown = await response.json().catch(() => null);
  // The server answers the operation's own shape (the types were generated from its schema).
  return readGraphQLAnswer(response.status, requestId, body) as R;
}
