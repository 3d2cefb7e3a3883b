import { timestamp } from '../shared/rows.js';
import type { Address, Manager, MultiValue } from './member.values.js';

/** A team a member is in, as member reads return it (SCIM `groups`). */
export interface TeamRef {
  readonly id: string;
  readonly displayName: string;
}

/**
 * Everything a caller may set on a member, under the member's property names (the entity's):
 * what the services read, change, compare for the activity log and write back in one statement.
 */
export interface MemberState {
  userName: string;
  externalId: string | null;
  givenName: string | null;
  familyName: string | null;
  middleName: string | null;
  honorificPrefix: string | null;
  honorificSuffix: string | null;
  formattedName: string | null;
  displayName: string | null;
  nickName: string | null;
  profileUrl: string | null;
  title: string | null;
  userType: string | null;
  preferredLanguage: string | null;
  locale: string | null;
  timezone: string | null;
  active: boolean;
  emails: MultiValue[];
  phoneNumbers: MultiValue[];
  addresses: Address[];
  employeeNumber: string | null;
  costCenter: string | null;
  /** The enterprise extension's `organization` (a name, not our tenant). */
  enterpriseOrganization: string | null;
  division: string | null;
  department: string | null;
  manager: Manager | null;
  extensions: Record<string, unknown>;
  otherAttributes: Record<string, unknown>;
}

/**
 * A member as reads return it: a plain object straight from its row, never a managed entity
 * (rows that go to JSON need no identity map). `teams` is there when the read asked for it.
 */
export interface MemberRecord extends MemberState {
  readonly id: string;
  readonly organizationId: string;
  readonly groupId: string;
  /** lower(userName): the GraphQL sort key. */
  readonly userNameKey: string;
  /** Bumped on every change: the SCIM ETag. */
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly teams?: readonly TeamRef[];
}

/**
 * The state columns in statement order, with the property each holds. Insert and update
 * statements take them as parameters in this order; JSONB ones are passed as JSON text.
 */
export const memberStateColumns = [
  ['userName', 'user_name'],
  ['externalId', 'external_id'],
  ['givenName', 'given_name'],
  ['familyName', 'family_name'],
  ['middleName', 'middle_name'],
  ['honorificPrefix', 'honorific_prefix'],
  ['honorificSuffix', 'honorific_suffix'],
  ['formattedName', 'formatted_name'],
  ['displayName', 'display_name'],
  ['nickName', 'nick_name'],
  ['profileUrl', 'profile_url'],
  ['title', 'title'],
  ['userType', 'user_type'],
  ['preferredLanguage', 'preferred_language'],
  ['locale', 'locale'],
  ['timezone', 'timezone'],
  ['active', 'active'],
  ['emails', 'emails'],
  ['phoneNumbers', 'phone_numbers'],
  ['addresses', 'addresses'],
  ['employeeNumber', 'employee_number'],
  ['costCenter', 'cost_center'],
  ['enterpriseOrganization', 'enterprise_organization'],
  ['division', 'division'],
  ['department', 'department'],
  ['manager', 'manager'],
  ['extensions', 'extensions'],
  ['otherAttributes', 'other_attributes'],
] as const satisfies readonly (readonly [keyof MemberState, string])[];

const jsonColumns = new Set<string>(['emails', 'phone_numbers', 'addresses', 'manager', 'extensions', 'other_attributes']);

/** The SQL type of a state column, for casting parameters. */
export function stateColumnType(column: string): 'text' | 'boolean' | 'jsonb' {
  return jsonColumns.has(column) ? 'jsonb' : column === 'active' ? 'boolean' : 'text';
}

/** The name a state property has in the activity log (memberSnapshot): the domain's, `organization` for the enterprise one. */
export function snapshotKeyOf(property: keyof MemberState): string {
  return property === 'enterpriseOrganization' ? 'organization' : property;
}

/**
 * A member as the activity log keeps it after a change (the change feed's `resource`), built by
 * PostgreSQL: id, group and version, then every attribute under the names `changes` uses. Each
 * value is read from the row aliased `from`, or from wherever `from` says for that column (a
 * statement that writes the new values as parameters reads them from there).
 */
export function memberResourceOf(from: string | ((column: string) => string)): string {
  const valueOf = typeof from === 'string' ? (column: string) => `${from}.${column}` : from;
  const pairs = [
    ['id', 'id'],
    ['groupId', 'group_id'],
    ['version', 'version'],
    ...memberStateColumns.map(([property, column]) => [snapshotKeyOf(property), column] as const),
    ['updatedAt', 'updated_at'],
  ];
  return `jsonb_build_object(${pairs.map(([key, column]) => `'${key}', ${valueOf(column)}`).join(', ')})`;
}

/** `col = $n::jsonb`-ready placeholders for the state columns, numbered from `first`. */
export function statePlaceholders(first: number): string[] {
  return memberStateColumns.map(([, column], i) => `$${first + i}${jsonColumns.has(column) ? '::jsonb' : ''}`);
}

/** The state as statement parameters, in `memberStateColumns` order. */
export function stateParams(state: MemberState): unknown[] {
  return memberStateColumns.map(([property, column]) => {
    const value = state[property];
    return jsonColumns.has(column) && value !== null ? JSON.stringify(value) : value;
  });
}

type Row = Record<string, unknown>;

const text = (value: unknown) => (value === null || value === undefined ? null : (value as string));

type Convert = (value: unknown) => unknown;
const asIs: Convert = (value) => value;
/** The columns of a member row in statement order, with the record property each fills and how it is read: the keys, then the rest. */
const keyColumns = [
  ['id', 'id', asIs],
  ['organizationId', 'organization_id', asIs],
  ['groupId', 'group_id', asIs],
  ['userNameKey', 'user_name_key', asIs],
] as const;
const otherColumns: readonly (readonly [MemberProperty, string, Convert])[] = [
  ...memberStateColumns.map(([property, column]) => [property, column, jsonColumns.has(column) || column === 'active' ? asIs : text] as const),
  ['version', 'version', asIs],
  ['createdAt', 'created_at', timestamp],
  ['updatedAt', 'updated_at', timestamp],
];

const allColumns = [...keyColumns, ...otherColumns].map(([, column]) => column);

/** Every column a member read selects, from the row aliased `alias`: listed, so a later column never changes a prepared statement's result. */
export function memberColumnsOf(alias: string): string {
  return allColumns.map((column) => `${alias}.${column}`).join(', ');
}

export const memberColumns = memberColumnsOf('m');

/** The teams of the member aliased `alias` as a JSON array, by name (a correlated subquery on the member_id index). */
export function memberTeamsOf(alias: string): string {
  return `(select coalesce(json_agg(json_build_object('id', t.id, 'displayName', t.display_name) order by t.display_name_key), '[]'::json)
  from team_membership tm join team t on t.id = tm.team_id where tm.member_id = ${alias}.id) as teams`;
}

export const memberTeamsColumn = memberTeamsOf('m');

/** A member row (selected with `memberColumns`, optionally `teams`) as a record. */
export function memberFromRow(row: Row): MemberRecord {
  const record: MemberRecord = {
    id: row.id as string,
    organizationId: row.organization_id as string,
    groupId: row.group_id as string,
    userNameKey: row.user_name_key as string,
    userName: row.user_name as string,
    externalId: text(row.external_id),
    givenName: text(row.given_name),
    familyName: text(row.family_name),
    middleName: text(row.middle_name),
    honorificPrefix: text(row.honorific_prefix),
    honorificSuffix: text(row.honorific_suffix),
    formattedName: text(row.formatted_name),
    displayName: text(row.display_name),
    nickName: text(row.nick_name),
    profileUrl: text(row.profile_url),
    title: text(row.title),
    userType: text(row.user_type),
    preferredLanguage: text(row.preferred_language),
    locale: text(row.locale),
    timezone: text(row.timezone),
    active: row.active as boolean,
    emails: row.emails as MultiValue[],
    phoneNumbers: row.phone_numbers as MultiValue[],
    addresses: row.addresses as Address[],
    employeeNumber: text(row.employee_number),
    costCenter: text(row.cost_center),
    enterpriseOrganization: text(row.enterprise_organization),
    division: text(row.division),
    department: text(row.department),
    manager: row.manager ?? null,
    extensions: row.extensions as Record<string, unknown>,
    otherAttributes: row.other_attributes as Record<string, unknown>,
    version: row.version as number,
    createdAt: timestamp(row.created_at),
    updatedAt: timestamp(row.updated_at),
  };
  if (row.teams !== undefined) (record as { teams?: readonly TeamRef[] }).teams = row.teams as TeamRef[];
  return record;
}

/**
 * The answer of a set statement (setInGroup) as the member is afterwards: the row as it was, and
 * when it changed (`set_version` not null), the properties in `set` as `next` holds them — the
 * values the statement wrote — with the new version, updatedAt and lower(userName) PostgreSQL
 * gave it.
 */
export function memberAfterSet(row: Row, next: MemberState, set: ReadonlySet<string>): MemberRecord {
  const before = memberFromRow(row);
  if (row.set_version === null || row.set_version === undefined) return before;
  const written = Object.fromEntries(
    memberStateColumns.filter(([property]) => set.has(property)).map(([property]) => [property, next[property]]),
  ) as Partial<MemberState>;
  return {
    ...before,
    ...written,
    version: row.set_version as number,
    updatedAt: timestamp(row.set_updated_at),
    userNameKey: row.set_user_name_key as string,
  };
}

/** A property of a member record that a read can be narrowed to (see memberReaderFor). */
export type MemberProperty = Exclude<keyof MemberRecord, 'teams'>;

/** What every narrowed read holds: the keys pages, scoping and cursors use. */
export type MemberView = Pick<MemberRecord, 'id' | 'organizationId' | 'groupId' | 'userNameKey'> & Partial<MemberRecord>;

export interface MemberReader {
  /** The columns to select from the row aliased `alias`: the keys, then the properties asked for. */
  readonly columns: (alias: string) => string;
  readonly read: (row: Row) => MemberView;
}

/**
 * A read of only some of a member's properties, for a caller that knows what it will use (a
 * GraphQL selection): a page of 200 members selecting userName and emails costs a third of the
 * client CPU of one selecting every column (pg parses each column of each row). The keys are
 * always read; the properties not asked for are absent from the records.
 */
export function memberReaderFor(properties: Iterable<MemberProperty>): MemberReader {
  const wanted = new Set(properties);
  const chosen = [...keyColumns, ...otherColumns.filter(([property]) => wanted.has(property))];
  return {
    columns: (alias) => chosen.map(([, column]) => `${alias}.${column}`).join(', '),
    read: (row) => {
      const record: Record<string, unknown> = {};
      for (const [property, column, convert] of chosen) record[property] = convert(row[column]);
      return record as MemberView;
    },
  };
}

/** A new member's state before its attributes are applied: everything empty, active. */
export function blankMemberState(userName: string): MemberState {
  return {
    userName,
    externalId: null,
    givenName: null,
    familyName: null,
    middleName: null,
    honorificPrefix: null,
    honorificSuffix: null,
    formattedName: null,
    displayName: null,
    nickName: null,
    profileUrl: null,
    title: null,
    userType: null,
    preferredLanguage: null,
    locale: null,
    timezone: null,
    active: true,
    emails: [],
    phoneNumbers: [],
    addresses: [],
    employeeNumber: null,
    costCenter: null,
    enterpriseOrganization: null,
    division: null,
    department: null,
    manager: null,
    extensions: {},
    otherAttributes: {},
  };
}

/** The state part of a record (what the activity log compares). */
export function stateOf(member: MemberState): MemberState {
  const state = {} as Record<string, unknown>;
  for (const [property] of memberStateColumns) state[property] = member[property];
  return state as unknown as MemberState;
}
