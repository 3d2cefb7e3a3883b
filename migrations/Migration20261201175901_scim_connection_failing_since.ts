import { Migration } from '@mikro-orm/migrations';

export class Migration20261201175901_scim_connection_failing_since extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "scim_connection" add column "failing_since" timestamptz null;`);
    this.addSql(`alter table "scim_connection" alter column "last_request_at" drop not null;`);

    // What is known of each connection's failures since its last success: its last failure and its kept refusals.
    this.addSql(`update "scim_connection" c set "failing_since" = least(
      case when c."last_failure_at" > coalesce(c."last_success_at", '-infinity') then c."last_failure_at" end,
      (select min(r."at") from "scim_rejected_attempt" r where r."group_id" = c."group_id" and r."at" > coalesce(c."last_success_at", '-infinity')));`);
    this.addSql(`insert into "scim_connection" ("group_id", "organization_id", "failing_since")
      select r."group_id", r."organization_id", min(r."at") from "scim_rejected_attempt" r
      where not exists (select 1 from "scim_connection" c where c."group_id" = r."group_id")
      group by r."group_id", r."organization_id";`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "scim_connection" where "last_request_at" is null;`);
    this.addSql(`alter table "scim_connection" drop column "failing_since";`);
    this.addSql(`alter table "scim_connection" alter column "last_request_at" set not null;`);
  }

}
