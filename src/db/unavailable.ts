/** Seconds a client is told to wait before retrying when the database is away (`Retry-After`). */
export const retryAfterSeconds = 5;

/** What both transports tell a client in an outage: nothing of the driver's words. */
export const unavailableMessage = 'The database is unavailable. Retry shortly.';

/**
 * Whether an error means the database is away or overloaded (so the answer is 503 with
 * Retry-After, not a 500): the pool could not hand out a connection in time, the connection was
 * refused or dropped, the server is shutting down or in recovery, a statement ran out of time, or
 * the request ran out of its deadline waiting for the database.
 * One classification for every transport (SCIM and GraphQL map it alike).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const { name, code, message } = (error ?? {}) as { name?: unknown; code?: unknown; message?: unknown };
  if (name === 'KnexTimeoutError' || name === 'ConnectionException' || name === 'RequestDeadlineError') return true;
  // 57014 query_canceled (statement_timeout), 57P01–03 admin/crash shutdown and cannot connect now,
  // class 08 connection exceptions, 53300 too many connections; ECONN* from the socket.
  if (typeof code === 'string' && (unavailableCodes.has(code) || code.startsWith('08'))) return true;
  // A pooled connection dropped mid-query (database restart): pg reports it without a code.
  return typeof message === 'string' && droppedConnection.test(message);
}

// 40P01/40001 (a deadlock or serialization conflict that kept losing after sql.ts retried it) are
// transient too: the client should retry, as after an outage.
// REQUEST_DEADLINE is request-deadline.ts's own (kept when MikroORM rewraps the error).
const unavailableCodes = new Set([
  'REQUEST_DEADLINE',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57014',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '40P01',
  '40001',
]);
// knex reports a transaction whose connection was lost as "Transaction query already complete".
const droppedConnection =
  /connection (terminated|ended) unexpectedly|timeout acquiring a connection|Client has encountered a connection error|Connection terminated|Transaction query already complete/i;
