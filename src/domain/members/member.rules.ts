import { DomainError } from '../shared/domain-error.js';
import { checkedText, optionalText, requiredText } from '../shared/text.js';
import type { MemberState } from './member.record.js';
import type { Address, Manager, MemberAttributes, MultiValue } from './member.values.js';

/** Documented limits (README, SCIM schema descriptions): longer values are refused, never cut. */
export const memberLimits = {
  userName: 256,
  text: 1024,
  multiValuedEntries: 20,
  extensionsJsonBytes: 16 * 1024,
} as const;

const scalarFields = [
  'externalId',
  'givenName',
  'familyName',
  'middleName',
  'honorificPrefix',
  'honorificSuffix',
  'formattedName',
  'displayName',
  'nickName',
  'profileUrl',
  'title',
  'userType',
  'preferredLanguage',
  'locale',
  'timezone',
  'employeeNumber',
  'costCenter',
  'organization',
  'division',
  'department',
] as const satisfies readonly (keyof MemberAttributes)[];

type ScalarField = (typeof scalarFields)[number];

function multiValues(values: MultiValue[] | undefined, field: string): MultiValue[] | undefined {
  if (values === undefined) return undefined;
  if (values.length > memberLimits.multiValuedEntries) {
    throw new DomainError('VALIDATION_FAILED', `${field} may have at most ${memberLimits.multiValuedEntries} entries (got ${values.length}).`, field);
  }
  return values.map((entry, i) => ({
    value: requiredText(entry.value, `${field}[${i}].value`, memberLimits.text),
    ...(entry.type != null ? { type: checkedText(entry.type, `${field}[${i}].type`, 64) } : {}),
    ...(entry.primary != null ? { primary: entry.primary } : {}),
    ...(entry.display != null ? { display: checkedText(entry.display, `${field}[${i}].display`, memberLimits.text) } : {}),
  }));
}

function addresses(values: Address[] | undefined): Address[] | undefined {
  if (values === undefined) return undefined;
  if (values.length > memberLimits.multiValuedEntries) {
    throw new DomainError('VALIDATION_FAILED', `addresses may have at most ${memberLimits.multiValuedEntries} entries (got ${values.length}).`, 'addresses');
  }
  return values.map((entry, i) => {
    const out: Address = {};
    for (const key of ['formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country', 'type'] as const) {
      const value = optionalText(entry[key], `addresses[${i}].${key}`, memberLimits.text);
      if (value !== null) out[key] = value;
    }
    if (entry.primary != null) out.primary = entry.primary;
    return out;
  });
}

function manager(value: Manager | null | undefined): Manager | null | undefined {
  if (value === undefined || value === null) return value;
  const out: Manager = {};
  const id = optionalText(value.value, 'manager.value', memberLimits.text);
  const name = optionalText(value.displayName, 'manager.displayName', memberLimits.text);
  if (id !== null) out.value = id;
  if (name !== null) out.displayName = name;
  return id === null && name === null ? null : out;
}

function jsonObject(value: Record<string, unknown> | undefined, field: string): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  const json = JSON.stringify(value);
  if (Buffer.byteLength(json) > memberLimits.extensionsJsonBytes) {
    throw new DomainError('VALIDATION_FAILED', `${field} may be at most ${memberLimits.extensionsJsonBytes} bytes of JSON.`, field);
  }
  checkedText(json, field, Number.MAX_SAFE_INTEGER);
  return value;
}

/**
 * Checks and normalises the attributes a caller set (a partial update keeps absent keys absent).
 * Text is trimmed; empty optional text becomes null.
 * @throws DomainError VALIDATION_FAILED naming the field
 */
export function normalizeMemberAttributes(input: Partial<MemberAttributes>): Partial<MemberAttributes> {
  const out: Partial<MemberAttributes> = {};
  if (input.userName !== undefined) out.userName = requiredText(input.userName, 'userName', memberLimits.userName);
  for (const field of scalarFields) {
    if (input[field] !== undefined) out[field] = optionalText(input[field], field, memberLimits.text);
  }
  if (input.active !== undefined) out.active = input.active;
  const emails = multiValues(input.emails, 'emails');
  if (emails) out.emails = emails;
  const phones = multiValues(input.phoneNumbers, 'phoneNumbers');
  if (phones) out.phoneNumbers = phones;
  const addressList = addresses(input.addresses);
  if (addressList) out.addresses = addressList;
  const boss = manager(input.manager);
  if (boss !== undefined) out.manager = boss;
  const extensions = jsonObject(input.extensions, 'extensions');
  if (extensions) out.extensions = extensions;
  const other = jsonObject(input.otherAttributes, 'otherAttributes');
  if (other) out.otherAttributes = other;
  return out;
}

const columnOf: Record<ScalarField, keyof MemberState> = {
  externalId: 'externalId',
  givenName: 'givenName',
  familyName: 'familyName',
  middleName: 'middleName',
  honorificPrefix: 'honorificPrefix',
  honorificSuffix: 'honorificSuffix',
  formattedName: 'formattedName',
  displayName: 'displayName',
  nickName: 'nickName',
  profileUrl: 'profileUrl',
  title: 'title',
  userType: 'userType',
  preferredLanguage: 'preferredLanguage',
  locale: 'locale',
  timezone: 'timezone',
  employeeNumber: 'employeeNumber',
  costCenter: 'costCenter',
  organization: 'enterpriseOrganization',
  division: 'division',
  department: 'department',
};

/** A member's attributes as the domain names them (the activity log diffs these). */
export function memberSnapshot(member: MemberState): MemberAttributes {
  const snapshot: MemberAttributes = {
    userName: member.userName,
    active: member.active,
    emails: member.emails,
    phoneNumbers: member.phoneNumbers,
    addresses: member.addresses,
    manager: member.manager,
    extensions: member.extensions,
    otherAttributes: member.otherAttributes,
  };
  for (const field of scalarFields) snapshot[field] = member[columnOf[field]] as string | null;
  return snapshot;
}

/** Writes normalised attributes onto a member's state (an entity or a record's copy). */
export function applyMemberAttributes(member: MemberState, attributes: Partial<MemberAttributes>): void {
  if (attributes.userName !== undefined) member.userName = attributes.userName;
  for (const field of scalarFields) {
    const value = attributes[field];
    if (value !== undefined) (member as unknown as Record<string, unknown>)[columnOf[field]] = value;
  }
  if (attributes.active !== undefined) member.active = attributes.active;
  if (attributes.emails !== undefined) member.emails = attributes.emails;
  if (attributes.phoneNumbers !== undefined) member.phoneNumbers = attributes.phoneNumbers;
  if (attributes.addresses !== undefined) member.addresses = attributes.addresses;
  if (attributes.manager !== undefined) member.manager = attributes.manager;
  if (attributes.extensions !== undefined) member.extensions = attributes.extensions;
  if (attributes.otherAttributes !== undefined) member.otherAttributes = attributes.otherAttributes;
}
