import { jsonBoolean, jsonText, type FieldCatalogue, type MultiField, type ScalarField } from '../shared/condition.js';

const text = (column: string, caseExact = false): ScalarField => ({ kind: 'scalar', sql: (a) => `${a}.${column}`, type: 'text', caseExact });
const elementText = (key: string): ScalarField => ({ kind: 'scalar', sql: jsonText(key), type: 'text' });

const multiValue = (column: string): MultiField => ({
  kind: 'multi',
  from: (row, element) => `jsonb_array_elements(${row}.${column}) as ${element}`,
  fields: {
    value: elementText('value'),
    type: elementText('type'),
    display: elementText('display'),
    primary: { kind: 'scalar', sql: jsonBoolean('primary'), type: 'boolean' },
  },
  defaultField: 'value',
});

/**
 * Every member field a query may test, by its domain name, and how it is stored. userName is
 * compared through its lower-cased, indexed copy (userName is not case-exact, RFC 7643 §4.1.1);
 * externalId and id are case-exact.
 */
export const memberFields: FieldCatalogue = {
  id: { kind: 'scalar', sql: (a) => `${a}.id`, type: 'uuid', caseExact: true },
  userName: { kind: 'scalar', sql: (a) => `${a}.user_name_key`, type: 'text', lowered: true },
  externalId: text('external_id', true),
  givenName: text('given_name'),
  familyName: text('family_name'),
  middleName: text('middle_name'),
  honorificPrefix: text('honorific_prefix'),
  honorificSuffix: text('honorific_suffix'),
  formattedName: text('formatted_name'),
  displayName: text('display_name'),
  nickName: text('nick_name'),
  profileUrl: text('profile_url', true),
  title: text('title'),
  userType: text('user_type'),
  preferredLanguage: text('preferred_language'),
  locale: text('locale'),
  timezone: text('timezone'),
  active: { kind: 'scalar', sql: (a) => `${a}.active`, type: 'boolean' },
  employeeNumber: text('employee_number', true),
  costCenter: text('cost_center'),
  organization: text('enterprise_organization'),
  division: text('division'),
  department: text('department'),
  managerId: { kind: 'scalar', sql: (a) => `(${a}.manager->>'value')`, type: 'text', caseExact: true },
  managerDisplayName: { kind: 'scalar', sql: (a) => `(${a}.manager->>'displayName')`, type: 'text' },
  createdAt: { kind: 'scalar', sql: (a) => `${a}.created_at`, type: 'datetime' },
  updatedAt: { kind: 'scalar', sql: (a) => `${a}.updated_at`, type: 'datetime' },
  emails: multiValue('emails'),
  phoneNumbers: multiValue('phone_numbers'),
  addresses: {
    kind: 'multi',
    from: (row, element) => `jsonb_array_elements(${row}.addresses) as ${element}`,
    fields: {
      formatted: elementText('formatted'),
      streetAddress: elementText('streetAddress'),
      locality: elementText('locality'),
      region: elementText('region'),
      postalCode: elementText('postalCode'),
      country: elementText('country'),
      type: elementText('type'),
      primary: { kind: 'scalar', sql: jsonBoolean('primary'), type: 'boolean' },
    },
    defaultField: 'formatted',
  },
};

/** Fields a list may be sorted by, and their SQL; everything sorts with `id` as the tie-breaker. */
export const memberSortFields: Readonly<Record<string, (alias: string) => string>> = {
  userName: (a) => `${a}.user_name_key`,
  externalId: (a) => `${a}.external_id`,
  displayName: (a) => `lower(${a}.display_name)`,
  givenName: (a) => `lower(${a}.given_name)`,
  familyName: (a) => `lower(${a}.family_name)`,
  createdAt: (a) => `${a}.created_at`,
  updatedAt: (a) => `${a}.updated_at`,
};
