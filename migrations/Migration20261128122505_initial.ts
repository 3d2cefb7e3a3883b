import { Migration } from '@mikro-orm/migrations';

export class Migration20261128122505_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "organization" ("id" uuid not null, "name" text not null, "plan" text check ("plan" in ('FREE', 'PRO')) not null default 'FREE', "created_at" timestamptz not null default now(), constraint "organization_pkey" primary key ("id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "organization" cascade;`);
  }

}
