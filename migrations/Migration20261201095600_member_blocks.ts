import { Migration } from '@mikro-orm/migrations';

export class Migration20261201095600_member_blocks extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "member_block" ("group_id" uuid not null, "block" bigint not null, "shard" smallint not null, "members" bigint not null, constraint "member_block_pkey" primary key ("group_id", "block", "shard"));`);

    this.addSql(`drop index "member_group_created_at_id_index";`);

    this.addSql(`alter table "member" add column "seq" bigint not null default nextval('member_seq');`);
    this.addSql(`create index "member_group_seq_index" on "member" ("group_id", "seq");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "member_block" cascade;`);

    this.addSql(`drop index "member_group_seq_index";`);
    this.addSql(`alter table "member" drop column "seq";`);

    this.addSql(`create index "member_group_created_at_id_index" on "member" ("group_id", "created_at", "id");`);
  }

}
