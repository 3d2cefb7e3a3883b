import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminRole } from '../../../src/domain/shared/actor.js';
import { GroupKind } from '../../../src/domain/groups/group.entity.js';
import { OrganizationPlan } from '../../../src/domain/organizations/organization.entity.js';
import { findFreeLoopbackPort } from '../../../src/db/embedded-postgres.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { adminQuery } from '../../support/database-server.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { servicesFor } from '../../support/services.js';
import { browserStorageOf, chromiumPath, clipboardOf, eventually, launchChromium, signIn, watchedPage } from './portal-browser.js';

// CI installs Debian's chromium (.ci/run) and must run this; a laptop without it skips, visibly.
const runBrowser = existsSync(chromiumPath) || process.env.CI === 'true';

/**
 * The setup guide's journey clicked in the built portal (dist/portal, built by the test run's global
 * setup), served by the real app on a real PostgreSQL; the test then plays Okta with exactly the
 * URL and token the portal handed out. One server and one browser for the file.
 */
describe.runIf(runBrowser)('the admin portal in a browser', () => {
  let database: TestDatabase;
  let app: TestApp;
  let browser: Browser;
  let base: string;
  let demo: { email: string; password: string };

  beforeAll(async () => {
    database = await createTestDatabase();
    const port = await findFreeLoopbackPort();
    base = `http://127.0.0.1:${port}`;
    // The SCIM URL the portal shows is built from PUBLIC_URL: make it this server, so Okta's calls reach it.
    app = await startTestApp(database.url, { PORT: String(port), PUBLIC_URL: base });
    const created = await servicesFor(app.database.orm).organizations.bootstrapDemo();
    if (!created) throw new Error('the test database already had an organization');
    demo = created;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
    await app.close();
    await database.drop();
  });

  it('sign in → Add New SCIM Integration "Staff" → SCIM tab → Copy URL → Generate token → Okta syncs → members, activity, health → revoke → 401', async () => {
    const w = await watchedPage(browser, base, 'journey');
    const { page } = w;

    // Not signed in: the portal sends the admin to sign in, and a wrong password is told inline.
    await page.goto(`${base}/`);
    await eventually(() => new URL(page.url()).pathname).toBe('/sign-in');
    await w.expectAccessible('sign-in');
    await signIn(page, demo.email, 'not the password');
    await eventually(() => page.getByRole('alert').innerText()).toBe('The email or password is wrong.');
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    await w.shot('wrong-password');

    await signIn(page, demo.email, demo.password);
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
    expect(await urlField.inputValue()).toBe(`${base}/scim/v2/${groupId}`);
    expect(await urlField.getAttribute('readonly')).not.toBeNull();
    await page.getByRole('button', { name: 'Copy SCIM URL' }).click();
    await eventually(() => page.getByRole('button', { name: 'Copy SCIM URL' }).innerText()).toBe('Copied');
    const scimUrl = await clipboardOf(page);
    expect(scimUrl).toBe(`${base}/scim/v2/${groupId}`);
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
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: login,
        name: { givenName: given, familyName: 'Example' },
        emails: [{ primary: true, value: login, type: 'work' }],
        active: true,
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
    await page.getByRole('tab', { name: 'Teams' }).click();
    const teams = page.getByRole('table', { name: 'Teams' });
    await eventually(() => teams.locator('tbody tr').count()).toBe(1);
    expect(await teams.innerText()).toMatch(/Engineering\s+—\s+1/);
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
    expect(await browserStorageOf(page)).not.toContain(demo.password);
    expect(w.offHost()).toEqual([]);
    expect(w.problems).toEqual([]);
    await w.context.close();
  });

  it('an expired session returns to sign-in with a message, then back to the page the admin was on', async () => {
    const w = await watchedPage(browser, base, 'expired');
    const { page } = w;
    const group = await servicesFor(app.database.orm).groups.create(await adminActor(), { name: 'Visitors', kind: GroupKind.STANDARD });
    await page.goto(`${base}/groups/${group.id}/members`);
    await eventually(() => new URL(page.url()).pathname).toBe('/sign-in');
    await signIn(page, demo.email, demo.password);
    await eventually(() => new URL(page.url()).pathname).toBe(`/groups/${group.id}/members`);
    await page.getByRole('heading', { name: 'Visitors' }).waitFor();

    await adminQuery(database.url, "update session set expires_at = now() - interval '1 minute'");
    // A checked session is trusted for a second per instance (CredentialCache); then it is read again.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await page.getByRole('tab', { name: 'Activity' }).click();
    await eventually(() => new URL(page.url()).pathname).toBe('/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/groups/${group.id}/activity`);
    await eventually(() => page.getByRole('status').innerText()).toContain('Your session has expired');
    await w.shot('expired');
    await signIn(page, demo.email, demo.password);
    await eventually(() => new URL(page.url()).pathname).toBe(`/groups/${group.id}/activity`);
    await page.getByRole('tab', { name: 'Activity', selected: true }).waitFor();
    expect(w.problems.filter((p) => !p.includes('401'))).toEqual([]);
    await w.context.close();
  });

  it('a FREE organization sees SCIM Integration disabled, with the reason; the groups list pages and searches; sign out', async () => {
    const services = servicesFor(app.database.orm);
    const organization = await services.organizations.createOrganization('Free tier', OrganizationPlan.FREE);
    await servicesFor(app.database.orm).organizations.createAdmin(organization.id, 'owner@free.example', 'a long enough password', AdminRole.OWNER);
    const w = await watchedPage(browser, base, 'free-plan');
    const { page } = w;
    await page.goto(`${base}/groups`);
    await signIn(page, 'owner@free.example', 'a long enough password');
    await page.getByRole('button', { name: 'Add New' }).click();
    const scim = page.getByRole('radio', { name: 'SCIM Integration' });
    expect(await scim.isDisabled()).toBe(true);
    expect(await page.getByRole('dialog').innerText()).toContain('Not available on the FREE plan: SCIM needs the Pro plan.');
    await w.expectAccessible('add new on FREE');
    await w.shot('scim-disabled');
    await page.getByRole('button', { name: 'Cancel' }).click();

    // The list: 20 a page, paged forwards and back, searched by part of the name.
    const owner = await actorFor('owner@free.example', 'a long enough password');
    for (let i = 1; i <= 23; i++)
      await servicesFor(app.database.orm).groups.create(owner, { name: `Site ${String(i).padStart(2, '0')}`, kind: GroupKind.STANDARD });
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
    await page.goto(`${base}/groups`);
    await eventually(() => new URL(page.url()).pathname).toBe('/sign-in');
    expect(w.problems).toEqual([]);
    await w.context.close();
  });

  it("a STANDARD group's member forms: add, a duplicate userName on its field, edit, deactivate, delete", async () => {
    const group = await servicesFor(app.database.orm).groups.create(await adminActor(), { name: 'Contractors', kind: GroupKind.STANDARD });
    const w = await watchedPage(browser, base, 'standard-members');
    const { page } = w;
    await page.goto(`${base}/groups/${group.id}/members`);
    await signIn(page, demo.email, demo.password);
    await eventually(() => page.getByText('No members yet. Add member adds the first one.').count()).toBe(1);

    const addMember = async (userName: string) => {
      await page.getByRole('button', { name: 'Add member' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a member' });
      await dialog.getByLabel('userName (required)').fill(userName);
      await dialog.getByLabel('Given name').fill('Ada');
      await dialog.getByLabel('Work email').fill('ada@example.com');
      await dialog.getByRole('button', { name: 'Add member' }).click();
      return dialog;
    };
    await addMember('ada@example.com');
    await eventually(() => page.getByRole('table', { name: 'Members' }).innerText()).toContain('ada@example.com');

    // The same userName in other letter case: told on the field, and the dialog stays open.
    const again = await addMember('ADA@example.com');
    const userName = again.getByLabel('userName (required)');
    await eventually(() => userName.getAttribute('aria-invalid')).toBe('true');
    expect(await again.innerText()).toContain('A member with userName "ADA@example.com" exists already in this group');
    await w.expectAccessible('member form, duplicate');
    await w.shot('duplicate-username');
    await again.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('link', { name: 'ada@example.com' }).click();
    await page.getByRole('heading', { name: 'ada@example.com' }).waitFor();
    await page.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit ada@example.com' });
    await edit.getByLabel('Title').fill('CTO');
    await edit.getByLabel('Department').fill('Engineering');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    const profile = page.getByRole('region', { name: 'Profile' });
    await eventually(() => profile.innerText()).toMatch(/Title\s+CTO/);
    expect(await page.getByRole('region', { name: 'Enterprise' }).innerText()).toMatch(/Department\s+Engineering/);
    // The member's own history, newest first.
    const history = page.getByRole('table', { name: 'The member’s activity' });
    await eventually(() => history.locator('tbody tr').count()).toBe(2);
    expect(await history.locator('tbody tr').first().innerText()).toMatch(/Member updated[\s\S]*title: — → CTO/);

    await page.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByRole('button', { name: 'Reactivate' }).waitFor();
    expect(await page.getByText('Deactivated', { exact: true }).count()).toBe(1);
    await w.expectAccessible('member page');
    await w.shot('member');

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete member' }).click();
    await eventually(() => new URL(page.url()).pathname).toBe(`/groups/${group.id}/members`);
    await eventually(() => page.getByText('No members yet.').count()).toBe(1);
    expect(w.problems).toEqual([]);
    await w.context.close();
  });

  it('Add New shows a taken name on its field; Settings renames (a taken name on its field too) and deletes only after the name is typed', async () => {
    const actor = await adminActor();
    await servicesFor(app.database.orm).groups.create(actor, { name: 'Reception', kind: GroupKind.STANDARD });
    const w = await watchedPage(browser, base, 'settings');
    const { page } = w;
    await page.goto(`${base}/groups`);
    await signIn(page, demo.email, demo.password);

    await page.getByRole('button', { name: 'Add New' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: 'Standard' }).click();
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByLabel('Group name').fill('RECEPTION');
    await dialog.getByRole('button', { name: 'Create group' }).click();
    await eventually(() => dialog.getByLabel('Group name').getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.innerText()).toContain('A group named "RECEPTION" exists already (names are compared case-insensitively).');
    await dialog.getByLabel('Group name').fill('Front desk');
    await dialog.getByRole('button', { name: 'Create group' }).click();
    await eventually(() => new URL(page.url()).pathname).toMatch(/^\/groups\/[0-9a-f-]{36}\/members$/);
    const groupId = new URL(page.url()).pathname.split('/')[2] ?? '';

    await page.getByRole('tab', { name: 'Settings' }).click();
    const name = page.getByLabel('Group name');
    await name.fill('Reception');
    await page.getByRole('button', { name: 'Rename' }).click();
    await eventually(() => name.getAttribute('aria-invalid')).toBe('true');
    await name.fill('Front desk & lobby');
    await page.getByRole('button', { name: 'Rename' }).click();
    await eventually(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Front desk & lobby');
    await w.expectAccessible('settings');
    await w.shot('settings');

    const remove = page.getByRole('button', { name: 'Delete group' });
    expect(await remove.isDisabled()).toBe(true);
    await page.getByLabel('Type the group’s name, Front desk & lobby, to confirm').fill('front desk & lobby');
    expect(await remove.isDisabled()).toBe(true);
    await page.getByLabel('Type the group’s name, Front desk & lobby, to confirm').fill('Front desk & lobby');
    await remove.click();
    await eventually(() => new URL(page.url()).pathname).toBe('/groups');
    await page.getByRole('table', { name: 'Groups' }).waitFor();
    expect(await page.getByRole('table', { name: 'Groups' }).innerText()).not.toContain('Front desk');
    expect(await servicesFor(app.database.orm).groups.find(actor, groupId)).toBeNull();
    expect(w.problems).toEqual([]);
    await w.context.close();
  });

  it('works from the keyboard alone: sign in, Add New (type with the arrow keys), name, create', async () => {
    const w = await watchedPage(browser, base, 'keyboard');
    const { page } = w;
    await page.goto(`${base}/groups`);
    await page.getByLabel('Email').focus();
    await page.keyboard.type(demo.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(demo.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Groups' }).waitFor();

    // From the top of the page: skip link, brand, Groups, Sign out, search, Add New.
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent),
    ).toBe('Skip to content');
    await page.getByLabel('Search groups').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    // Focus moves into the dialog, onto the radio group: Space chooses, the arrow keys change the choice.
    await page.keyboard.press('Space');
    await eventually(() => dialog.getByRole('radio', { checked: true }).getAttribute('value')).toBe('SCIM');
    // Focus stays on the chosen radio, and the arrow key moves focus and choice together.
    await eventually(() =>
      page.evaluate(() =>
        (globalThis as unknown as { document: { activeElement: { getAttribute(name: string): string | null } } }).document.activeElement.getAttribute('value'),
      ),
    ).toBe('SCIM');
    await page.keyboard.press('ArrowDown');
    await eventually(() => dialog.getByRole('radio', { checked: true }).getAttribute('value')).toBe('STANDARD');
    // Then Tab past Cancel to Next (a radio group does not submit on Enter, per WAI-ARIA).
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await dialog.getByLabel('Group name').waitFor();
    await page.keyboard.type('Keyboard only');
    await page.keyboard.press('Enter');
    await eventually(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Keyboard only');
    // Escape closes a dialog and gives focus back to what opened it.
    await page.getByRole('tab', { name: 'Members' }).focus();
    await page.getByRole('button', { name: 'Add member' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await eventually(() => page.getByRole('dialog').count()).toBe(0);
    expect(
      await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent),
    ).toBe('Add member');
    expect(w.problems).toEqual([]);
    await w.context.close();
  });

  it('shows an error the admin can report (with the request id), and an unknown group as such', async () => {
    const w = await watchedPage(browser, base, 'errors');
    const { page } = w;
    await page.goto(`${base}/groups`);
    await signIn(page, demo.email, demo.password);
    await page.getByRole('heading', { name: 'Groups' }).waitFor();

    await page.goto(`${base}/groups/3f1c2b9e-0000-4000-8000-000000000000/members`);
    await eventually(() => page.getByText('There is no such group in Demo organization').count()).toBe(1);

    // The server's masked internal error, as format-error.ts answers it: message and request id shown.
    await page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON() as { query: string };
      if (!body.query.includes('query Groups(')) return route.fallback();
      await route.fulfill({
        status: 500,
        headers: { 'content-type': 'application/json', 'x-request-id': 'req-test-42' },
        body: JSON.stringify({
          errors: [{ message: 'Internal server error. Quote the request id when reporting it.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
        }),
      });
    });
    await page.goto(`${base}/groups`);
    const alert = page.getByRole('alert');
    await eventually(() => alert.innerText()).toContain('The groups could not be loaded. Internal server error. Quote the request id when reporting it.');
    expect(await alert.innerText()).toContain('Request id: req-test-42');
    await w.expectAccessible('error state');
    await w.shot('error');
    // The browser reports the 500 itself; nothing else went wrong.
    expect(w.problems.filter((p) => !p.includes('500'))).toEqual([]);
    await w.context.close();
  });

  /** An admin as an actor, for arranging data through the services (the demo owner by default). */
  async function actorFor(email: string, password: string) {
    const token = (await servicesFor(app.database.orm).auth.signIn(email, password)).token;
    const actor = await servicesFor(app.database.orm).auth.authenticate(token, null);
    if (!actor) throw new Error(`${email} could not sign in`);
    return actor;
  }
  const adminActor = () => actorFor(demo.email, demo.password);
});
