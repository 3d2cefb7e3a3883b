/**
 * Reading raw rows. The pool's connections hand timestamps over as PostgreSQL text
 * (`2026-12-01 08:26:58.123456+00`, MikroORM's type overrides), bigints as strings, and JSONB
 * already parsed.
 */

/** A `timestamptz` in PostgreSQL's text form (or a Date) as a Date. */
export function timestamp(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  // ISO 8601 wants a `T` and a `+00:00` offset where PostgreSQL writes a space and `+00`.
  return new Date(/[+-]\d\d$/.test(text) ? `${text.replace(' ', 'T')}:00` : text.replace(' ', 'T'));
}

export function nullableTimestamp(value: unknown): Date | null {
  return value === null || value === undefined ? null : timestamp(value);
}
