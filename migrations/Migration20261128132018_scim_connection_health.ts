import { Migration } from '@mikro-orm/migrations';

export class Migration20261128132018_scim_connection_health extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "scim_connection" ("group_id" uuid not null, "organization_id" uuid not null, "last_request_at" timestamptz not null, "client" text check ("client" in ('OKTA', 'ENTRA', 'ONELOGIN', 'JUMPCLOUD', 'OTHER')) null, "user_agent" text null, "last_success_at" timestamptz null, "last_failure_at" timestamptz null, "last_failure_status" int null, "last_failure_detail" text null, "last_failure_request_id" text null, constraint "scim_connection_pkey" primary key ("group_id"));`);
    this.addSql(`create index "scim_connection_organization_id_index" on "scim_connection" ("organization_id");`);

    this.addSql(`create table "scim_rejected_attempt" ("id" bigserial primary key, "group_id" uuid not null, "organization_id" uuid not null, "at" timestamptz not null default now(), "reason" text not null, "token_last_four" text null, "client" text check ("client" in ('OKTA', 'ENTRA', 'ONELOGIN', 'JUMPCLOUD', 'OTHER')) null);`);
    this.addSql(`create index "scim_rejected_attempt_group_id_index" on "scim_rejected_attempt" ("group_id", "id");`);

    this.addSql(`alter table "scim_connection" add constraint "scim_connection_group_id_foreign" foreign key ("group_id") references "group" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "scim_connection" add constraint "scim_connection_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "scim_rejected_attempt" add constraint "scim_rejected_attempt_group_id_foreign" foreign key ("group_id") references "group" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "scim_rejected_attempt" add constraint "scim_rejected_attempt_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "scim_connection" cascade;`);

    this.addSql(`drop table if exists "scim_rejected_attempt" cascade;`);
  }

}
