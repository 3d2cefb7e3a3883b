import { Periodic } from './periodic.js';
import { statement, type Sql } from './sql.js';

/**
 * A request budget per key (a SCIM token) shared by every instance, without a write per request.
 *
 * Each instance decides at once from what it knows: the sliding-window estimate (RFC-less but
 * standard: the previous minute's count weighted by how much of it still overlaps the last 60
 * seconds, plus this minute's count). It counts locally and, once a second, adds its counts to
 * per-minute rows in PostgreSQL (`rate_limit`, one statement for all keys) and reads back the
 * totals of every instance. Tolerance: requests other instances allowed since the last exchange
 * (at most one interval's worth) are not yet known here, so a token spread over N instances may
 * exceed its budget by up to N − 1 intervals of its traffic; a single instance is exact. While the
 * database is away, counting goes on locally and the counts are sent once it is back.
 */
export interface RateLimitDecision {
  readonly allowed: boolean;
  /** When refused: seconds until the estimate drops below the budget. */
  readonly retryAfterSeconds: number;
}

interface KeyState {
  window: number;
  /** Every instance's count for `window`, as of the last exchange (ours included). */
  shared: number;
  /** Our requests in `window` not yet sent. */
  pending: number;
  /** Every instance's count for the window before. */
  previous: number;
}

const windowMs = 60_000;

/** Adds counts (per key and minute) and returns the new totals, plus the totals of other keys asked for. */
const exchange = statement(
  `with added as (
     insert into rate_limit (key, points, expire) select * from unnest($1::text[], $2::int[], $3::bigint[])
     on conflict (key) do update set points = rate_limit.points + excluded.points
     returning key, points
   )
   select key, points from added
   union all
   select key, points from rate_limit where key = any($4::text[]) and not (key = any($1::text[]))`,
);
const prune = statement('delete from rate_limit where expire < $1');

export class SharedRateLimiter {
  private readonly keys = new Map<string, KeyState>();
  private readonly periodic: Periodic;
  private exchanges = 0;

  constructor(
    private readonly sql: Sql,
    private readonly options: { prefix: string; perMinute: number; intervalMs: number; onError: (error: unknown) => void; clock?: () => number },
  ) {
    this.periodic = new Periodic(() => this.exchange(), { intervalMs: options.intervalMs, runOnStop: true });
  }

  private now(): number {
    return this.options.clock?.() ?? Date.now();
  }

  /** Counts one request for `key` if the budget allows it. */
  consume(key: string, now = this.now()): RateLimitDecision {
    const known = this.keys.has(key);
    const state = this.stateOf(key, now);
    // A key this instance has not seen: learn the other instances' counts right away rather
    // than at the next tick (the decision below cannot wait for it).
    if (!known && this.periodic.started) void this.sync();
    const elapsed = now - state.window * windowMs;
    const current = state.shared + state.pending;
    const estimate = state.previous * (1 - elapsed / windowMs) + current;
    if (estimate < this.options.perMinute) {
      state.pending += 1;
      return { allowed: true, retryAfterSeconds: 0 };
    }
    const { perMinute } = this.options;
    // When the weighted previous minute (or, once this one is full, the next one's) lets room again.
    const waitMs =
      current >= perMinute ? windowMs - elapsed + windowMs * (1 - perMinute / current) : windowMs * (1 - (perMinute - current) / state.previous) - elapsed;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** Sends the counts gathered so far and learns the other instances' (one at a time). */
  sync(): Promise<void> {
    return this.periodic.run();
  }

  start(): void {
    this.periodic.start();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }

  private stateOf(key: string, now: number): KeyState {
    const window = Math.floor(now / windowMs);
    let state = this.keys.get(key);
    if (!state) {
      state = { window, shared: 0, pending: 0, previous: 0 };
      this.keys.set(key, state);
    } else if (state.window < window) {
      // A new minute: this one becomes the previous. Unsent counts of the old minute are lost to
      // the other instances (at most one interval's worth), but still weigh here.
      state.previous = state.window === window - 1 ? state.shared + state.pending : 0;
      state.window = window;
      state.shared = 0;
      state.pending = 0;
    }
    return state;
  }

  private rowKey(key: string, window: number): string {
    return `${this.options.prefix}:${key}:${window}`;
  }

  private async exchange(): Promise<void> {
    const now = this.now();
    const window = Math.floor(now / windowMs);
    const sent = new Map<string, number>();
    const asked: string[] = [];
    for (const [key, state] of this.keys) {
      if (state.window < window - 1) {
        this.keys.delete(key);
        continue;
      }
      if (state.pending > 0) sent.set(key, state.pending);
      else asked.push(this.rowKey(key, state.window));
      asked.push(this.rowKey(key, state.window - 1));
    }
    if (sent.size === 0 && asked.length === 0) return;
    try {
      // In one order on every instance, so two exchanging at once cannot deadlock on each other's rows.
      const sentKeys = [...sent.keys()].sort();
      asked.sort();
      const rows = await this.sql.query<{ key: string; points: number }>(exchange, [
        sentKeys.map((key) => this.rowKey(key, this.keys.get(key)?.window ?? window)),
        sentKeys.map((key) => sent.get(key) ?? 0),
        sentKeys.map((key) => ((this.keys.get(key)?.window ?? window) + 2) * windowMs),
        asked,
      ]);
      const totals = new Map(rows.map((row) => [row.key, row.points]));
      for (const [key, state] of this.keys) {
        const shared = totals.get(this.rowKey(key, state.window));
        const previous = totals.get(this.rowKey(key, state.window - 1));
        // Counts sent for a minute that has ended meanwhile already moved into `previous`.
        const delivered = sent.get(key) ?? 0;
        if (shared !== undefined) {
          state.shared = shared;
          state.pending = Math.max(0, state.pending - delivered);
        }
        if (previous !== undefined) state.previous = Math.max(state.previous, previous);
      }
      if (++this.exchanges % 60 === 0) await this.sql.query(prune, [now - windowMs]);
    } catch (error) {
      // Nothing was sent: the counts stay pending and go with the next exchange.
      this.options.onError(error);
    }
  }
}
