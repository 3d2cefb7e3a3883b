import { Migration } from '@mikro-orm/migrations';

export class Migration20261201160438_webhook_endpoint_lease extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "webhook_endpoint" add column "lease_until" timestamptz null;`);

    this.addSql(`drop index "webhook_delivery_pending_index";`);
    this.addSql(`alter table "webhook_delivery" drop column "lease_until";`);

    this.addSql(`create index "webhook_delivery_completed_index" on "webhook_delivery" ("completed_at");`);
    this.addSql(`create index "webhook_delivery_head_index" on "webhook_delivery" ("endpoint_id", "event_txid", "event_id") where "status" = 'PENDING';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "webhook_endpoint" drop column "lease_until";`);

    this.addSql(`drop index "webhook_delivery_completed_index";`);
    this.addSql(`drop index "webhook_delivery_head_index";`);

    this.addSql(`alter table "webhook_delivery" add column "lease_until" timestamptz null;`);
    this.addSql(`create index "webhook_delivery_pending_index" on "webhook_delivery" ("next_attempt_at") where "status" = 'PENDING';`);
  }

}
