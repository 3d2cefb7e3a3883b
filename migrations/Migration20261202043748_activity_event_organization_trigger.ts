import { Migration } from '@mikro-orm/migrations';

/**
 * Drops the activity log's foreign key to `organization` (each event's organization comes from a
 * row that has one; checking it on every insert locked the organization's row, shared by every
 * concurrent write of the tenant). Deleting an organization still deletes its events, by a
 * statement trigger on `organization`. Generated, then (before it landed) the trigger written by
 * hand, since MikroORM cannot express triggers, and the diff's no-op lines for `member.seq` left out.
 */
export class Migration20261202043748_activity_event_organization_trigger extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "activity_event" drop constraint "activity_event_organization_id_foreign";`);

    this.addSql(`create function activity_event_organization_deleted() returns trigger language plpgsql as $$
begin
  delete from activity_event where organization_id in (select id from deleted);
  return null;
end $$;`);
    this.addSql(`create trigger activity_event_organization_deleted after delete on "organization" referencing old table as deleted for each statement execute function activity_event_organization_deleted();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger activity_event_organization_deleted on "organization";`);
    this.addSql(`drop function activity_event_organization_deleted();`);

    this.addSql(`alter table "activity_event" add constraint "activity_event_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
  }

}
