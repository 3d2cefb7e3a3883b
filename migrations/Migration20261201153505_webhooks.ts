import { Migration } from '@mikro-orm/migrations';

export class Migration20261201153505_webhooks extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "webhook_endpoint" ("id" uuid not null, "organization_id" uuid not null, "url" text not null, "description" text null, "event_types" text[] null, "group_ids" text[] null, "enabled" boolean not null default true, "secret" text not null, "previous_secret" text null, "previous_secret_until" timestamptz null, "disabled_reason" text null, "failing_since" timestamptz null, "feed_txid" xid8 not null, "feed_event_id" bigint not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "webhook_endpoint_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_endpoint_organization_id_index" on "webhook_endpoint" ("organization_id");`);

    this.addSql(`create table "webhook_delivery" ("id" text not null, "endpoint_id" uuid not null, "organization_id" uuid not null, "event_id" bigint not null, "event_txid" xid8 not null, "event_type" text not null, "payload" text not null, "status" text not null default 'PENDING', "attempts" int not null default 0, "next_attempt_at" timestamptz not null default now(), "lease_until" timestamptz null, "last_status" int null, "created_at" timestamptz not null default now(), "completed_at" timestamptz null, constraint "webhook_delivery_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_delivery_pending_index" on "webhook_delivery" ("next_attempt_at") where "status" = 'PENDING';`);
    this.addSql(`create index "webhook_delivery_queue_index" on "webhook_delivery" ("endpoint_id", "event_txid", "event_id");`);

    this.addSql(`create table "webhook_attempt" ("id" bigserial primary key, "delivery_id" text not null, "attempted_at" timestamptz not null default now(), "status" int null, "duration_ms" int not null, "error" text null, "response_body" text null);`);
    this.addSql(`create index "webhook_attempt_delivery_id_id_index" on "webhook_attempt" ("delivery_id", "id");`);

    this.addSql(`alter table "webhook_endpoint" add constraint "webhook_endpoint_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_endpoint_id_foreign" foreign key ("endpoint_id") references "webhook_endpoint" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "webhook_attempt" add constraint "webhook_attempt_delivery_id_foreign" foreign key ("delivery_id") references "webhook_delivery" ("id") on update cascade on delete cascade;`);

  }

  override async down(): Promise<void> {
    this.addSql(`alter table "webhook_delivery" drop constraint "webhook_delivery_endpoint_id_foreign";`);

    this.addSql(`alter table "webhook_attempt" drop constraint "webhook_attempt_delivery_id_foreign";`);

    this.addSql(`drop table if exists "webhook_endpoint" cascade;`);

    this.addSql(`drop table if exists "webhook_delivery" cascade;`);

    this.addSql(`drop table if exists "webhook_attempt" cascade;`);

  }

}
