import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/domain/admins/session.entity.js';
import { AdminRole } from '../../src/domain/shared/actor.js';
import { OrganizationPlan } from '../../src/domain/organizations/organization.entity.js';
import { createTestOrm } from '../support/database.js';
import { eventsOf, servicesFor } from '../support/services.js';

let orm: MikroORM;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ orm, close } = await createTestOrm());
});
afterAll(() => close());

describe('sign-in, sessions and operator commands', () => {
  it('signs in with the right password (email case-insensitive) and opens a session usable as an actor', async () => {
    const organization = await servicesFor(orm).organizations.createOrganization('Acme', OrganizationPlan.PRO);
    await servicesFor(orm).organizations.createAdmin(organization.id, 'Owner@Acme.example', 'correct horse battery', AdminRole.OWNER);
    const signedIn = await servicesFor(orm).auth.signIn('owner@acme.EXAMPLE', 'correct horse battery');
    expect(signedIn.token).toMatch(/^roster_session_/);
    const actor = await servicesFor(orm).auth.authenticate(signedIn.token, 'req-1');
    expect(actor).toMatchObject({ kind: 'admin', email: 'Owner@Acme.example', role: AdminRole.OWNER, organizationId: organization.id, requestId: 'req-1' });
    const [row] = await orm.em.fork().getConnection().execute<{ token_hash: string }[]>('select token_hash from session');
    expect(row?.token_hash).not.toContain(signedIn.token.slice(15));

    await servicesFor(orm).auth.signOut(actor!);
    expect(await servicesFor(orm).auth.authenticate(signedIn.token, null)).toBeNull();
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    await servicesFor(orm).organizations.createAdmin(
      (await servicesFor(orm).organizations.createOrganization('B', OrganizationPlan.FREE)).id,
      'b@b.example',
      'right password 123',
      AdminRole.ADMIN,
    );
    const wrong = await servicesFor(orm)
      .auth.signIn('b@b.example', 'wrong password')
      .catch((e: unknown) => e);
    const unknown = await servicesFor(orm)
      .auth.signIn('nobody@b.example', 'whatever')
      .catch((e: unknown) => e);
    expect(wrong).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS', message: 'The email or password is wrong.' });
    expect(unknown).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS', message: 'The email or password is wrong.' });
  });

  it('refuses expired and malformed session tokens', async () => {
    const organization = await servicesFor(orm).organizations.createOrganization('C', OrganizationPlan.FREE);
    await servicesFor(orm).organizations.createAdmin(organization.id, 'c@c.example', 'right password 123', AdminRole.ADMIN);
    const { token } = await servicesFor(orm).auth.signIn('c@c.example', 'right password 123');
    await orm.em.fork().nativeUpdate(Session, {}, { expiresAt: new Date(Date.now() - 1000) });
    expect(await servicesFor(orm).auth.authenticate(token, null)).toBeNull();
    expect(await servicesFor(orm).auth.authenticate('roster_session_short', null)).toBeNull();
  });

  it("resets a password, ending the admin's sessions", async () => {
    const organization = await servicesFor(orm).organizations.createOrganization('D', OrganizationPlan.FREE);
    await servicesFor(orm).organizations.createAdmin(organization.id, 'd@d.example', 'old password 1234', AdminRole.ADMIN);
    const { token } = await servicesFor(orm).auth.signIn('d@d.example', 'old password 1234');
    expect(await servicesFor(orm).organizations.resetPassword('D@d.example', 'new password 1234')).toBe(true);
    expect(await servicesFor(orm).auth.authenticate(token, null)).toBeNull();
    await expect(servicesFor(orm).auth.signIn('d@d.example', 'new password 1234')).resolves.toBeDefined();
    expect(await servicesFor(orm).organizations.resetPassword('nobody@d.example', 'new password 1234')).toBe(false);
    expect((await eventsOf(orm, organization.id)).map((e) => [e.action, e.actorType])).toEqual([
      ['admin.created', 'SYSTEM'],
      ['admin.password_reset', 'SYSTEM'],
    ]);
  });

  it('refuses duplicate admin emails, bad emails and short passwords', async () => {
    const organization = await servicesFor(orm).organizations.createOrganization('E', OrganizationPlan.FREE);
    await servicesFor(orm).organizations.createAdmin(organization.id, 'e@e.example', 'long enough pw', AdminRole.ADMIN);
    await expect(servicesFor(orm).organizations.createAdmin(organization.id, 'E@E.example', 'long enough pw', AdminRole.ADMIN)).rejects.toMatchObject({
      field: 'email',
    });
    await expect(servicesFor(orm).organizations.createAdmin(organization.id, 'not-an-email', 'long enough pw', AdminRole.ADMIN)).rejects.toMatchObject({
      field: 'email',
    });
    await expect(servicesFor(orm).organizations.createAdmin(organization.id, 'f@e.example', 'short', AdminRole.ADMIN)).rejects.toMatchObject({
      field: 'password',
    });
  });
});
