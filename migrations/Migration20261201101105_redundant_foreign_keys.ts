import { Migration } from '@mikro-orm/migrations';

export class Migration20261201101105_redundant_foreign_keys extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "member" drop constraint "member_organization_id_foreign";`);
    this.addSql(`alter table "member" drop constraint "member_group_id_foreign";`);

    this.addSql(`alter table "team" drop constraint "team_organization_id_foreign";`);
    this.addSql(`alter table "team" drop constraint "team_group_id_foreign";`);

    this.addSql(`alter table "team_membership" drop constraint "team_membership_team_id_foreign";`);
    this.addSql(`alter table "team_membership" drop constraint "team_membership_member_id_foreign";`);
    this.addSql(`alter table "team_membership" drop constraint "team_membership_group_id_foreign";`);

    this.addSql(`alter table "member" alter column "seq" type bigint using ("seq"::bigint);`);
    this.addSql(`alter table "member" alter column "seq" set default nextval('member_seq');`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "member" alter column "seq" type bigint using ("seq"::bigint);`);
    this.addSql(`alter table "member" alter column "seq" set default nextval('member_seq');`);
    this.addSql(`alter table "member" add constraint "member_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "member" add constraint "member_group_id_foreign" foreign key ("group_id") references "group" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "team" add constraint "team_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "team" add constraint "team_group_id_foreign" foreign key ("group_id") references "group" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "team_membership" add constraint "team_membership_team_id_foreign" foreign key ("team_id") references "team" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "team_membership" add constraint "team_membership_member_id_foreign" foreign key ("member_id") references "member" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "team_membership" add constraint "team_membership_group_id_foreign" foreign key ("group_id") references "group" ("id") on update cascade on delete cascade;`);
  }

}
