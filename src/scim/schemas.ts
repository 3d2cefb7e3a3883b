/**
 * The SCIM schemas Roster serves (RFC 7643 §4, §8.7.1), as data: /Schemas renders them, and the
 * filter translation resolves attribute names against them (case-insensitively, RFC 7643 §2.1).
 */
export const userSchemaId = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const groupSchemaId = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const enterpriseSchemaId = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const listResponseSchema = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const patchOpSchema = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const searchRequestSchema = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

export type AttributeType = 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'complex';

export interface AttributeDefinition {
  readonly name: string;
  readonly type: AttributeType;
  readonly description: string;
  readonly multiValued?: boolean;
  readonly required?: boolean;
  readonly caseExact?: boolean;
  readonly mutability?: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  readonly returned?: 'always' | 'never' | 'default' | 'request';
  readonly uniqueness?: 'none' | 'server' | 'global';
  readonly referenceTypes?: readonly string[];
  readonly subAttributes?: readonly AttributeDefinition[];
  /** The domain field a filter on this attribute tests (sub-attributes of multi-valued ones: theirs). */
  readonly field?: string;
}

export interface SchemaDefinition {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly attributes: readonly AttributeDefinition[];
}

const str = (name: string, description: string, field: string | undefined, extra: Partial<AttributeDefinition> = {}): AttributeDefinition => ({
  name,
  type: 'string',
  description,
  ...(field ? { field } : {}),
  ...extra,
});

const multiValue = (name: string, description: string, field: string): AttributeDefinition => ({
  name,
  type: 'complex',
  multiValued: true,
  description,
  field,
  subAttributes: [
    str('value', `The ${name} value.`, 'value'),
    str('display', 'A human-readable name.', 'display'),
    str('type', 'A label, e.g. "work" or "home".', 'type'),
    { name: 'primary', type: 'boolean', description: 'Whether this is the preferred one.', field: 'primary' },
  ],
});

export const userSchema: SchemaDefinition = {
  id: userSchemaId,
  name: 'User',
  description: 'A member of a Roster group.',
  attributes: [
    str('id', 'Issued by Roster; stable and case-sensitive.', 'id', { mutability: 'readOnly', returned: 'always', caseExact: true, uniqueness: 'server' }),
    str('externalId', "The identity provider's own id; unique in the group when present.", 'externalId', { caseExact: true }),
    str('userName', 'Unique in the group, compared case-insensitively.', 'userName', { required: true, uniqueness: 'server' }),
    {
      name: 'name',
      type: 'complex',
      description: "The parts of the person's name.",
      subAttributes: [
        str('formatted', 'The full name, formatted for display.', 'formattedName'),
        str('familyName', 'Family name.', 'familyName'),
        str('givenName', 'Given name.', 'givenName'),
        str('middleName', 'Middle name.', 'middleName'),
        str('honorificPrefix', 'e.g. "Ms."', 'honorificPrefix'),
        str('honorificSuffix', 'e.g. "III"', 'honorificSuffix'),
      ],
    },
    str('displayName', 'The name to display.', 'displayName'),
    str('nickName', 'A casual name.', 'nickName'),
    str('profileUrl', 'A profile page.', 'profileUrl', { type: 'reference', referenceTypes: ['external'], caseExact: true }),
    str('title', 'Job title.', 'title'),
    str('userType', 'e.g. "Employee", "Contractor".', 'userType'),
    str('preferredLanguage', 'e.g. "en-US".', 'preferredLanguage'),
    str('locale', 'e.g. "en-US".', 'locale'),
    str('timezone', 'IANA time zone, e.g. "Europe/Paris".', 'timezone'),
    { name: 'active', type: 'boolean', description: 'False once deactivated; the user stays readable.', field: 'active' },
    str('password', 'Accepted and discarded: Roster never stores or returns passwords.', undefined, { mutability: 'writeOnly', returned: 'never' }),
    multiValue('emails', 'Email addresses (at most 20).', 'emails'),
    multiValue('phoneNumbers', 'Phone numbers (at most 20).', 'phoneNumbers'),
    {
      name: 'addresses',
      type: 'complex',
      multiValued: true,
      description: 'Postal addresses (at most 20).',
      field: 'addresses',
      subAttributes: ['formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country', 'type']
        .map((sub) => str(sub, `The address's ${sub}.`, sub))
        .concat([{ name: 'primary', type: 'boolean', description: 'Whether this is the preferred one.', field: 'primary' }]),
    },
    {
      name: 'groups',
      type: 'complex',
      multiValued: true,
      mutability: 'readOnly',
      description: 'The Groups (teams) the user is in; change them through /Groups.',
      subAttributes: [
        str('value', 'The Group id.', undefined, { mutability: 'readOnly' }),
        str('display', 'The Group name.', undefined, { mutability: 'readOnly' }),
      ],
    },
  ],
};

export const enterpriseSchema: SchemaDefinition = {
  id: enterpriseSchemaId,
  name: 'EnterpriseUser',
  description: 'Enterprise User (RFC 7643 §4.3).',
  attributes: [
    str('employeeNumber', 'Employee number.', 'employeeNumber', { caseExact: true }),
    str('costCenter', 'Cost center.', 'costCenter'),
    str('organization', 'Organization name.', 'organization'),
    str('division', 'Division.', 'division'),
    str('department', 'Department.', 'department'),
    {
      name: 'manager',
      type: 'complex',
      description: "The user's manager (Entra may send the id as a plain string).",
      subAttributes: [
        str('value', "The manager's id.", 'managerId', { caseExact: true }),
        str('displayName', "The manager's name.", 'managerDisplayName', { mutability: 'readOnly' }),
      ],
    },
  ],
};

export const groupSchema: SchemaDefinition = {
  id: groupSchemaId,
  name: 'Group',
  description: 'A team inside a Roster group.',
  attributes: [
    str('id', 'Issued by Roster.', 'id', { mutability: 'readOnly', returned: 'always', caseExact: true, uniqueness: 'server' }),
    str('externalId', "The identity provider's own id.", 'externalId', { caseExact: true }),
    str('displayName', 'Unique in the group, compared case-insensitively.', 'displayName', { required: true, uniqueness: 'server' }),
    {
      name: 'members',
      type: 'complex',
      multiValued: true,
      description: 'Users in the Group (members of the same Roster group).',
      field: 'members',
      subAttributes: [
        str('value', 'The User id.', 'value', { mutability: 'immutable', caseExact: true }),
        str('display', 'The userName.', undefined, { mutability: 'readOnly' }),
      ],
    },
  ],
};

export const schemas: readonly SchemaDefinition[] = [userSchema, enterpriseSchema, groupSchema];

/** `meta` attributes every resource has, and the domain fields they filter on. */
export const metaFields: Readonly<Record<string, string>> = { created: 'createdAt', lastmodified: 'updatedAt' };

/** Finds an attribute by name, case-insensitively. */
export function findAttribute(attributes: readonly AttributeDefinition[], name: string): AttributeDefinition | undefined {
  const lower = name.toLowerCase();
  return attributes.find((attribute) => attribute.name.toLowerCase() === lower);
}
