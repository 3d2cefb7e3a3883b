import { Periodic } from '../../db/periodic.js';
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
  private readonly periodic: Periodic;

  constructor(
    private readonly sql: Sql,
    private readonly options: { intervalMs: number; onError: (error: unknown) => void },
  ) {
    // Nothing is buffered: a stop need not run it once more.
    this.periodic = new Periodic(() => this.pass(), { intervalMs: options.intervalMs, runOnStop: false });
  }

  /** One pass (at most one at a time). */
  compact(): Promise<void> {
    return this.periodic.run();
  }

  start(): void {
    this.periodic.start();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }

  private async pass(): Promise<void> {
    try {
      await this.sql.query(fold);
      await this.sql.query(dropEmpty);
    } catch (error) {
      this.options.onError(error);
    }
  }
}
