import { Migration } from '@mikro-orm/migrations';

/**
 * Foreign keys that carry the tenant: a member, team or token must belong to a group *of its own
 * organization*, and a team membership joins a team and a member *of the same group*. The database
 * then refuses any row that would join across tenants, whatever the code does. MikroORM cannot
 * express composite foreign keys on single-column ids, so this migration was generated blank and
 * written by hand before it landed.
 */
export class Migration20261128123934_tenant_scoped_keys extends Migration {
  override up(): void {
    this.addSql(`alter table "group" add constraint "group_organization_id_id_unique" unique ("organization_id", "id");`);
    this.addSql(`alter table "member" add constraint "member_group_id_id_unique" unique ("group_id", "id");`);
    this.addSql(`alter table "team" add constraint "team_group_id_id_unique" unique ("group_id", "id");`);

    this.addSql(
      `alter table "member" add constraint "member_organization_group_foreign" foreign key ("organization_id", "group_id") references "group" ("organization_id", "id") on delete cascade;`,
    );
    this.addSql(
      `alter table "team" add constraint "team_organization_group_foreign" foreign key ("organization_id", "group_id") references "group" ("organization_id", "id") on delete cascade;`,
    );
    this.addSql(
      `alter table "scim_token" add constraint "scim_token_organization_group_foreign" foreign key ("organization_id", "group_id") references "group" ("organization_id", "id") on delete cascade;`,
    );
    this.addSql(
      `alter table "team_membership" add constraint "team_membership_group_team_foreign" foreign key ("group_id", "team_id") references "team" ("group_id", "id") on delete cascade;`,
    );
    this.addSql(
      `alter table "team_membership" add constraint "team_membership_group_member_foreign" foreign key ("group_id", "member_id") references "member" ("group_id", "id") on delete cascade;`,
    );
  }

  override down(): void {
    for (const [table, constraint] of [
      ['team_membership', 'team_membership_group_member_foreign'],
      ['team_membership', 'team_membership_group_team_foreign'],
      ['scim_token', 'scim_token_organization_group_foreign'],
      ['team', 'team_organization_group_foreign'],
      ['member', 'member_organization_group_foreign'],
      ['team', 'team_group_id_id_unique'],
      ['member', 'member_group_id_id_unique'],
      ['group', 'group_organization_id_id_unique'],
    ]) {
      this.addSql(`alter table "${table}" drop constraint if exists "${constraint}";`);
    }
  }
}
