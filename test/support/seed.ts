import type { MikroORM } from '@mikro-orm/postgresql';
import { GroupKind } from '../../src/domain/groups/group.entity.js';
import type { Group } from '../../src/domain/groups/group.entity.js';
import { OrganizationPlan, type Organization } from '../../src/domain/organizations/organization.entity.js';
import { AdminRole } from '../../src/domain/shared/actor.js';
import { makeAdmin, makeGroup, makeOrganization, makeScimToken, type SignedInAdmin } from '../factories/domain.js';

/** One organization seen from every point of view the API distinguishes. */
export interface Tenant {
  readonly organization: Organization;
  readonly owner: SignedInAdmin;
  readonly admin: SignedInAdmin;
  readonly viewer: SignedInAdmin;
  readonly standardGroup: Group;
  readonly scimGroup: Group;
  /** A SCIM token of `scimGroup` (must not work on GraphQL). */
  readonly scimToken: string;
}

export async function seedTenant(orm: MikroORM, plan: OrganizationPlan = OrganizationPlan.PRO): Promise<Tenant> {
  const em = orm.em.fork();
  const organization = await makeOrganization(em, { plan });
  const [owner, admin, viewer] = [
    await makeAdmin(em, organization, AdminRole.OWNER),
    await makeAdmin(em, organization, AdminRole.ADMIN),
    await makeAdmin(em, organization, AdminRole.VIEWER),
  ];
  const standardGroup = await makeGroup(em, organization, { name: 'Staff' });
  const scimGroup = await makeGroup(em, organization, { name: 'Okta', kind: GroupKind.SCIM });
  const { token: scimToken } = await makeScimToken(em, scimGroup);
  return { organization, owner, admin, viewer, standardGroup, scimGroup, scimToken };
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
