import { describe, expect, it } from 'vitest';
import { GroupKind } from '../../../src/domain/groups/group.entity.js';
import { servicesFor } from '../../support/services.js';
import { eventually, signIn, watchedPage } from './portal-browser.js';
import { runBrowser, usePortal } from './portal-fixture.js';

/** STANDARD groups in the built portal: the admin's own member and team forms, and the group's settings. */
describe.runIf(runBrowser)('the admin portal: STANDARD groups, members, teams and settings', () => {
  const portal = usePortal();

  it("a STANDARD group's member forms: add, a duplicate userName on its field, edit, deactivate, delete", async () => {
    const group = await servicesFor(portal.app.database.orm).groups.create(await portal.adminActor(), { name: 'Contractors', kind: GroupKind.STANDARD });
    const w = await watchedPage(portal.browser, portal.base, 'standard-members');
    const { page } = w;
    await page.goto(`${portal.base}/groups/${group.id}/members`);
    await signIn(page, portal.demo.email, portal.demo.password);
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
    const actor = await portal.adminActor();
    await servicesFor(portal.app.database.orm).groups.create(actor, { name: 'Reception', kind: GroupKind.STANDARD });
    const w = await watchedPage(portal.browser, portal.base, 'settings');
    const { page } = w;
    await page.goto(`${portal.base}/groups`);
    await signIn(page, portal.demo.email, portal.demo.password);

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
    expect(await servicesFor(portal.app.database.orm).groups.find(actor, groupId)).toBeNull();
    expect(w.problems).toEqual([]);
    await w.context.close();
  });

  it("a STANDARD group's teams: create (a taken name on its field), add and remove members, rename, delete", async () => {
    const actor = await portal.adminActor();
    const services = servicesFor(portal.app.database.orm);
    const group = await services.groups.create(actor, { name: 'Night staff', kind: GroupKind.STANDARD });
    for (const userName of ['lin@example.com', 'lee@example.com']) await servicesFor(portal.app.database.orm).members.create(actor, group.id, { userName });
    const w = await watchedPage(portal.browser, portal.base, 'standard-teams');
    const { page } = w;
    await page.goto(`${portal.base}/groups/${group.id}/teams`);
    await signIn(page, portal.demo.email, portal.demo.password);
    await page.getByLabel('New team').fill('Weekend');
    await page.getByRole('button', { name: 'Create team' }).click();
    await page.getByRole('heading', { name: 'Weekend' }).waitFor();

    await page.getByLabel('Find a member of the group').fill('lin');
    await page.getByRole('button', { name: 'Add lin@example.com' }).click();
    const members = page.getByRole('table', { name: 'Team members' });
    await eventually(() => members.innerText()).toContain('lin@example.com');
    await eventually(() => page.getByRole('list', { name: 'Matching members' }).innerText()).toContain('(in the team)');
    await w.expectAccessible('team of a STANDARD group');
    await w.shot('team');
    await page.getByRole('button', { name: 'Remove lin@example.com from the team' }).click();
    await eventually(() => page.getByText('No members in this team yet.').count()).toBe(1);

    await page.getByLabel('Team name').fill('Weekend crew');
    await page.getByRole('button', { name: 'Rename team' }).click();
    await eventually(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Weekend crew');

    // Another team with the same name, in other letter case: told on the field.
    await page.getByRole('link', { name: 'Night staff' }).click();
    await page.getByLabel('New team').fill('WEEKEND CREW');
    await page.getByRole('button', { name: 'Create team' }).click();
    await eventually(() => page.getByLabel('New team').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('exists already in this group').count()).toBe(1);

    await page.getByRole('link', { name: 'Weekend crew' }).click();
    await page.getByRole('button', { name: 'Delete team' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete team' }).click();
    await eventually(() => new URL(page.url()).pathname).toBe(`/groups/${group.id}/teams`);
    await eventually(() => page.getByText('No teams yet.').count()).toBe(1);
    expect(w.problems).toEqual([]);
    await w.context.close();
  });
});
