import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Admin } from '../../src/domain/admins/admin.entity.js';
import { Session } from '../../src/domain/admins/session.entity.js';
import { newSessionToken } from '../../src/domain/admins/session-token.js';
import { Group, GroupKind } from '../../src/domain/groups/group.entity.js';
import { Member } from '../../src/domain/members/member.entity.js';
import { Organization, OrganizationPlan } from '../../src/domain/organizations/organization.entity.js';
import { AdminRole, type AdminActor, type ScimTokenActor } from '../../src/domain/shared/actor.js';
import { ScimToken } from '../../src/domain/scim-tokens/scim-token.entity.js';
import { newScimToken } from '../../src/domain/scim-tokens/scim-token.format.js';

/** Factories: small functions that insert rows directly (no scrypt, no activity) for test set-up. */

export async function makeOrganization(em: EntityManager, overrides: Partial<Pick<Organization, 'name' | 'plan'>> = {}): Promise<Organization> {
  const organization = em.create(Organization, { name: overrides.name ?? `Org ${randomUUID().slice(0, 8)}`, plan: overrides.plan ?? OrganizationPlan.PRO });
  await em.flush();
  return organization;
}

export interface SignedInAdmin {
  readonly actor: AdminActor;
  /** A real session token for API tests (cookie or bearer). */
  readonly token: string;
}

export async function makeAdmin(em: EntityManager, organization: Organization, role: AdminRole = AdminRole.ADMIN): Promise<SignedInAdmin> {
  const email = `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@example.com`;
  const admin = em.create(Admin, { organization, email, passwordHash: 'scrypt$not-a-real-hash', role });
  const { token, hash } = newSessionToken();
  const session = em.create(Session, { admin, tokenHash: hash, expiresAt: new Date(Date.now() + 3_600_000) });
  await em.flush();
  return { token, actor: { kind: 'admin', adminId: admin.id, organizationId: organization.id, role, email, sessionId: session.id, requestId: 'test-request' } };
}

export async function makeGroup(em: EntityManager, organization: Organization, overrides: { name?: string; kind?: GroupKind } = {}): Promise<Group> {
  const group = em.create(Group, { organization, name: overrides.name ?? `Group ${randomUUID().slice(0, 8)}`, kind: overrides.kind ?? GroupKind.STANDARD });
  await em.flush();
  return group;
}

export async function makeMembers(em: EntityManager, group: Group, count: number, prefix = 'user'): Promise<Member[]> {
  const members = Array.from({ length: count }, (_, i) =>
    em.create(Member, {
      organization: group.organization,
      group,
      userName: `${prefix}${String(i).padStart(5, '0')}@example.com`,
      emails: [{ value: `${prefix}${i}@example.com`, type: 'work', primary: true }],
    }),
  );
  await em.flush();
  return members;
}

export async function makeScimToken(em: EntityManager, group: Group, name = 'Okta'): Promise<{ token: string; actor: ScimTokenActor }> {
  const created = newScimToken();
  const row = em.create(ScimToken, {
    organization: group.organization,
    group,
    name,
    publicId: created.publicId,
    secretHash: created.secretHash,
    lastFour: created.lastFour,
  });
  await em.flush();
  return {
    token: created.token,
    actor: { kind: 'scimToken', tokenId: row.id, tokenName: name, organizationId: group.organization.id, groupId: group.id, requestId: 'test-request' },
  };
}
