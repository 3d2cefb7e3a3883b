import { ForeignKeyConstraintViolationException, UniqueConstraintViolationException } from '@mikro-orm/core';

/** SQLSTATEs of the integrity violations the services turn into domain errors. */
const integrityViolations = new Set(['23505', '23503']);

/**
 * The name of the unique or foreign-key constraint a write broke, or undefined for any other
 * error — whether the write went through the ORM (which wraps the driver's error) or straight to
 * the driver (node-postgres errors carry `code` and `constraint`).
 */
export function violatedConstraint(error: unknown): string | undefined {
  const isViolation =
    error instanceof UniqueConstraintViolationException ||
    error instanceof ForeignKeyConstraintViolationException ||
    integrityViolations.has(String((error as { code?: unknown } | null)?.code));
  if (!isViolation) return undefined;
  const constraint = (error as { constraint?: unknown }).constraint;
  return typeof constraint === 'string' ? constraint : undefined;
}

/** The unique constraint a write broke (see violatedConstraint). */
export function violatedUniqueConstraint(error: unknown): string | undefined {
  if (error instanceof ForeignKeyConstraintViolationException || (error as { code?: unknown } | null)?.code === '23503') return undefined;
  return violatedConstraint(error);
}
