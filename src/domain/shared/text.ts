import { DomainError } from './domain-error.js';

/** Lone surrogates and NUL cannot be stored in PostgreSQL text or round-tripped through JSON safely. */
// eslint-disable-next-line no-control-regex
const unstorable = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A required name-like value: trimmed, not empty, at most `max` characters, storable.
 * @throws DomainError VALIDATION_FAILED naming `field`
 */
export function requiredText(value: string, field: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new DomainError('VALIDATION_FAILED', `${field} must not be empty.`, field);
  return checkedText(trimmed, field, max);
}

/** An optional value: null/undefined stay null; empty strings become null. */
export function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : checkedText(trimmed, field, max);
}

export function checkedText(value: string, field: string, max: number): string {
  if (value.length > max) throw new DomainError('VALIDATION_FAILED', `${field} must be at most ${max} characters (got ${value.length}).`, field);
  if (unstorable.test(value)) throw new DomainError('VALIDATION_FAILED', `${field} contains a NUL character or an unpaired surrogate.`, field);
  return value;
}
