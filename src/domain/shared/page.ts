import { DomainError } from './domain-error.js';

/** Keyset page request: at most `first` items after the opaque `after` cursor. */
export interface PageRequest {
  readonly first?: number | null;
  readonly after?: string | null;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly hasNextPage: boolean;
  /** Cursor of each item, in order (for edges). */
  readonly cursors: readonly string[];
}

export const defaultPageSize = 50;
export const maxPageSize = 200;

/** Clamps `first` to 0…maxPageSize (default 50): a client can never ask for unbounded pages. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return defaultPageSize;
  if (!Number.isInteger(first) || first < 0) throw new DomainError('VALIDATION_FAILED', '`first` must be a whole number from 0 to 200.', 'first');
  return Math.min(first, maxPageSize);
}

/**
 * Cursors are the sort key of the last item seen, base64url-encoded JSON: a page query is then
 * `where (key, id) > (cursor)` on an index, as fast on page 2,000 as on page 1 (no OFFSET scan).
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === arity && key.every((part): part is string | number => typeof part === 'string' || Number.isSafeInteger(part))) {
      return key;
    }
  } catch {
    // fall through to the error below
  }
  throw new DomainError('VALIDATION_FAILED', '`after` is not a cursor this list returned.', 'after');
}

/** Builds a page from `size + 1` fetched rows: the extra row only says whether there is more. */
export function toPage<T>(rows: readonly T[], size: number, keyOf: (row: T) => (string | number)[]): Page<T> {
  const items = rows.slice(0, size);
  return { items, hasNextPage: rows.length > size, cursors: items.map((row) => encodeCursor(keyOf(row))) };
}

/** Escapes LIKE wildcards so a search for `50%_off` matches those characters literally. */
export function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
