import { Migration } from '@mikro-orm/migrations';

export class Migration20261201150945_activity_feed extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "activity_event_pruned" ("organization_id" uuid not null, "txid" xid8 not null, "event_id" bigint not null, constraint "activity_event_pruned_pkey" primary key ("organization_id"));`);

    this.addSql(`alter table "activity_event_pruned" add constraint "activity_event_pruned_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);

    this.addSql(`drop index "activity_event_organization_id_index";`);

    this.addSql(`alter table "activity_event" add column "txid" xid8 not null default pg_current_xact_id();`);
    this.addSql(`create index "activity_event_feed_index" on "activity_event" ("organization_id", "txid", "id");`);
    // The feed names a reactivation as what it is (issue #9's event types).
    this.addSql(`update "activity_event" set "action" = 'member.reactivated' where "action" = 'member.activated';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "activity_event_pruned" cascade;`);

    this.addSql(`drop index "activity_event_feed_index";`);
    this.addSql(`alter table "activity_event" drop column "txid";`);

    this.addSql(`create index "activity_event_organization_id_index" on "activity_event" ("organization_id", "id");`);
    this.addSql(`update "activity_event" set "action" = 'member.activated' where "action" = 'member.reactivated';`);
  }

}
