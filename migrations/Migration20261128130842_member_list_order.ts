import { Migration } from '@mikro-orm/migrations';

export class Migration20261128130842_member_list_order extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "member_group_created_at_id_index" on "member" ("group_id", "created_at", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "member_group_created_at_id_index";`);
  }

}
