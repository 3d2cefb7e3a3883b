import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { AdminRole } from '../../domain/shared/actor.js';
import { OrganizationPlan } from '../../domain/organizations/organization.entity.js';

registerEnumType(AdminRole, {
  name: 'AdminRole',
  description: 'What an admin may do.',
  valuesConfig: {
    OWNER: { description: 'Everything.' },
    ADMIN: { description: 'Manage groups, members, teams and tokens.' },
    VIEWER: { description: 'Read only.' },
  },
});
registerEnumType(OrganizationPlan, {
  name: 'OrganizationPlan',
  description: 'The subscription plan; it decides the features.',
  valuesConfig: {
    FREE: { description: 'Standard groups only.' },
    PRO: { description: 'Standard groups and SCIM groups kept in sync by an identity provider.' },
  },
});

@ObjectType('Admin', { description: 'A person who manages an organization in the portal.' })
export class AdminObject {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Sign-in email.' })
  email!: string;

  @Field(() => AdminRole)
  role!: AdminRole;
}

@ObjectType('OrganizationFeatures', { description: "What the organization's plan includes; the portal offers only these." })
export class OrganizationFeaturesObject {
  @Field(() => Boolean, { description: 'SCIM groups (identity provider sync): PRO plan only.' })
  scim!: boolean;
}

@ObjectType('Organization', { description: 'The tenant: every group, member and token belongs to exactly one.' })
export class OrganizationObject {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => OrganizationPlan)
  plan!: OrganizationPlan;
}

@ObjectType('Viewer', { description: 'The signed-in admin and their organization.' })
export class ViewerObject {
  @Field(() => AdminObject)
  admin!: AdminObject;

  @Field(() => OrganizationObject)
  organization!: OrganizationObject;
}
