import type { EntityManager } from '@mikro-orm/postgresql';
import { recordActivity } from '../activity/activity.service.js';
import { Admin } from '../admins/admin.entity.js';
import { generatePassword, hashPassword } from '../admins/password.js';
import { AdminRole, type Actor, type SystemActor } from '../shared/actor.js';
import { requireAdmin } from '../shared/authorize.js';
import { violatedUniqueConstraint } from '../shared/constraints.js';
import { DomainError } from '../shared/domain-error.js';
import { isUuid } from '../shared/ids.js';
import { requiredText } from '../shared/text.js';
import { Organization, OrganizationPlan } from './organization.entity.js';

const system: SystemActor = { kind: 'system', requestId: null };
const emailFormat = /^[^\s@]+@[^\s@]+$/;

/** An organization as the operator's list shows it. */
export interface OrganizationListing {
  readonly id: string;
  readonly name: string;
  readonly plan: OrganizationPlan;
  readonly createdAt: Date;
  readonly adminCount: number;
}

/** An admin as the operator's list shows it: who, with which role, where. No password hash. */
export interface AdminListing {
  readonly id: string;
  readonly email: string;
  readonly role: AdminRole;
  readonly organization: { readonly id: string; readonly name: string };
  readonly createdAt: Date;
}

export interface DemoCredentials {
  readonly organization: Organization;
  readonly email: string;
  readonly password: string;
}

/** The email of the owner the first development start creates. */
const demoAdminEmail = 'admin@demo.roster.local';

/** Organizations and their admins: read by admins, created and listed by operators (CLI, first start). */
export class OrganizationService {
  constructor(private readonly entityManager: () => EntityManager) {}

  /** This request's EntityManager, forked on first use. */
  private get em(): EntityManager {
    return this.entityManager();
  }

  /** The actor's own organization. */
  async current(actor: Actor): Promise<Organization> {
    return this.em.findOneOrFail(Organization, { id: requireAdmin(actor).organizationId });
  }

  /** Operator command: a new tenant. */
  async createOrganization(name: string, plan: OrganizationPlan): Promise<Organization> {
    const organization = this.em.create(Organization, { name: requiredText(name, 'name', 200), plan });
    await this.em.flush();
    return organization;
  }

  /**
   * Operator command: a new admin in an organization.
   * @throws VALIDATION_FAILED for a malformed email, a short password or an email already in use
   */
  async createAdmin(organizationId: string, email: string, password: string, role: AdminRole): Promise<Admin> {
    const address = requiredText(email, 'email', 320);
    if (!emailFormat.test(address)) throw new DomainError('VALIDATION_FAILED', `"${address}" is not an email address.`, 'email');
    if (password.length < 12) throw new DomainError('VALIDATION_FAILED', 'The password must have at least 12 characters.', 'password');
    await this.requireOrganization(organizationId);
    const admin = this.em.create(Admin, { organization: organizationId, email: address, passwordHash: await hashPassword(password), role });
    recordActivity(this.em, system, {
      organizationId,
      groupId: null,
      action: 'admin.created',
      targetType: 'Admin',
      targetId: admin.id,
      targetLabel: address,
      changes: { role: { before: null, after: role } },
      resource: { id: admin.id, email: address, role },
    });
    try {
      await this.em.flush();
    } catch (error) {
      if (violatedUniqueConstraint(error) === 'admin_email_key_unique')
        throw new DomainError('VALIDATION_FAILED', `An admin with the email ${address} exists already.`, 'email');
      throw error;
    }
    return admin;
  }

  /** Operator command: sets a new password and ends the admin's sessions. Returns false if no such admin. */
  async resetPassword(email: string, password: string): Promise<boolean> {
    if (password.length < 12) throw new DomainError('VALIDATION_FAILED', 'The password must have at least 12 characters.', 'password');
    const hash = await hashPassword(password);
    return this.em.transactional(async (em) => {
      const admin = await em.findOne(Admin, { emailKey: email.trim().toLowerCase() });
      if (!admin) return false;
      admin.passwordHash = hash;
      await em.execute('delete from "session" where admin_id = ?', [admin.id]);
      recordActivity(em, system, {
        organizationId: admin.organization.id,
        groupId: null,
        action: 'admin.password_reset',
        targetType: 'Admin',
        targetId: admin.id,
        targetLabel: admin.email,
        resource: { id: admin.id, email: admin.email, role: admin.role },
      });
      return true;
    });
  }

  /** Operator query: every organization, oldest first, with how many admins it has. */
  async listOrganizations(): Promise<OrganizationListing[]> {
    const organizations = await this.em.find(Organization, {}, { orderBy: { createdAt: 'asc', id: 'asc' } });
    const counts = await this.em.execute<{ organization_id: string; admins: number }[]>(
      'select organization_id, count(*)::int as admins from admin group by organization_id',
    );
    const adminsOf = new Map(counts.map((row) => [row.organization_id, row.admins]));
    return organizations.map(({ id, name, plan, createdAt }) => ({ id, name, plan, createdAt, adminCount: adminsOf.get(id) ?? 0 }));
  }

  /**
   * Operator query: the admins of one organization, or of all when `organizationId` is undefined,
   * by organization name and email. Password hashes are neither loaded nor returned.
   * @throws VALIDATION_FAILED when `organizationId` names no organization
   */
  async listAdmins(organizationId?: string): Promise<AdminListing[]> {
    if (organizationId !== undefined) await this.requireOrganization(organizationId);
    const admins = await this.em.find(Admin, organizationId === undefined ? {} : { organization: organizationId }, {
      populate: ['organization'],
      orderBy: [{ organization: { name: 'asc', id: 'asc' } }, { email: 'asc' }],
    });
    return admins.map(({ id, email, role, organization, createdAt }) => ({
      id,
      email,
      role,
      organization: { id: organization.id, name: organization.name },
      createdAt,
    }));
  }

  /** @throws VALIDATION_FAILED when the id is malformed or names no organization */
  private async requireOrganization(organizationId: string): Promise<void> {
    if (!isUuid(organizationId) || !(await this.em.findOne(Organization, { id: organizationId }))) {
      throw new DomainError('VALIDATION_FAILED', `No organization with id "${organizationId}".`, 'organization');
    }
  }

  /**
   * First start on an empty database: a demo PRO organization with an OWNER whose random password
   * is returned once. Instances starting together take turns (advisory lock); only the first
   * creates anything. Returns null when any organization exists.
   */
  async bootstrapDemo(email = demoAdminEmail): Promise<DemoCredentials | null> {
    const password = generatePassword();
    const passwordHash = await hashPassword(password);
    return this.em.transactional(async (em) => {
      await em.execute('select pg_advisory_xact_lock(7405318222)');
      if ((await em.count(Organization, {})) > 0) return null;
      const organization = em.create(Organization, { name: 'Demo organization', plan: OrganizationPlan.PRO });
      const admin = em.create(Admin, { organization, email, passwordHash, role: AdminRole.OWNER });
      recordActivity(em, system, {
        organizationId: organization.id,
        groupId: null,
        action: 'admin.created',
        targetType: 'Admin',
        targetId: admin.id,
        targetLabel: email,
        changes: { role: { before: null, after: AdminRole.OWNER } },
        resource: { id: admin.id, email, role: AdminRole.OWNER },
      });
      return { organization, email, password };
    });
  }

  /** The demo owner's email when the demo organization's owner still exists (for the start banner). */
  async demoAdminEmail(email = demoAdminEmail): Promise<string | null> {
    const admin = await this.em.findOne(Admin, { emailKey: email }, { fields: ['email'] });
    return admin?.email ?? null;
  }
}
