import { Migration } from '@mikro-orm/migrations';

export class Migration20261201153004_activity_resource extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "activity_event" add column "resource" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "activity_event" drop column "resource";`);
  }

}
