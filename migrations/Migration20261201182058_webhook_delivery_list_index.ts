import { Migration } from '@mikro-orm/migrations';

export class Migration20261201182058_webhook_delivery_list_index extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "webhook_delivery_list_index" on "webhook_delivery" ("endpoint_id", "created_at", "event_txid", "event_id", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "webhook_delivery_list_index";`);
  }

}
