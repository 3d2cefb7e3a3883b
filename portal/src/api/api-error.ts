/**
 * What the GraphQL API answered when it did not answer data: its errors with their
 * `extensions.code`, `reason` (the domain error code) and `field`, and the request id the server
 * logged it under (X-Request-Id), which every error state shows so a report can be matched to logs.
 */
export interface ApiErrorItem {
  readonly message: string;
  /** `extensions.code`: UNAUTHENTICATED, CONFLICT, BAD_USER_INPUT, … */
  readonly code: string | null;
  /** `extensions.reason`: the domain code (GROUP_NAME_TAKEN, AUTH_REQUIRED, …). */
  readonly reason: string | null;
  /** The input field at fault, without the `input.` prefix. */
  readonly field: string | null;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly items: readonly ApiErrorItem[],
    readonly requestId: string | null,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Whether any error has this `extensions.code` or `reason`. */
  has(codeOrReason: string): boolean {
    return this.items.some((item) => item.code === codeOrReason || item.reason === codeOrReason);
  }

  /** Messages by input field, for showing each one on its field; the rest go in `general`. */
  byField(): { fields: Record<string, string>; general: string[] } {
    const fields: Record<string, string> = {};
    const general: string[] = [];
    for (const item of this.items) {
      if (item.field && !(item.field in fields)) fields[item.field] = item.message;
      else general.push(item.message);
    }
    return { fields, general };
  }
}

/** The session is missing or over (the server's AUTH_REQUIRED): the portal sends the admin to sign in. */
export function isSessionLost(error: unknown): boolean {
  return error instanceof ApiError && error.has('AUTH_REQUIRED');
}

const inputPrefix = /^input\./;

interface RawError {
  message?: unknown;
  extensions?: { code?: unknown; reason?: unknown; field?: unknown; fields?: unknown };
}

/** One GraphQL error as the portal uses it; validation errors name several fields (format-error.ts). */
function itemsOf(raw: RawError): ApiErrorItem[] {
  const message = typeof raw.message === 'string' ? raw.message : 'The server gave an error without a message.';
  const code = typeof raw.extensions?.code === 'string' ? raw.extensions.code : null;
  const reason = typeof raw.extensions?.reason === 'string' ? raw.extensions.reason : null;
  const fields = raw.extensions?.fields;
  if (Array.isArray(fields) && fields.length > 0) {
    return (fields as { field?: unknown; message?: unknown }[]).map((f) => ({
      message: typeof f.message === 'string' ? f.message : message,
      code,
      reason,
      field: typeof f.field === 'string' ? f.field.replace(inputPrefix, '') : null,
    }));
  }
  const field = typeof raw.extensions?.field === 'string' ? raw.extensions.field.replace(inputPrefix, '') : null;
  return [{ message, code, reason, field }];
}

/**
 * Reads a GraphQL-over-HTTP answer: its data, or an ApiError with every error in it. An answer
 * that is not GraphQL JSON (a proxy's HTML page, an empty body) is an error that says so.
 */
export function readGraphQLAnswer(status: number, requestId: string | null, body: unknown): object {
  if (typeof body !== 'object' || body === null) {
    throw new ApiError(`The server answered HTTP ${status} without a GraphQL answer.`, [], requestId, status);
  }
  const { data, errors } = body as { data?: unknown; errors?: unknown };
  if (Array.isArray(errors) && errors.length > 0) {
    const items = (errors as RawError[]).flatMap(itemsOf);
    throw new ApiError(items.map((item) => item.message).join(' '), items, requestId, status);
  }
  if (typeof data !== 'object' || data === null) {
    throw new ApiError(`The server answered HTTP ${status} with neither data nor errors.`, [], requestId, status);
  }
  return data;
}
