import { statement, type Sql } from '../../db/sql.js';

/**
 * Folds the per-session shards of member_block into shard 0 and drops blocks that have emptied,
 * so a group of a million members is about a thousand rows to add up, however many sessions
 * created them. Any instance may run it at any time: the rows it moves are locked and skipped by
 * the others, and the sums do not change.
 */
const fold = statement(
  `with moved as (
     delete from member_block where (group_id, block, shard) in (
       select group_id, block, shard from member_block where shard <> 0 limit 10000 for update skip locked)
     returning group_id, block, members
   )
   insert into member_block (group_id, block, shard, members)
   select group_id, block, 0, sum(members) from moved group by 1, 2
   on conflict (group_id, block, shard) do update set members = member_block.members + excluded.members`,
);
const dropEmpty = statement('delete from member_block where shard = 0 and members = 0');

export class MemberBlockCompactor {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly sql: Sql,
    private readonly options: { intervalMs: number; onError: (error: unknown) => void },
  ) {}

  /** One pass (at most one at a time). */
  compact(): Promise<void> {
    this.running = this.running.then(async () => {
      try {
        await this.sql.query(fold);
        await this.sql.query(dropEmpty);
      } catch (error) {
        this.options.onError(error);
      }
    });
    return this.running;
  }

  start(): void {
    this.timer ??= setInterval(() => {
      void this.compact();
    }, this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
