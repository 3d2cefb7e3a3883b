import { GraphQLJSON } from 'graphql-scalars';
import { Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { connectionOf } from '../common/connection.js';

@ObjectType('MemberName', { description: "The parts of a member's name (SCIM `name`)." })
export class MemberNameObject {
  @Field(() => String, { nullable: true })
  formatted!: string | null;

  @Field(() => String, { nullable: true })
  givenName!: string | null;

  @Field(() => String, { nullable: true })
  familyName!: string | null;

  @Field(() => String, { nullable: true })
  middleName!: string | null;

  @Field(() => String, { nullable: true })
  honorificPrefix!: string | null;

  @Field(() => String, { nullable: true })
  honorificSuffix!: string | null;
}

@ObjectType('MultiValue', { description: 'One email address or phone number, with its type ("work", "home", …).' })
export class MultiValueObject {
  @Field(() => String)
  value!: string;

  @Field(() => String, { nullable: true })
  type?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether this is the preferred one.' })
  primary?: boolean | null;

  @Field(() => String, { nullable: true })
  display?: string | null;
}

@ObjectType('Address', { description: 'A postal address (SCIM `addresses`).' })
export class AddressObject {
  @Field(() => String, { nullable: true })
  formatted?: string | null;

  @Field(() => String, { nullable: true })
  streetAddress?: string | null;

  @Field(() => String, { nullable: true })
  locality?: string | null;

  @Field(() => String, { nullable: true })
  region?: string | null;

  @Field(() => String, { nullable: true })
  postalCode?: string | null;

  @Field(() => String, { nullable: true })
  country?: string | null;

  @Field(() => String, { nullable: true })
  type?: string | null;

  @Field(() => Boolean, { nullable: true })
  primary?: boolean | null;
}

@ObjectType('Manager', { description: "A member's manager (enterprise extension): the manager's member id and name." })
export class ManagerObject {
  @Field(() => String, { nullable: true })
  value?: string | null;

  @Field(() => String, { nullable: true })
  displayName?: string | null;
}

@ObjectType('EnterpriseAttributes', { description: 'The SCIM enterprise user extension (urn:ietf:params:scim:schemas:extension:enterprise:2.0:User).' })
export class EnterpriseObject {
  @Field(() => String, { nullable: true })
  employeeNumber!: string | null;

  @Field(() => String, { nullable: true })
  costCenter!: string | null;

  @Field(() => String, { nullable: true, description: 'The organization name in the identity provider (not the Roster tenant).' })
  organization!: string | null;

  @Field(() => String, { nullable: true })
  division!: string | null;

  @Field(() => String, { nullable: true })
  department!: string | null;

  @Field(() => ManagerObject, { nullable: true })
  manager!: ManagerObject | null;
}

@ObjectType('ScimAttribute', { description: 'A SCIM attribute Roster keeps and echoes back as the identity provider sent it, without modelling it.' })
export class ScimAttributeObject {
  @Field(() => String, {
    description:
      "A schema extension's URN (its attributes in `value`, e.g. `urn:…:extension:acme:2.0:User`) or a core attribute's name (`entitlements`, `roles`, `x509Certificates`, …).",
  })
  name!: string;

  @Field(() => GraphQLJSON, { description: 'As the identity provider sent it: an object for an extension, usually a list for a core attribute.' })
  value!: unknown;
}

@ObjectType('Member', { description: 'A person in a group (the SCIM User). Deactivated members stay listed with `active: false`.' })
export class MemberObject {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Unique in the group, compared case-insensitively; usually the sign-in email.' })
  userName!: string;

  @Field(() => String, { nullable: true, description: "The identity provider's own id for the person." })
  externalId!: string | null;

  @Field(() => String, { nullable: true })
  displayName!: string | null;

  @Field(() => String, { nullable: true })
  nickName!: string | null;

  @Field(() => String, { nullable: true })
  profileUrl!: string | null;

  @Field(() => String, { nullable: true })
  title!: string | null;

  @Field(() => String, { nullable: true })
  userType!: string | null;

  @Field(() => String, { nullable: true })
  preferredLanguage!: string | null;

  @Field(() => String, { nullable: true })
  locale!: string | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone, e.g. "Europe/Paris".' })
  timezone!: string | null;

  @Field(() => Boolean, { description: 'False once deactivated (the member is kept, and can be reactivated).' })
  active!: boolean;

  @Field(() => [MultiValueObject])
  emails!: MultiValueObject[];

  @Field(() => [MultiValueObject])
  phoneNumbers!: MultiValueObject[];

  @Field(() => [AddressObject])
  addresses!: AddressObject[];

  @Field(() => Int, { description: 'Changes on every update (the SCIM ETag).' })
  version!: number;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

export const MemberConnection = connectionOf(MemberObject, 'Member', 'member');
