const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids are UUIDs. Anything else cannot name a row, so callers treat it as "not found" instead of
 * letting PostgreSQL reject the cast (which would surface as an internal error).
 */
export function isUuid(value: string): boolean {
  return uuid.test(value);
}
