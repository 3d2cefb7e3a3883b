import { ConfigError } from '../config.js';
import { classifyConnectionFailure } from '../db/connection-failure.js';
import { DirectoryLockedError } from '../db/directory-lock.js';
import { EmbeddedPostgresError } from '../db/embedded-postgres.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { DomainError } from '../domain/shared/domain-error.js';

/** A mistake on the command line: one line, then the usage, and exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    /** The command whose usage to show; undefined for the list of commands. */
    readonly command?: string,
  ) {
    super(message);
  }
}

/** A command that ran and could not do what was asked (no such admin, …): exit code 1. */
export class CommandError extends Error {
  override name = 'CommandError';
}

/** The database did not accept a connection (refused, no answer, unknown host, database or role, wrong password). */
export class DatabaseUnreachableError extends Error {
  override name = 'DatabaseUnreachableError';
  constructor(readonly reason: unknown) {
    super('The database cannot be reached.');
  }
}

export interface Failure {
  readonly exitCode: 1 | 2;
  /** One line for stderr. */
  readonly message: string;
}

/**
 * The CLI's one table from anything thrown to what the operator sees: exit code 2 for usage
 * mistakes (the caller adds the usage), 1 for everything else, always a single line and never a
 * stack trace. `displayUrl` (password redacted) names the database when it cannot be reached.
 */
export function describeFailure(error: unknown, displayUrl: string | undefined): Failure {
  if (error instanceof UsageError) return { exitCode: 2, message: error.message };
  if (error instanceof DomainError || error instanceof CommandError) return { exitCode: 1, message: firstLine(error.message) };
  if (error instanceof ConfigError) return { exitCode: 1, message: `Invalid configuration: ${error.problems.join('; ')}` };
  // The embedded PostgreSQL's own explanations (locked folder, port not published, did not start).
  if (error instanceof DirectoryLockedError || error instanceof EmbeddedPostgresError) return { exitCode: 1, message: firstLine(error.message) };
  if (error instanceof DatabaseUnreachableError || isDatabaseUnavailable(error)) {
    const reason = error instanceof DatabaseUnreachableError ? error.reason : error;
    return { exitCode: 1, message: `Cannot use the database ${displayUrl ?? '(not opened)'}: ${unreachableReason(reason, displayUrl)}` };
  }
  return { exitCode: 1, message: `Unexpected error: ${reasonOf(error)}` };
}

function unreachableReason(error: unknown, displayUrl: string | undefined): string {
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  // A server that accepts TCP but never answers: pg says "timeout expired" (DB_CONNECT_TIMEOUT_MS),
  // knex "Timeout acquiring a connection. The pool is probably full…" (DB_ACQUIRE_TIMEOUT_MS), which misleads here.
  if (name === 'KnexTimeoutError' || message === 'timeout expired') return 'no answer in time (DB_CONNECT_TIMEOUT_MS, DB_ACQUIRE_TIMEOUT_MS)';
  // A missing database or a refused login: the server's start-up names the fix; say the same.
  const failure = displayUrl === undefined ? undefined : classifyConnectionFailure(error, displayUrl);
  return failure && !failure.retry ? failure.message : reasonOf(error);
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return firstLine(message) || (error instanceof Error ? error.name : 'unknown error');
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.trim() ?? '';
}
