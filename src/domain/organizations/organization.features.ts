import { OrganizationPlan } from './organization.entity.js';

/** What an organization's plan includes; the portal offers only these, the services enforce them. */
export interface OrganizationFeatures {
  /** SCIM groups (identity provider sync) need the PRO plan. */
  readonly scim: boolean;
}

export function featuresOf(plan: OrganizationPlan): OrganizationFeatures {
  return { scim: plan === OrganizationPlan.PRO };
}
