import { Periodic } from '../../db/periodic.js';
import { statement, type Sql } from '../../db/sql.js';
import type { ScimClient, ScimRejectionCode } from './scim-connection.entity.js';

/** Rejected attempts kept per group. */
export const keptRejectedAttempts = 20;
/** At most this many groups wait in one instance's buffer; beyond it (a flood of bogus URLs), outcomes are dropped. */
const maxBufferedGroups = 5_000;

/** One SCIM request's outcome, as connection health records it. */
export interface ScimRequestOutcome {
  readonly client: ScimClient;
  readonly userAgent: string | null;
  readonly status: number;
  /** The SCIM error detail the client was given, for failures. */
  readonly detail: string | null;
  readonly requestId: string | null;
}

export interface RejectedAttempt {
  readonly code: ScimRejectionCode;
  /** In words, with the fix (see describeRejection). */
  readonly reason: string;
  readonly tokenLastFour: string | null;
  readonly tokenName: string | null;
  readonly path: string | null;
  readonly client: ScimClient;
}

interface PendingConnection {
  /** Null when only refusals arrived (no request with one of the group's tokens). */
  lastRequestAt: number | null;
  client: ScimClient | null;
  userAgent: string | null;
  lastSuccessAt: number | null;
  lastFailure: { at: number; status: number; detail: string | null; requestId: string | null } | null;
  /** The first failure or refusal after this batch's last success: where "failing since" starts. */
  failingSince: number | null;
}

/** The latest success either side knows of; failures before it no longer count. */
const latestSuccess = `coalesce(greatest(c.last_success_at, excluded.last_success_at), '-infinity')`;

/**
 * Merges a batch into the connection rows. Every value is a time the request was answered, and
 * the newer one wins — so instances flushing in any order (several behind one load balancer)
 * never move health backwards. `failing_since` is the earliest failure known after the latest
 * success known (exact on one instance; across instances, to within a flush interval). Only SCIM
 * groups that still exist are written.
 */
const mergeConnections = statement(
  `insert into scim_connection as c (group_id, organization_id, last_request_at, client, user_agent, last_success_at,
     last_failure_at, last_failure_status, last_failure_detail, last_failure_request_id, failing_since)
   select u.group_id, g.organization_id, u.last_request_at, u.client, u.user_agent, u.last_success_at,
     u.last_failure_at, u.last_failure_status, u.last_failure_detail, u.last_failure_request_id, u.failing_since
   from unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::int[], $8::text[], $9::text[], $10::timestamptz[])
     as u(group_id, last_request_at, client, user_agent, last_success_at, last_failure_at, last_failure_status, last_failure_detail, last_failure_request_id, failing_since)
   join "group" g on g.id = u.group_id and g.kind = 'SCIM'
   on conflict (group_id) do update set
     last_request_at = greatest(c.last_request_at, excluded.last_request_at),
     client = case when excluded.last_request_at >= coalesce(c.last_request_at, '-infinity') then excluded.client else c.client end,
     user_agent = case when excluded.last_request_at >= coalesce(c.last_request_at, '-infinity') then excluded.user_agent else c.user_agent end,
     last_success_at = greatest(c.last_success_at, excluded.last_success_at),
     last_failure_at = greatest(c.last_failure_at, excluded.last_failure_at),
     last_failure_status = case when excluded.last_failure_at >= coalesce(c.last_failure_at, '-infinity') then excluded.last_failure_status else c.last_failure_status end,
     last_failure_detail = case when excluded.last_failure_at >= coalesce(c.last_failure_at, '-infinity') then excluded.last_failure_detail else c.last_failure_detail end,
     last_failure_request_id = case when excluded.last_failure_at >= coalesce(c.last_failure_at, '-infinity') then excluded.last_failure_request_id else c.last_failure_request_id end,
     failing_since = least(
       case when c.failing_since > ${latestSuccess} then c.failing_since end,
       case when c.last_failure_at > ${latestSuccess} then c.last_failure_at end,
       case when excluded.failing_since > ${latestSuccess} then excluded.failing_since end,
       case when excluded.last_failure_at > ${latestSuccess} then excluded.last_failure_at end)`,
);

/** Appends rejected attempts (in order) to SCIM groups that exist, then keeps each group's latest ones. */
const insertRejected = statement(
  `insert into scim_rejected_attempt (group_id, organization_id, at, code, reason, token_last_four, token_name, path, client)
   select g.id, g.organization_id, u.at, u.code, u.reason, u.last_four, u.token_name, u.path, u.client
   from unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
     with ordinality as u(group_id, at, code, reason, last_four, token_name, path, client, n)
   join "group" g on g.id = u.group_id and g.kind = 'SCIM' order by u.n`,
);
const trimRejected = statement(
  `delete from scim_rejected_attempt where id in (
     select id from (select id, row_number() over (partition by group_id order by id desc) as n
                     from scim_rejected_attempt where group_id = any($1::uuid[])) r
     where r.n > $2)`,
);

/**
 * Connection health without a write per request: each instance keeps the latest outcome per group
 * in memory and writes them all in one statement a second (or when it stops). What the portal
 * shows is at most that interval old, whichever instance answered.
 */
export class ScimConnectionRecorder {
  private connections = new Map<string, PendingConnection>();
  private rejected = new Map<string, { at: number; attempt: RejectedAttempt }[]>();
  /** The first refusal of groups with no request made with their tokens in this batch. */
  private refusedSince = new Map<string, number>();
  private readonly periodic: Periodic;

  constructor(
    private readonly sql: Sql,
    private readonly options: { intervalMs: number; onError: (error: unknown) => void },
  ) {
    this.periodic = new Periodic(() => this.write(), { intervalMs: options.intervalMs, runOnStop: true });
  }

  /** A request made with one of the group's tokens. */
  recordRequest(groupId: string, outcome: ScimRequestOutcome, at = Date.now()): void {
    const pending = this.pendingConnection(groupId);
    if (!pending) return;
    pending.lastRequestAt = at;
    pending.client = outcome.client;
    pending.userAgent = outcome.userAgent;
    if (outcome.status < 400) {
      pending.lastSuccessAt = at;
      pending.failingSince = null;
    } else {
      pending.lastFailure = { at, status: outcome.status, detail: outcome.detail, requestId: outcome.requestId };
      pending.failingSince ??= at;
    }
  }

  /**
   * A request refused for its token on a group's URL (written only if that names a SCIM group):
   * kept in the latest attempts, and a failure for the group's "failing since".
   */
  recordRejected(groupId: string, attempt: RejectedAttempt, at = Date.now()): void {
    let list = this.rejected.get(groupId);
    if (!list) {
      if (this.rejected.size >= maxBufferedGroups) return;
      list = [];
      this.rejected.set(groupId, list);
    }
    list.push({ at, attempt });
    if (list.length > keptRejectedAttempts) list.shift();
    // Kept apart from the groups that had requests made with their tokens, so a flood of refusals
    // on made-up URLs cannot crowd those out of the buffer.
    const pending = this.connections.get(groupId);
    if (pending) pending.failingSince ??= at;
    else if (!this.refusedSince.has(groupId) && this.refusedSince.size < maxBufferedGroups) this.refusedSince.set(groupId, at);
  }

  private pendingConnection(groupId: string): PendingConnection | undefined {
    let pending = this.connections.get(groupId);
    if (!pending) {
      if (this.connections.size >= maxBufferedGroups) return undefined;
      // Refusals that came first still count, unless this request succeeds (recordRequest).
      const refusedAt = this.refusedSince.get(groupId) ?? null;
      this.refusedSince.delete(groupId);
      pending = { lastRequestAt: null, client: null, userAgent: null, lastSuccessAt: null, lastFailure: null, failingSince: refusedAt };
      this.connections.set(groupId, pending);
    }
    return pending;
  }

  /** Writes every outcome buffered so far (at most one flush runs at a time). */
  flush(): Promise<void> {
    return this.periodic.run();
  }

  start(): void {
    this.periodic.start();
  }

  /** Stops the timer and writes what is left (graceful shutdown). */
  stop(): Promise<void> {
    return this.periodic.stop();
  }

  private async write(): Promise<void> {
    const connections = this.connections;
    const rejected = this.rejected;
    for (const [groupId, at] of this.refusedSince) {
      connections.set(groupId, { lastRequestAt: null, client: null, userAgent: null, lastSuccessAt: null, lastFailure: null, failingSince: at });
    }
    this.connections = new Map();
    this.rejected = new Map();
    this.refusedSince = new Map();
    try {
      if (connections.size > 0) await this.sql.query(mergeConnections, connectionColumns(connections));
    } catch (error) {
      this.restoreConnections(connections);
      this.options.onError(error);
    }
    try {
      if (rejected.size > 0) {
        const rows = [...rejected].flatMap(([groupId, list]) => list.map((entry) => ({ groupId, ...entry })));
        await this.sql.query(insertRejected, [
          rows.map((row) => row.groupId),
          rows.map((row) => new Date(row.at).toISOString()),
          rows.map((row) => row.attempt.code),
          rows.map((row) => row.attempt.reason),
          rows.map((row) => row.attempt.tokenLastFour),
          rows.map((row) => row.attempt.tokenName),
          rows.map((row) => row.attempt.path),
          rows.map((row) => row.attempt.client),
        ]);
        await this.sql.query(trimRejected, [[...rejected.keys()].sort(), keptRejectedAttempts]);
      }
    } catch (error) {
      // Rejected attempts are a sample for troubleshooting: a batch that could not be written is dropped.
      this.options.onError(error);
    }
  }

  /** Puts a batch that could not be written back, under what arrived meanwhile (newer values win). */
  private restoreConnections(batch: Map<string, PendingConnection>): void {
    for (const [groupId, old] of batch) {
      const current = this.connections.get(groupId);
      this.connections.set(groupId, current ? mergePending(old, current) : old);
    }
  }
}

/** Two batches of one group's outcomes as one, `newer` answered after `older`. */
function mergePending(older: PendingConnection, newer: PendingConnection): PendingConnection {
  const lastSuccessAt = Math.max(older.lastSuccessAt ?? 0, newer.lastSuccessAt ?? 0) || null;
  const failureStarts = [older.failingSince, newer.failingSince].filter((at): at is number => at !== null && at > (lastSuccessAt ?? 0));
  const lastFailure = older.lastFailure && (!newer.lastFailure || older.lastFailure.at > newer.lastFailure.at) ? older.lastFailure : newer.lastFailure;
  const latestRequest = newer.lastRequestAt === null || (older.lastRequestAt ?? 0) > newer.lastRequestAt ? older : newer;
  return {
    lastRequestAt: latestRequest.lastRequestAt,
    client: latestRequest.client,
    userAgent: latestRequest.userAgent,
    lastSuccessAt,
    lastFailure,
    failingSince: failureStarts.length > 0 ? Math.min(...failureStarts) : null,
  };
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function connectionColumns(connections: Map<string, PendingConnection>): unknown[] {
  // In group order on every instance, so two flushing at once cannot deadlock on each other's rows.
  const entries = [...connections].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return [
    entries.map(([groupId]) => groupId),
    entries.map(([, c]) => iso(c.lastRequestAt)),
    entries.map(([, c]) => c.client),
    entries.map(([, c]) => c.userAgent),
    entries.map(([, c]) => iso(c.lastSuccessAt)),
    entries.map(([, c]) => iso(c.lastFailure?.at ?? null)),
    entries.map(([, c]) => c.lastFailure?.status ?? null),
    entries.map(([, c]) => c.lastFailure?.detail ?? null),
    entries.map(([, c]) => c.lastFailure?.requestId ?? null),
    entries.map(([, c]) => iso(c.failingSince)),
  ];
}
