import { describe, expect, it } from 'vitest';
import { AdminRole } from '../../../src/domain/shared/actor.js';
import { GroupKind } from '../../../src/domain/groups/group.entity.js';
import { OrganizationPlan } from '../../../src/domain/organizations/organization.entity.js';
import { adminQuery } from '../../support/database-server.js';
import { servicesFor } from '../../support/services.js';
import { browserStorageOf, clipboardOf, eventually, signIn, watchedPage } from './portal-browser.js';
import { runBrowser, usePortal } from './portal-fixture.js';

/**
 * The setup guide's journey clicked in the built portal (dist/portal, built by the test run's global
 * setup), served by the real app on a real PostgreSQL; the test then plays Okta with exactly the
 * URL and token the portal handed out. Then the session running out, and a plan without SCIM.
 */
describe.runIf(runBrowser)('the admin portal: the setup guide’s journey', () => {
  const portal = usePortal();

  it(
    'sign in → Add New SCIM Integration "Staff" → SCIM tab → Copy URL → Generate token → Okta syncs → members, activity, health → revoke → 401',
    { timeout: 120_000 },
    async () => {
      const w = await watchedPage(portal.browser, portal.base, 'journey');
      const { page } = w;

      // Not signed in: the portal sends the admin to sign in, and a wrong password is told inline.
      await page.goto(`${portal.base}/`);
      await eventually(() => new URL(page.url()).pathname).toBe('/sign-in');
      await w.expectAccessible('sign-in');
      await signIn(page, portal.demo.email, 'not the password');
      await eventually(() => page.getByRole('alert').innerText()).toBe('The email or password is wrong.');
      expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
      await w.shot('wrong-password');

      await signIn(page, portal.demo.email, portal.demo.password);
      await page.getByRole('heading', { name: 'Groups' }).waitFor();
      await eventually(() => page.getByText('No groups yet.').count()).toBe(1);
      await w.expectAccessible('groups, empty');
      await w.shot('groups-empty');

      // Add New: the type first, then the name.
      await page.getByRole('button', { name: 'Add New' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('radio', { name: 'SCIM Integration' }).click();
      await w.expectAccessible('add new, type');
      await w.shot('add-new-type');
      await dialog.getByRole('button', { name: 'Next' }).click();
      await dialog.getByLabel('Group name').fill('Staff');
      await dialog.getByRole('button', { name: 'Create group' }).click();
      await eventually(() => new URL(page.url()).pathname).toMatch(/^\/groups\/[0-9a-f-]{36}\/scim$/);
      const groupId = new URL(page.url()).pathname.split('/')[2] ?? '';

      // The SCIM tab: the URL, read-only, copied to the clipboard.
      const urlField = page.getByRole('textbox', { name: 'SCIM URL' });
      expect(await urlField.inputValue()).toBe(`${portal.base}/scim/v2/${groupId}`);
      expect(await urlField.getAttribute('readonly')).not.toBeNull();
      await page.getByRole('button', { name: 'Copy SCIM URL' }).click();
      await eventually(() => page.getByRole('button', { name: 'Copy SCIM URL' }).innerText()).toBe('Copied');
      const scimUrl = await clipboardOf(page);
      expect(scimUrl).toBe(`${portal.base}/scim/v2/${groupId}`);
      expect(await page.getByRole('region', { name: 'Connection health' }).innerText()).toContain('Never connected');
      await w.expectAccessible('SCIM tab');
      await w.shot('scim-tab');

      // Generate SCIM Token: shown once, copied.
      await page.getByRole('button', { name: 'Generate SCIM Token' }).click();
      await dialog.getByLabel('Token name').fill('Okta production');
      await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
      const tokenField = dialog.getByRole('textbox', { name: 'SCIM token' });
      await tokenField.waitFor();
      expect(await dialog.innerText()).toContain('this is the only time it is shown');
      await w.expectAccessible('token dialog');
      await w.shot('token-shown-once');
      await dialog.getByRole('button', { name: 'Copy SCIM token' }).click();
      const token = await clipboardOf(page);
      expect(token).toBe(await tokenField.inputValue());
      expect(token).toMatch(/^roster_scim_/);
      await dialog.getByRole('button', { name: 'Done, I have copied it' }).click();
      await eventually(() => page.getByRole('dialog').count()).toBe(0);
      expect(await page.content()).not.toContain(token);
      const tokens = page.getByRole('table', { name: 'SCIM tokens' });
      await eventually(() => tokens.innerText()).toContain(`…${token.slice(-4)}`);
      expect(await tokens.innerText()).toContain('Okta production');

      // A second token, with an expiry: two active tokens bring the rotation steps.
      await page.getByRole('button', { name: 'Generate SCIM Token' }).click();
      expect(await dialog.getByLabel('Token name').inputValue()).toBe('Identity provider');
      await dialog.getByLabel('Token name').fill('Okta next');
      await dialog.getByLabel('Expires on (optional)').fill('2020-01-01');
      await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
      await eventually(() => dialog.getByText('The expiry must be in the future.').count()).toBe(1);
      await dialog.getByLabel('Expires on (optional)').fill('2099-12-31');
      await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
      await dialog.getByRole('textbox', { name: 'SCIM token' }).waitFor();
      await dialog.getByRole('button', { name: 'Done, I have copied it' }).click();
      await eventually(() => tokens.innerText()).toContain('31 Dec 2099, 23:59 UTC');
      expect(await page.getByRole('note', { name: 'Rotating tokens' }).innerText()).toContain('Wait until the new token shows a last use');

      // Okta, with exactly that URL and token: Test API Credentials, three creates, a deactivation, a DELETE.
      const oktaExtension = 'urn:ietf:params:scim:schemas:extension:RosterStaff:2.0:User';
      const okta = async (method: string, suffix: string, body?: unknown) => {
        const response = await fetch(`${scimUrl}${suffix}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/scim+json',
            'user-agent': 'Okta SCIM Client 1.0.0',
            ...(body === undefined ? {} : { 'content-type': 'application/scim+json; charset=utf-8' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        return { status: response.status, body: (response.status === 204 ? null : await response.json()) as Record<string, unknown> | null };
      };
      expect(await okta('GET', '/Users?startIndex=1&count=2')).toMatchObject({ status: 200, body: { totalResults: 0 } });
      const ids: string[] = [];
      for (const [login, given] of [
        ['ada@example.com', 'Ada'],
        ['grace@example.com', 'Grace'],
        ['alan@example.com', 'Alan'],
      ] as const) {
        const created = await okta('POST', '/Users', {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', oktaExtension],
          userName: login,
          name: { givenName: given, familyName: 'Example' },
          emails: [{ primary: true, value: login, type: 'work' }],
          active: true,
          // A custom attribute mapped in Okta's profile editor, under the app's own extension.
          [oktaExtension]: { badgeNumber: `B-${given}` },
        });
        expect(created.status).toBe(201);
        ids.push(String(created.body?.id));
      }
      const patched = await okta('PATCH', `/Users/${ids[1]!}`, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', value: { active: false } }],
      });
      expect(patched).toMatchObject({ status: 200, body: { active: false } });
      expect((await okta('DELETE', `/Users/${ids[2]!}`)).status).toBe(204);
      // Push Groups: a SCIM Group with Ada in it, shown as a team.
      const pushed = await okta('POST', '/Groups', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: 'Engineering',
        members: [{ value: ids[0]! }],
      });
      expect(pushed.status).toBe(201);

      // The portal shows it: health (the tab refreshes itself), members and badges, activity by token name.
      const health = page.getByRole('region', { name: 'Connection health' });
      await eventually(() => health.innerText(), { timeout: 20_000 }).toMatch(/Identity provider\s+Okta/);
      expect(await health.innerText()).toContain('Healthy');
      await eventually(() => page.getByRole('heading', { level: 1 }).locator('..').innerText(), { timeout: 10_000 }).toContain('2 members');
      await w.shot('connected');
      await page.getByRole('tab', { name: 'Members' }).click();
      const members = page.getByRole('table', { name: 'Members' });
      await eventually(() => members.locator('tbody tr').count(), { timeout: 15_000 }).toBe(2);
      expect(await members.getByRole('row').filter({ hasText: 'ada@example.com' }).innerText()).toContain('Active');
      expect(await members.getByRole('row').filter({ hasText: 'grace@example.com' }).innerText()).toContain('Deactivated');
      expect(await members.innerText()).not.toContain('alan@example.com');
      expect(await page.getByText('The identity provider manages these members').count()).toBe(1);
      await w.expectAccessible('members');
      await w.shot('members');
      // Ada's page: every attribute, the custom extension's too, and nothing to edit.
      await members.getByRole('link', { name: 'ada@example.com' }).click();
      const extension = page.getByRole('region', { name: 'RosterStaff' });
      await eventually(() => extension.innerText()).toMatch(/badgeNumber\s+B-Ada/);
      expect(await extension.innerText()).toContain(oktaExtension);
      await w.expectAccessible('member of a SCIM group');
      await w.shot('member');
      await page.goBack();
      await page.getByRole('tab', { name: 'Teams' }).click();
      const teams = page.getByRole('table', { name: 'Teams' });
      await eventually(() => teams.locator('tbody tr').count()).toBe(1);
      expect(await teams.innerText()).toMatch(/Engineering\s+—\s+1/);
      await teams.getByRole('link', { name: 'Engineering' }).click();
      await eventually(() => page.getByRole('table', { name: 'Team members' }).innerText()).toContain('ada@example.com');
      expect(await page.getByText('The identity provider manages this team').count()).toBe(1);
      expect(await page.getByRole('button', { name: /Remove|Rename|Delete/ }).count()).toBe(0);
      await w.expectAccessible('team of a SCIM group');
      await page.goBack();
      await page.getByRole('tab', { name: 'Activity' }).click();
      const activity = page.getByRole('table', { name: 'Activity' });
      await eventually(() => activity.innerText(), { timeout: 15_000 }).toContain('member.deleted');
      expect(await activity.getByRole('row').filter({ hasText: 'member.created' }).first().innerText()).toContain('Okta production');
      expect(await activity.innerText()).toMatch(/active: true → false/);
      // Filtered by action and actor: what the token did, one action of it.
      await page.getByLabel('Action').selectOption({ label: 'Member deleted' });
      await page.getByLabel('Actor (admin email or token name)').fill('okta PRODUCTION');
      await eventually(() => activity.locator('tbody tr').count(), { timeout: 10_000 }).toBe(1);
      expect(await activity.innerText()).toContain('alan@example.com');
      await page.getByLabel('Actor kind').selectOption({ label: 'Admins' });
      await eventually(() => page.getByText('Nothing matches these filters.').count()).toBe(1);
      await page.getByLabel('Actor kind').selectOption({ label: 'Anyone' });
      await page.getByLabel('Action').selectOption({ label: 'Any action' });
      await page.getByLabel('Actor (admin email or token name)').fill('');
      await eventually(() => activity.locator('tbody tr').count()).toBeGreaterThan(4);
      await w.expectAccessible('activity');
      await w.shot('activity');

      // Revoke (confirmed): Okta's next call is refused, and the panel shows the rejected attempt.
      await page.getByRole('tab', { name: 'SCIM' }).click();
      await page.getByRole('button', { name: 'Revoke Okta production' }).click();
      const confirm = page.getByRole('alertdialog');
      expect(await confirm.innerText()).toContain(`…${token.slice(-4)}`);
      await w.expectAccessible('revoke confirmation');
      await confirm.getByRole('button', { name: 'Revoke token' }).click();
      await eventually(() => page.getByRole('alertdialog').count()).toBe(0);
      await eventually(() => tokens.getByRole('row').filter({ hasText: 'Okta production' }).innerText()).toContain('Revoked');
      expect(await tokens.getByRole('row').filter({ hasText: 'Okta next' }).innerText()).toContain('Active');
      expect((await okta('GET', '/Users?startIndex=1&count=2')).status).toBe(401);
      const rejected = page.getByRole('table', { name: 'Recent rejected token attempts' });
      await eventually(() => rejected.count(), { timeout: 20_000 }).toBe(1);
      expect(await rejected.innerText()).toContain(`…${token.slice(-4)}`);
      expect(await health.innerText()).toContain('Failing since');
      await w.shot('revoked');
      // Usable on a phone: at 390 px nothing scrolls the page sideways (wide tables scroll in their box).
      await page.setViewportSize({ width: 390, height: 844 });
      expect(
        await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth),
      ).toBeLessThanOrEqual(390);
      await w.expectAccessible('SCIM tab at 390 px');
      await w.shot('phone');

      expect(await browserStorageOf(page)).not.toContain(token);
      expect(await browserStorageOf(page)).not.toContain(portal.demo.password);
      expect(w.offHost()).toEqual([]);
      expect(w.problems).toEqual([]);
      await w.context.close();
    },
  );

  it('an expired session returns to sign-in with a message, then back to the page the admin was on', async () => {
    const w = await watchedPage(portal.browser, portal.base, 'expired');
    const { page } = w;
    const group = await servicesFor(portal.app.database.orm).groups.create(await portal.adminActor(), { name: 'Visitors', kind: GroupKind.STANDARD });
    await page.goto(`${portal.base}/groups/${group.id}/members`);
    await eventually(() => new URL(page.url()).pathname).toBe('/sign-in');
    await signIn(page, portal.demo.email, portal.demo.password);
    await eventually(() => new URL(page.url()).pathname).toBe(`/groups/${group.id}/members`);
    await page.getByRole('heading', { name: 'Visitors' }).waitFor();

    await adminQuery(portal.database.url, "update session set expires_at = now() - interval '1 minute'");
    // A checked session is trusted for a second per instance (CredentialCache); then it is read again.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await page.getByRole('tab', { name: 'Activity' }).click();
    await eventually(() => new URL(page.url()).pathname).toBe('/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/groups/${group.id}/activity`);
    await eventually(() => page.getByRole('status').innerText()).toContain('Your session has expired');
    await w.shot('expired');
    await signIn(page, portal.demo.email, portal.demo.password);
    await eventually(() => new URL(page.url()).pathname).toBe(`/groups/${group.id}/activity`);
    await page.getByRole('tab', { name: 'Activity', selected: true }).waitFor();
    expect(w.problems.filter((p) => !p.includes('401'))).toEqual([]);
    await w.context.close();
  });

  it('a FREE organization sees SCIM Integration disabled, with the reason; the groups list pages and searches; sign out', async () => {
    const services = servicesFor(portal.app.database.orm);
    const organization = await services.organizations.createOrganization('Free tier', OrganizationPlan.FREE);
    await servicesFor(portal.app.database.orm).organizations.createAdmin(organization.id, 'owner@free.example', 'a long enough password', AdminRole.OWNER);
    const w = await watchedPage(portal.browser, portal.base, 'free-plan');
    const { page } = w;
    await page.goto(`${portal.base}/groups`);
    await signIn(page, 'owner@free.example', 'a long enough password');
    await page.getByRole('button', { name: 'Add New' }).click();
    const scim = page.getByRole('radio', { name: 'SCIM Integration' });
    expect(await scim.isDisabled()).toBe(true);
    expect(await page.getByRole('dialog').innerText()).toContain('Not available on the FREE plan: SCIM needs the Pro plan.');
    await w.expectAccessible('add new on FREE');
    await w.shot('scim-disabled');
    await page.getByRole('button', { name: 'Cancel' }).click();

    // The list: 20 a page, paged forwards and back, searched by part of the name.
    const owner = await portal.actorFor('owner@free.example', 'a long enough password');
    for (let i = 1; i <= 23; i++)
      await servicesFor(portal.app.database.orm).groups.create(owner, { name: `Site ${String(i).padStart(2, '0')}`, kind: GroupKind.STANDARD });
    await page.reload();
    const list = page.getByRole('table', { name: 'Groups' });
    await eventually(() => list.locator('tbody tr').count()).toBe(20);
    expect(await page.getByText('Page 1 · 23 groups').count()).toBe(1);
    await page.getByRole('button', { name: 'Next page' }).click();
    await eventually(() => list.locator('tbody tr').count()).toBe(3);
    expect(await list.innerText()).toContain('Site 23');
    await page.getByRole('button', { name: 'Previous page' }).click();
    await eventually(() => list.locator('tbody tr').count()).toBe(20);
    await page.getByLabel('Search groups').fill('site 1');
    await eventually(() => list.locator('tbody tr').count()).toBe(10);
    expect(await list.locator('tbody tr').first().innerText()).toMatch(/^Site 10\s+Standard\s+0/);
    await page.getByLabel('Search groups').fill('nothing like it');
    await eventually(() => page.getByText('No group’s name contains “nothing like it”.').count()).toBe(1);

    // Sign out: the session ends, and the portal asks to sign in again.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await eventually(() => new URL(page.url()).pathname).toBe('/sign-in');
    await page.goto(`${portal.base}/groups`);
    await eventually(() => new URL(page.url()).pathname).toBe('/sign-in');
    expect(w.problems).toEqual([]);
    await w.context.close();
  });
});
