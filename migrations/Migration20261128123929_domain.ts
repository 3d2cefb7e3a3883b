import { Migration } from '@mikro-orm/migrations';

export class Migration20261128123929_domain extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "group" ("id" uuid not null, "organization_id" uuid not null, "name" text not null, "name_key" text generated always as (lower(name)) stored not null, "kind" text check ("kind" in ('STANDARD', 'SCIM')) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "group_pkey" primary key ("id"));`);
    this.addSql(`alter table "group" add constraint "group_organization_name_unique" unique ("organization_id", "name_key");`);

    this.addSql(`create table "member" ("id" uuid not null, "organization_id" uuid not null, "group_id" uuid not null, "user_name" text not null, "user_name_key" text generated always as (lower(user_name)) stored not null, "external_id" text null, "given_name" text null, "family_name" text null, "middle_name" text null, "honorific_prefix" text null, "honorific_suffix" text null, "formatted_name" text null, "display_name" text null, "nick_name" text null, "profile_url" text null, "title" text null, "user_type" text null, "preferred_language" text null, "locale" text null, "timezone" text null, "active" boolean not null default true, "emails" jsonb not null default '[]', "phone_numbers" jsonb not null default '[]', "addresses" jsonb not null default '[]', "employee_number" text null, "cost_center" text null, "enterprise_organization" text null, "division" text null, "department" text null, "manager" jsonb null, "extensions" jsonb not null default '{}', "other_attributes" jsonb not null default '{}', "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "member_pkey" primary key ("id"));`);
    this.addSql(`create index "member_organization_id_index" on "member" ("organization_id");`);
    this.addSql(`alter table "member" add constraint "member_group_external_id_unique" unique ("group_id", "external_id");`);
    this.addSql(`alter table "member" add constraint "member_group_user_name_unique" unique ("group_id", "user_name_key");`);

    this.addSql(`create table "admin" ("id" uuid not null, "organization_id" uuid not null, "email" text not null, "email_key" text generated always as (lower(email)) stored not null, "password_hash" text not null, "role" text check ("role" in ('OWNER', 'ADMIN', 'VIEWER')) not null default 'ADMIN', "created_at" timestamptz not null default now(), constraint "admin_pkey" primary key ("id"));`);
    this.addSql(`alter table "admin" add constraint "admin_email_key_unique" unique ("email_key");`);
    this.addSql(`create index "admin_organization_id_index" on "admin" ("organization_id");`);

    this.addSql(`create table "activity_event" ("id" bigserial primary key, "organization_id" uuid not null, "group_id" uuid null, "actor_type" text check ("actor_type" in ('ADMIN', 'SCIM_TOKEN', 'SYSTEM')) not null, "actor_id" uuid null, "actor_label" text not null, "action" text not null, "target_type" text not null, "target_id" uuid null, "target_label" text not null, "changes" jsonb not null default '{}', "request_id" text null, "created_at" timestamptz not null default now());`);
    this.addSql(`create index "activity_event_group_id_index" on "activity_event" ("group_id", "id");`);
    this.addSql(`create index "activity_event_organization_id_index" on "activity_event" ("organization_id", "id");`);

    this.addSql(`create table "scim_token" ("id" uuid not null, "organization_id" uuid not null, "group_id" uuid not null, "name" text not null, "public_id" text not null, "secret_hash" text not null, "last_four" text not null, "created_by_id" uuid null, "created_at" timestamptz not null default now(), "expires_at" timestamptz null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, constraint "scim_token_pkey" primary key ("id"));`);
    this.addSql(`alter table "scim_token" add constraint "scim_token_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "scim_token_organization_id_index" on "scim_token" ("organization_id");`);
    this.addSql(`create index "scim_token_group_id_index" on "scim_token" ("group_id");`);

    this.addSql(`create table "session" ("id" uuid not null, "admin_id" uuid not null, "token_hash" text not null, "created_at" timestamptz not null default now(), "expires_at" timestamptz not null, constraint "session_pkey" primary key ("id"));`);
    this.addSql(`alter table "session" add constraint "session_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "session_admin_id_index" on "session" ("admin_id");`);

    this.addSql(`create table "team" ("id" uuid not null, "organization_id" uuid not null, "group_id" uuid not null, "display_name" text not null, "display_name_key" text generated always as (lower(display_name)) stored not null, "external_id" text null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "team_pkey" primary key ("id"));`);
    this.addSql(`create index "team_organization_id_index" on "team" ("organization_id");`);
    this.addSql(`alter table "team" add constraint "team_group_external_id_unique" unique ("group_id", "external_id");`);
    this.addSql(`alter table "team" add constraint "team_group_display_name_unique" unique ("group_id", "display_name_key");`);

    this.addSql(`create table "team_membership" ("team_id" uuid not null, "member_id" uuid not null, "group_id" uuid not null, "created_at" timestamptz not null default now(), constraint "team_membership_pkey" primary key ("team_id", "member_id"));`);
    this.addSql(`create index "team_membership_member_id_index" on "team_membership" ("member_id");`);

    this.addSql(`alter table "group" add constraint "group_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "member" add constraint "member_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "member" add constraint "member_group_id_foreign" foreign key ("group_id") references "group" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "admin" add constraint "admin_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "activity_event" add constraint "activity_event_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "scim_token" add constraint "scim_token_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "scim_token" add constraint "scim_token_group_id_foreign" foreign key ("group_id") references "group" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "scim_token" add constraint "scim_token_created_by_id_foreign" foreign key ("created_by_id") references "admin" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "session" add constraint "session_admin_id_foreign" foreign key ("admin_id") references "admin" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "team" add constraint "team_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "team" add constraint "team_group_id_foreign" foreign key ("group_id") references "group" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "team_membership" add constraint "team_membership_team_id_foreign" foreign key ("team_id") references "team" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "team_membership" add constraint "team_membership_member_id_foreign" foreign key ("member_id") references "member" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "team_membership" add constraint "team_membership_group_id_foreign" foreign key ("group_id") references "group" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "member" drop constraint "member_group_id_foreign";`);

    this.addSql(`alter table "scim_token" drop constraint "scim_token_group_id_foreign";`);

    this.addSql(`alter table "team" drop constraint "team_group_id_foreign";`);

    this.addSql(`alter table "team_membership" drop constraint "team_membership_group_id_foreign";`);

    this.addSql(`alter table "team_membership" drop constraint "team_membership_member_id_foreign";`);

    this.addSql(`alter table "scim_token" drop constraint "scim_token_created_by_id_foreign";`);

    this.addSql(`alter table "session" drop constraint "session_admin_id_foreign";`);

    this.addSql(`alter table "team_membership" drop constraint "team_membership_team_id_foreign";`);

    this.addSql(`drop table if exists "group" cascade;`);

    this.addSql(`drop table if exists "member" cascade;`);

    this.addSql(`drop table if exists "admin" cascade;`);

    this.addSql(`drop table if exists "activity_event" cascade;`);

    this.addSql(`drop table if exists "scim_token" cascade;`);

    this.addSql(`drop table if exists "session" cascade;`);

    this.addSql(`drop table if exists "team" cascade;`);

    this.addSql(`drop table if exists "team_membership" cascade;`);
  }

}
