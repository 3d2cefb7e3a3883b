import { Migration } from '@mikro-orm/migrations';

export class Migration20261201120734_scim_rejection_codes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "scim_rejected_attempt" add column "code" text check ("code" in ('MISSING_AUTHORIZATION', 'SCHEME_MISSING', 'SCHEME_DOUBLED', 'WRONG_SCHEME', 'MALFORMED_TOKEN', 'UNKNOWN_TOKEN', 'REVOKED_TOKEN', 'EXPIRED_TOKEN', 'WRONG_URL')) null, add column "token_name" text null, add column "path" text null;`);
    // Attempts recorded before codes existed: the closest code for each of the old reasons.
    this.addSql(`update "scim_rejected_attempt" set "code" = case "reason" when 'no bearer token' then 'MISSING_AUTHORIZATION' when 'not a Roster SCIM token' then 'MALFORMED_TOKEN' else 'UNKNOWN_TOKEN' end;`);
    this.addSql(`alter table "scim_rejected_attempt" alter column "code" set not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "scim_rejected_attempt" drop column "code", drop column "token_name", drop column "path";`);
  }

}
