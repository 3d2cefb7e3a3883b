/** A multi-valued SCIM attribute entry (RFC 7643 §2.4): emails and phone numbers. */
export interface MultiValue {
  value: string;
  type?: string | null;
  primary?: boolean | null;
  display?: string | null;
}

/** RFC 7643 §4.1.2 addresses. */
export interface Address {
  formatted?: string | null;
  streetAddress?: string | null;
  locality?: string | null;
  region?: string | null;
  postalCode?: string | null;
  country?: string | null;
  type?: string | null;
  primary?: boolean | null;
}

/** The enterprise extension's manager (RFC 7643 §4.3): the manager's member id and display name. */
export interface Manager {
  value?: string | null;
  displayName?: string | null;
}

/** Every attribute of a member that a caller may set; the services validate them. */
export interface MemberAttributes {
  userName: string;
  externalId?: string | null;
  givenName?: string | null;
  familyName?: string | null;
  middleName?: string | null;
  honorificPrefix?: string | null;
  honorificSuffix?: string | null;
  formattedName?: string | null;
  displayName?: string | null;
  nickName?: string | null;
  profileUrl?: string | null;
  title?: string | null;
  userType?: string | null;
  preferredLanguage?: string | null;
  locale?: string | null;
  timezone?: string | null;
  active?: boolean;
  emails?: MultiValue[];
  phoneNumbers?: MultiValue[];
  addresses?: Address[];
  employeeNumber?: string | null;
  costCenter?: string | null;
  organization?: string | null;
  division?: string | null;
  department?: string | null;
  manager?: Manager | null;
  /** Other extension schemas by URN, kept and echoed back as received. */
  extensions?: Record<string, unknown>;
  /** Core attributes without columns of their own (roles, entitlements, ims, photos, x509Certificates). */
  otherAttributes?: Record<string, unknown>;
}
