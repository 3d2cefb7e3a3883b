import { Migration } from '@mikro-orm/migrations';

/**
 * Keeps `member_block` (see member-block.entity.ts) in step with `member`, whoever writes it —
 * the services, the ORM, a COPY — with statement-level triggers that add each statement's rows per
 * group and block in one upsert, on the writing session's own shard. Existing members get their
 * creation numbers in creation order, and their blocks counted. MikroORM cannot express
 * triggers, so this migration was generated blank and written by hand before it landed.
 */
export class Migration20261201095606_member_block_counts extends Migration {
  override up(): void {
    // The previous migration numbered existing rows in whatever order it read them.
    this.addSql(
      `update "member" m set "seq" = s.n from (select id, row_number() over (order by created_at, id) as n from "member") s where m.id = s.id;`,
    );
    this.addSql(`select setval('member_seq', (select coalesce(max("seq"), 0) from "member") + 1, false);`);
    this.addSql(`insert into "member_block" ("group_id", "block", "shard", "members") select group_id, seq >> 10, 0, count(*) from "member" group by 1, 2;`);

    this.addSql(`create function member_block_added() returns trigger language plpgsql as $$
begin
  insert into member_block (group_id, block, shard, members)
  select group_id, seq >> 10, pg_backend_pid() % 16, count(*) from added group by 1, 2
  on conflict (group_id, block, shard) do update set members = member_block.members + excluded.members;
  return null;
end $$;`);
    this.addSql(`create function member_block_removed() returns trigger language plpgsql as $$
begin
  insert into member_block (group_id, block, shard, members)
  select group_id, seq >> 10, pg_backend_pid() % 16, -count(*) from removed group by 1, 2
  on conflict (group_id, block, shard) do update set members = member_block.members + excluded.members;
  return null;
end $$;`);
    this.addSql(`create function member_block_emptied() returns trigger language plpgsql as $$
begin
  truncate member_block;
  return null;
end $$;`);
    this.addSql(
      `create trigger member_block_added after insert on "member" referencing new table as added for each statement execute function member_block_added();`,
    );
    this.addSql(
      `create trigger member_block_removed after delete on "member" referencing old table as removed for each statement execute function member_block_removed();`,
    );
    this.addSql(`create trigger member_block_emptied after truncate on "member" for each statement execute function member_block_emptied();`);
  }

  override down(): void {
    this.addSql(`drop trigger if exists member_block_emptied on "member";`);
    this.addSql(`drop trigger if exists member_block_removed on "member";`);
    this.addSql(`drop trigger if exists member_block_added on "member";`);
    this.addSql(`drop function if exists member_block_emptied();`);
    this.addSql(`drop function if exists member_block_removed();`);
    this.addSql(`drop function if exists member_block_added();`);
    this.addSql(`truncate "member_block";`);
  }
}
