import { Periodic } from '../../db/periodic.js';
import { statement, type Sql } from '../../db/sql.js';

/**
 * One batch of pruning. It takes the oldest events past the retention period (by id, at most $2),
 * and for each organization among them deletes every event up to the latest feed position in the
 * batch — so what is pruned is always a whole prefix of the organization's feed, and what is kept
 * a whole suffix (an event a moment younger than the limit, written by a transaction that started
 * earlier, may go with it). activity_event_pruned keeps that position: a feed cursor before it
 * missed pruned events and is refused, one at or after it missed nothing.
 * $1 retention in days, $2 batch size.
 */
const pruneBatch = statement(
  `with batch as (
     select organization_id, txid, id from activity_event where created_at < now() - make_interval(days => $1) order by id limit $2
   ), marks as (
     select distinct on (organization_id) organization_id, txid, id from batch order by organization_id, txid desc, id desc
   ), gone as (
     delete from activity_event e using marks m where e.organization_id = m.organization_id and (e.txid, e.id) <= (m.txid, m.id) returning e.id
   ), marked as (
     insert into activity_event_pruned (organization_id, txid, event_id)
     select organization_id, txid, id from marks
     on conflict (organization_id) do update set txid = excluded.txid, event_id = excluded.event_id
       where (excluded.txid, excluded.event_id) > (activity_event_pruned.txid, activity_event_pruned.event_id)
   )
   select (select count(*) from batch)::int as selected, (select count(*) from gone)::int as deleted`,
);

/** One batch of finished webhook deliveries past the retention period (their attempts cascade). $1 days, $2 batch size. */
const pruneDeliveries = statement(
  `with gone as (
     delete from webhook_delivery where id in (
       select id from webhook_delivery where completed_at < now() - make_interval(days => $1) order by completed_at limit $2)
     returning 1)
   select count(*)::int as deleted from gone`,
);

export interface RetentionOptions {
  readonly retentionDays: number;
  readonly intervalMs: number;
  /** Events past the retention taken per statement: small enough that no statement holds many locks for long. */
  readonly batchSize?: number;
  readonly onError: (error: unknown) => void;
  /** Told after each pass that deleted something: how many, in how many batches. */
  readonly onPruned?: (pruned: { events: number; batches: number; deliveries: number; retentionDays: number }) => void;
}

/**
 * The retention job (EVENT_RETENTION_DAYS): on a timer, every instance prunes the activity log in
 * batches until nothing older than the retention period is left. Instances may run it at the same
 * time: a row another one deleted first is simply skipped.
 */
export class ActivityRetention {
  private readonly periodic: Periodic;
  private stopping = false;

  constructor(
    private readonly sql: Sql,
    private readonly options: RetentionOptions,
  ) {
    this.periodic = new Periodic(() => this.pass(), { intervalMs: options.intervalMs, runOnStop: false });
  }

  /** One pass now (after any under way): every batch until none is left. */
  prune(): Promise<void> {
    return this.periodic.run();
  }

  start(): void {
    this.periodic.start();
  }

  stop(): Promise<void> {
    this.stopping = true;
    return this.periodic.stop();
  }

  private async pass(): Promise<void> {
    const batchSize = this.options.batchSize ?? 1_000;
    let events = 0;
    let batches = 0;
    let deliveries = 0;
    try {
      while (!this.stopping) {
        const [row] = await this.sql.query<{ selected: number; deleted: number }>(pruneBatch, [this.options.retentionDays, batchSize]);
        events += row?.deleted ?? 0;
        if ((row?.selected ?? 0) > 0) batches++;
        if ((row?.selected ?? 0) < batchSize) break;
      }
      // Finished webhook deliveries go after the same time (pending ones stay until sent or given up).
      while (!this.stopping) {
        const [row] = await this.sql.query<{ deleted: number }>(pruneDeliveries, [this.options.retentionDays, batchSize]);
        deliveries += row?.deleted ?? 0;
        if ((row?.deleted ?? 0) < batchSize) break;
      }
    } catch (error) {
      this.options.onError(error);
    } finally {
      if (events > 0 || deliveries > 0) this.options.onPruned?.({ events, batches, deliveries, retentionDays: this.options.retentionDays });
    }
  }
}
