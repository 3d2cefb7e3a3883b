import type { MemberRecord, TeamRef } from '../../domain/members/member.record.js';
import type { Address, Manager, MemberAttributes, MultiValue } from '../../domain/members/member.values.js';
import { ScimError } from '../scim-error.js';
import { enterpriseSchemaId, userSchemaId } from '../schemas.js';
import { etagOf } from '../etag.js';

/** A SCIM resource as JSON. */
export type ScimResource = Record<string, unknown>;

/** Core attributes that have no column of their own; kept and echoed as received. */
const otherCoreAttributes = ['roles', 'entitlements', 'ims', 'photos', 'x509Certificates'];
/** Each of them by its lower-cased name, as a body may spell it in any case. */
const otherCoreAttributeOf = new Map(otherCoreAttributes.map((name) => [name.toLowerCase(), name]));
const enterpriseSchemaKey = enterpriseSchemaId.toLowerCase();
const userSchemaKey = userSchemaId.toLowerCase();

/** `value` without its null and undefined keys. */
function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  const kept: Partial<T> = {};
  for (const key in value) if (value[key] !== null && value[key] !== undefined) kept[key] = value[key];
  return kept;
}

/** Sets `key` on `target` unless the value is null (unassigned attributes are omitted, RFC 7643 §2.5). */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== null && value !== undefined) target[key] = value;
}

export interface UserLinks {
  /** The User's own URL (`meta.location`). */
  readonly location: string;
  /** The base URL of Groups, for the `groups[].$ref` links. */
  readonly groupsUrl: string;
  /** The member's teams, when they are to be rendered (else `groups` is left out). */
  readonly teams?: readonly TeamRef[] | undefined;
}

/**
 * Renders a member as a SCIM User (RFC 7643 §4.1), omitting unassigned attributes. Written as
 * plain assignments: a page of users renders a hundred of these per request.
 */
export function toScimUser(member: MemberRecord, links: UserLinks): ScimResource {
  const enterprise: Record<string, unknown> = {};
  put(enterprise, 'employeeNumber', member.employeeNumber);
  put(enterprise, 'costCenter', member.costCenter);
  put(enterprise, 'organization', member.enterpriseOrganization);
  put(enterprise, 'division', member.division);
  put(enterprise, 'department', member.department);
  if (member.manager) enterprise.manager = compact({ ...member.manager });
  const hasEnterprise = Object.keys(enterprise).length > 0;
  const extensionIds = Object.keys(member.extensions);
  const user: ScimResource = {
    schemas: hasEnterprise || extensionIds.length > 0 ? [userSchemaId, ...(hasEnterprise ? [enterpriseSchemaId] : []), ...extensionIds] : [userSchemaId],
    id: member.id,
  };
  put(user, 'externalId', member.externalId);
  user.userName = member.userName;
  const name: Record<string, unknown> = {};
  put(name, 'formatted', member.formattedName);
  put(name, 'familyName', member.familyName);
  put(name, 'givenName', member.givenName);
  put(name, 'middleName', member.middleName);
  put(name, 'honorificPrefix', member.honorificPrefix);
  put(name, 'honorificSuffix', member.honorificSuffix);
  if (Object.keys(name).length > 0) user.name = name;
  put(user, 'displayName', member.displayName);
  put(user, 'nickName', member.nickName);
  put(user, 'profileUrl', member.profileUrl);
  put(user, 'title', member.title);
  put(user, 'userType', member.userType);
  put(user, 'preferredLanguage', member.preferredLanguage);
  put(user, 'locale', member.locale);
  put(user, 'timezone', member.timezone);
  user.active = member.active;
  if (member.emails.length > 0) user.emails = member.emails;
  if (member.phoneNumbers.length > 0) user.phoneNumbers = member.phoneNumbers;
  if (member.addresses.length > 0) user.addresses = member.addresses;
  for (const key in member.otherAttributes) user[key] = member.otherAttributes[key];
  if (links.teams) user.groups = links.teams.map((team) => ({ value: team.id, display: team.displayName, $ref: `${links.groupsUrl}/${team.id}` }));
  if (hasEnterprise) user[enterpriseSchemaId] = enterprise;
  for (const key of extensionIds) user[key] = member.extensions[key];
  user.meta = {
    resourceType: 'User',
    created: member.createdAt.toISOString(),
    lastModified: member.updatedAt.toISOString(),
    location: links.location,
    version: etagOf(member.version),
  };
  return user;
}

/** Looks a key up case-insensitively (SCIM attribute names are case-insensitive, RFC 7643 §2.1). */
export function pick(source: Record<string, unknown>, name: string): unknown {
  // Clients nearly always send the names as the schema spells them.
  if (Object.hasOwn(source, name)) return source[name];
  const lower = name.toLowerCase();
  // Only a key of the same length can match an ASCII name (every attribute's) in another case, so
  // the others are not lowered: most lookups are of attributes the body does not have.
  const sameLengthOnly = asciiOnly.test(name);
  for (const key in source) if ((!sameLengthOnly || key.length === name.length) && key.toLowerCase() === lower) return source[key];
  return undefined;
}

/** Printable ASCII; a name with anything else is compared with every key. */
const asciiOnly = /^[ -~]*$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(source: Record<string, unknown>, name: string, where = name): string | null {
  const value = pick(source, name);
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new ScimError(400, `"${where}" must be a string.`, 'invalidValue');
}

/** SCIM booleans, also as the strings "True"/"False" that Entra sends (Entra SCIM known issues). */
export function booleanValue(value: unknown, where: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  throw new ScimError(400, `"${where}" must be true or false.`, 'invalidValue');
}

function multiValues(source: Record<string, unknown>, name: string): MultiValue[] {
  const value = pick(source, name);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ScimError(400, `"${name}" must be an array.`, 'invalidValue');
  return value.map((entry, i) => {
    if (!isObject(entry)) throw new ScimError(400, `"${name}[${i}]" must be an object.`, 'invalidValue');
    const primary = booleanValue(pick(entry, 'primary'), `${name}[${i}].primary`);
    return compact({
      value: text(entry, 'value', `${name}[${i}].value`) ?? '',
      type: text(entry, 'type'),
      primary,
      display: text(entry, 'display'),
    }) as MultiValue;
  });
}

function addresses(source: Record<string, unknown>): Address[] {
  const value = pick(source, 'addresses');
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ScimError(400, '"addresses" must be an array.', 'invalidValue');
  return value.map((entry, i) => {
    if (!isObject(entry)) throw new ScimError(400, `"addresses[${i}]" must be an object.`, 'invalidValue');
    const out: Address = {};
    for (const key of ['formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country', 'type'] as const) {
      const part = text(entry, key, `addresses[${i}].${key}`);
      if (part !== null) out[key] = part;
    }
    const primary = booleanValue(pick(entry, 'primary'), `addresses[${i}].primary`);
    if (primary !== undefined) out.primary = primary;
    return out;
  });
}

/** The enterprise manager: `{value, displayName}`, or a bare id string as Entra sends it (ssoready#233). */
function manager(enterprise: Record<string, unknown>): Manager | null {
  const value = pick(enterprise, 'manager');
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string') return { value };
  if (!isObject(value)) throw new ScimError(400, '"manager" must be an object or an id.', 'invalidValue');
  return compact({ value: text(value, 'value', 'manager.value'), displayName: text(value, 'displayName', 'manager.displayName') });
}

/**
 * A SCIM User body → the member's full attribute set (PUT and POST replace everything; PATCH
 * renders, edits and comes back through here). Read-only attributes (`id`, `meta`, `groups`) are
 * ignored (RFC 7644 §3.5.1), `password` is accepted and dropped, other extension schemas are kept.
 * @throws ScimError 400 invalidValue naming the attribute
 */
export function fromScimUser(body: Record<string, unknown>): MemberAttributes {
  const userName = pick(body, 'userName');
  if (typeof userName !== 'string' || userName.trim() === '') throw new ScimError(400, '"userName" is required, as a non-empty string.', 'invalidValue');
  const nameValue = pick(body, 'name');
  if (nameValue !== undefined && nameValue !== null && !isObject(nameValue)) throw new ScimError(400, '"name" must be an object.', 'invalidValue');
  const name = nameValue ?? {};
  const enterpriseValue = pick(body, enterpriseSchemaId);
  if (enterpriseValue !== undefined && enterpriseValue !== null && !isObject(enterpriseValue))
    throw new ScimError(400, `"${enterpriseSchemaId}" must be an object.`, 'invalidValue');
  const enterprise = enterpriseValue ?? {};
  const extensions: Record<string, unknown> = {};
  const otherAttributes: Record<string, unknown> = {};
  for (const key in body) {
    const value = body[key];
    const lower = key.toLowerCase();
    if (lower.startsWith('urn:') && lower !== enterpriseSchemaKey && lower !== userSchemaKey) extensions[key] = value;
    const other = otherCoreAttributeOf.get(lower);
    if (other && value !== null) otherAttributes[other] = value;
  }
  const active = booleanValue(pick(body, 'active'), 'active');
  return {
    userName,
    externalId: text(body, 'externalId'),
    givenName: text(name, 'givenName', 'name.givenName'),
    familyName: text(name, 'familyName', 'name.familyName'),
    middleName: text(name, 'middleName', 'name.middleName'),
    honorificPrefix: text(name, 'honorificPrefix', 'name.honorificPrefix'),
    honorificSuffix: text(name, 'honorificSuffix', 'name.honorificSuffix'),
    formattedName: text(name, 'formatted', 'name.formatted'),
    displayName: text(body, 'displayName'),
    nickName: text(body, 'nickName'),
    profileUrl: text(body, 'profileUrl'),
    title: text(body, 'title'),
    userType: text(body, 'userType'),
    preferredLanguage: text(body, 'preferredLanguage'),
    locale: text(body, 'locale'),
    timezone: text(body, 'timezone'),
    ...(active !== undefined ? { active } : {}),
    emails: multiValues(body, 'emails'),
    phoneNumbers: multiValues(body, 'phoneNumbers'),
    addresses: addresses(body),
    employeeNumber: text(enterprise, 'employeeNumber'),
    costCenter: text(enterprise, 'costCenter'),
    organization: text(enterprise, 'organization'),
    division: text(enterprise, 'division'),
    department: text(enterprise, 'department'),
    manager: manager(enterprise),
    extensions,
    otherAttributes,
  };
}
