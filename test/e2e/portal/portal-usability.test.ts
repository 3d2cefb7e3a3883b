import { describe, expect, it } from 'vitest';
import { GroupKind } from '../../../src/domain/groups/group.entity.js';
import { servicesFor } from '../../support/services.js';

import { eventually, signIn, watchedPage } from './portal-browser.js';
import { runBrowser, usePortal } from './portal-fixture.js';

/** The built portal from the keyboard alone, and its error states. */
describe.runIf(runBrowser)('the admin portal: keyboard and error states', () => {
  const portal = usePortal();

  it('works from the keyboard alone: sign in, Add New (type with the arrow keys), name, create', async () => {
    const w = await watchedPage(portal.browser, portal.base, 'keyboard');
    const { page } = w;
    const focusedText = () =>
      page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document.activeElement?.textContent ?? '');
    await page.goto(`${portal.base}/groups`);
    await page.getByLabel('Email').focus();
    await page.keyboard.type(portal.demo.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(portal.demo.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Groups' }).waitFor();

    // From the top of the page: skip link, brand, Groups, Webhooks, Events, Sign out, search, Add New.
    await page.keyboard.press('Tab');
    await eventually(() => focusedText()).toBe('Skip to content');
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
    // Held down until focus has moved, as a person's key press is: Radix moves focus on a timer
    // after keydown and checks the radio only while the arrow key is still down, so a synthetic
    // press whose keyup comes first on a busy machine moves focus without choosing.
    await page.keyboard.down('ArrowDown');
    await eventually(() =>
      page.evaluate(() =>
        (globalThis as unknown as { document: { activeElement: { getAttribute(name: string): string | null } } }).document.activeElement.getAttribute('value'),
      ),
    ).toBe('STANDARD');
    await page.keyboard.up('ArrowDown');
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
    // Radix gives focus back once the dialog has gone, a moment after it leaves the page.
    await eventually(() => focusedText()).toBe('Add member');
    expect(w.problems).toEqual([]);
    await w.context.close();
  });

  it('is usable on a 390 px phone: no page scrolls sideways, and axe finds nothing serious', async () => {
    const actor = await portal.adminActor();
    const group = await servicesFor(portal.app.database.orm).groups.create(actor, {
      name: 'A group with a rather long name for a phone screen',
      kind: GroupKind.STANDARD,
    });
    await servicesFor(portal.app.database.orm).members.create(actor, group.id, {
      userName: 'someone.with.a.long.address@subsidiary.example.com',
      emails: [{ value: 'someone.with.a.long.address@subsidiary.example.com', type: 'work', primary: true }],
    });
    const w = await watchedPage(portal.browser, portal.base, 'phone');
    const { page } = w;
    await page.setViewportSize({ width: 390, height: 844 });
    const sideways = () =>
      page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    await page.goto(`${portal.base}/groups`);
    await signIn(page, portal.demo.email, portal.demo.password);
    await page.getByRole('table', { name: 'Groups' }).waitFor();
    for (const [step, open] of [
      ['groups', () => Promise.resolve()],
      ['add new', () => page.getByRole('button', { name: 'Add New' }).click()],
      ['members', () => page.goto(`${portal.base}/groups/${group.id}/members`).then(() => page.getByRole('table', { name: 'Members' }).waitFor())],
      [
        'member',
        () =>
          page
            .getByRole('link', { name: 'someone.with.a.long.address@subsidiary.example.com' })
            .click()
            .then(() => page.getByRole('region', { name: 'Profile' }).waitFor()),
      ],
      ['activity', () => page.goto(`${portal.base}/groups/${group.id}/activity`).then(() => page.getByRole('table', { name: 'Activity' }).waitFor())],
      ['settings', () => page.goto(`${portal.base}/groups/${group.id}/settings`).then(() => page.getByLabel('Group name').waitFor())],
    ] as const) {
      await open();
      expect(await sideways(), step).toBeLessThanOrEqual(390);
      await w.expectAccessible(`${step} at 390 px`);
      await w.shot(step.replace(' ', '-'));
      if (step === 'add new') await page.keyboard.press('Escape');
    }
    expect(w.problems).toEqual([]);
    await w.context.close();
  });

  it('says so when the browser refuses the clipboard, and selects the URL or token to copy by hand', async () => {
    const group = await servicesFor(portal.app.database.orm).groups.create(await portal.adminActor(), { name: 'Clipboard refused', kind: GroupKind.SCIM });
    const w = await watchedPage(portal.browser, portal.base, 'clipboard-refused');
    const { page } = w;
    // As a browser that denies the permission (or a plain-http page that is not localhost) answers.
    await page.addInitScript(() => {
      const clipboard = (globalThis as unknown as { navigator: { clipboard: { writeText: (text: string) => Promise<void> } } }).navigator.clipboard;
      clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
    });
    const selectedText = () =>
      page.evaluate(() => {
        const field = (globalThis as unknown as { document: { activeElement: { value?: string; selectionStart?: number; selectionEnd?: number } | null } })
          .document.activeElement;
        return field?.value?.slice(field.selectionStart ?? 0, field.selectionEnd ?? 0) ?? '';
      });
    const refused = 'This browser refused the clipboard: select the text and copy it by hand.';
    await page.goto(`${portal.base}/groups/${group.id}/scim`);
    await signIn(page, portal.demo.email, portal.demo.password);
    const urlField = page.getByRole('textbox', { name: 'SCIM URL' });
    await urlField.waitFor();
    await page.getByRole('button', { name: 'Copy SCIM URL' }).click();
    await eventually(() => page.getByText(refused).count()).toBe(1);
    expect(await selectedText()).toBe(await urlField.inputValue());

    await page.getByRole('button', { name: 'Generate SCIM Token' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Token name').fill('Okta');
    await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
    const tokenField = dialog.getByRole('textbox', { name: 'SCIM token' });
    await tokenField.waitFor();
    await dialog.getByRole('button', { name: 'Copy SCIM token' }).click();
    await eventually(() => dialog.getByText(refused).count()).toBe(1);
    expect(await selectedText()).toBe(await tokenField.inputValue());
    expect(await selectedText()).toMatch(/^roster_scim_/);
    expect(w.problems).toEqual([]);
    await w.context.close();
  });

  it('shows an error the admin can report (with the request id), and an unknown group as such', async () => {
    const w = await watchedPage(portal.browser, portal.base, 'errors');
    const { page } = w;
    await page.goto(`${portal.base}/groups`);
    await signIn(page, portal.demo.email, portal.demo.password);
    await page.getByRole('heading', { name: 'Groups' }).waitFor();

    await page.goto(`${portal.base}/groups/3f1c2b9e-0000-4000-8000-000000000000/members`);
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
    await page.goto(`${portal.base}/groups`);
    const alert = page.getByRole('alert');
    await eventually(() => alert.innerText()).toContain('The groups could not be loaded. Internal server error. Quote the request id when reporting it.');
    expect(await alert.innerText()).toContain('Request id: req-test-42');
    await w.expectAccessible('error state');
    await w.shot('error');
    // The browser reports the 500 itself; nothing else went wrong.
    expect(w.problems.filter((p) => !p.includes('500'))).toEqual([]);
    await w.context.close();
  });
});
