import { Migration } from '@mikro-orm/migrations';

/**
 * The sequence behind `member.seq` (creation order), which the next migration's column default
 * names. MikroORM creates sequences only for primary keys, so this one was generated blank and
 * written by hand before it landed.
 */
export class Migration20261201095550_member_sequence extends Migration {
  override up(): void {
    this.addSql(`create sequence if not exists "member_seq";`);
  }

  override down(): void {
    this.addSql(`drop sequence if exists "member_seq";`);
  }
}
