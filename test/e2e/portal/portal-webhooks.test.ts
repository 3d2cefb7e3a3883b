import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupKind } from '../../../src/domain/groups/group.entity.js';
import { AdminRole } from '../../../src/domain/shared/actor.js';
import { servicesFor } from '../../support/services.js';
import { clipboardOf, eventually, signIn, watchedPage, type WatchedPage } from './portal-browser.js';
import { runBrowser, usePortal } from './portal-fixture.js';
import { startReceiver } from './webhook-receiver.js';

/**
 * Issue #9 in the built portal: an owner adds a webhook endpoint pointing at a receiver on loopback
 * (the server allows http there: WEBHOOK_ALLOW_HTTP=true), copies its secret (shown once), and the
 * receiver checks each message with that secret as a host application would (`standardwebhooks`);
 * the endpoint's page shows the deliveries and their attempts, sends a test event, replays,
 * rotates; the Events view pages and filters the change feed. Then what a VIEWER sees.
 */
describe.runIf(runBrowser)('the admin portal: webhooks and events', () => {
  const portal = usePortal({ WEBHOOK_ALLOW_HTTP: 'true' });
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());

  const sideways = (w: WatchedPage) =>
    w.page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
  /** A message the receiver got, checked with a secret: throws unless Roster signed it with that secret. */
  const verify = (secret: string, message: { body: string; headers: Record<string, string> } | undefined) => {
    if (!message) throw new Error('no such message');
    return new Webhook(secret).verify(message.body, message.headers);
  };

  it(
    'add an endpoint → its secret once → signed deliveries with their attempts → test event → replay → rotate → events filtered → delete',
    { timeout: 180_000 },
    async () => {
      const started = new Date();
      const owner = await portal.adminActor();
      const group = await servicesFor(portal.app.database.orm).groups.create(owner, { name: 'Front desk', kind: GroupKind.STANDARD });
      const w = await watchedPage(portal.browser, portal.base, 'webhooks');
      const { page } = w;
      await page.goto(`${portal.base}/groups`);
      await signIn(page, portal.demo.email, portal.demo.password);
      await page.getByRole('navigation', { name: 'Manage' }).getByRole('link', { name: 'Webhooks' }).click();
      await page.getByRole('heading', { name: 'Webhooks' }).waitFor();
      await eventually(() => page.getByText('No webhook endpoints yet.').count()).toBe(1);
      await w.expectAccessible('webhooks, empty');

      // Add endpoint: the server's refusal on the URL field, the form's own check on the types.
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      const dialog = page.getByRole('dialog');
      const url = dialog.getByLabel('URL', { exact: true });
      await url.fill('ftp://example.com/hooks');
      await dialog.getByRole('button', { name: 'Add endpoint' }).click();
      await eventually(() => dialog.getByText('Webhook URLs must use https (got ftp)', { exact: false }).count()).toBe(1);
      expect(await url.getAttribute('aria-invalid')).toBe('true');
      await url.fill(receiver.url);
      await dialog.getByLabel('Description (optional)').fill('Host app');
      await dialog.getByRole('radiogroup', { name: 'Which event types' }).getByRole('radio', { name: 'Only those chosen' }).click();
      await dialog.getByRole('button', { name: 'Add endpoint' }).click();
      await eventually(() => dialog.getByText('Choose at least one event type, or send every event.').count()).toBe(1);
      await dialog.getByRole('checkbox', { name: 'Members: every event (member.*)' }).check();
      expect(await dialog.getByRole('checkbox', { name: 'Member deactivated' }).isChecked()).toBe(true);
      await dialog.getByRole('checkbox', { name: 'Webhook endpoint added' }).check();
      await w.expectAccessible('add endpoint');
      await w.shot('add-endpoint');
      await dialog.getByRole('button', { name: 'Add endpoint' }).click();

      // The secret, once: copied; gone from the page once the dialog closes.
      const secretField = dialog.getByRole('textbox', { name: 'Signing secret' });
      await secretField.waitFor();
      expect(await dialog.innerText()).toContain('you will not see it again');
      await w.expectAccessible('secret shown once');
      await w.shot('secret-once');
      await dialog.getByRole('button', { name: 'Copy signing secret' }).click();
      await eventually(() => dialog.getByRole('button', { name: 'Copy signing secret' }).innerText()).toBe('Copied');
      const secret = await clipboardOf(page);
      expect(secret).toBe(await secretField.inputValue());
      expect(secret).toMatch(/^whsec_/);
      await dialog.getByRole('button', { name: 'Done, I have copied it' }).click();
      await eventually(() => page.getByRole('dialog').count()).toBe(0);
      expect(await page.content()).not.toContain(secret);
      const endpoints = page.getByRole('table', { name: 'Webhook endpoints' });
      await eventually(() => endpoints.innerText()).toContain(receiver.url);
      expect(await endpoints.innerText()).toMatch(/Enabled[\s\S]*member\.\*, webhook_endpoint\.created\s+All groups/);

      // The receiver gets the endpoint's own creation, then a member's, each signed with the copied secret.
      await eventually(() => receiver.ofType('webhook_endpoint.created').length, { timeout: 20_000 }).toBe(1);
      expect(verify(secret, receiver.ofType('webhook_endpoint.created')[0])).toMatchObject({ type: 'webhook_endpoint.created' });
      await servicesFor(portal.app.database.orm).members.create(owner, group.id, { userName: 'ada@frontdesk.example' });
      await eventually(() => receiver.ofType('member.created').length, { timeout: 20_000 }).toBe(1);
      const memberMessage = receiver.ofType('member.created')[0];
      expect(verify(secret, memberMessage)).toMatchObject({ data: { targetLabel: 'ada@frontdesk.example', groupId: group.id } });
      const memberMessageId = memberMessage?.headers['webhook-id'] ?? '';

      // The endpoint's page: both deliveries, the member's expanded to its attempt.
      await endpoints.getByRole('link', { name: receiver.url }).click();
      await page.getByRole('heading', { level: 1, name: receiver.url }).waitFor();
      const deliveries = page.getByRole('table', { name: 'Deliveries' });
      const memberRow = deliveries.getByRole('row').filter({ hasText: memberMessageId });
      await eventually(() => memberRow.innerText()).toContain('Delivered');
      expect(await deliveries.getByRole('row').filter({ hasText: 'webhook_endpoint.created' }).innerText()).toContain('Delivered');
      // Expanded from the keyboard, as any disclosure (a native <details>).
      await memberRow.locator('summary', { hasText: 'attempt' }).focus();
      await page.keyboard.press('Enter');
      await eventually(() => memberRow.innerText()).toMatch(/UTC · HTTP 200 · \d+ ms\s+ok from the test receiver/);
      // The message as it was sent, the very body the receiver got.
      await memberRow.locator('summary', { hasText: 'Message' }).click();
      const shownBody = await memberRow.locator('details', { hasText: 'Message' }).locator('pre').innerText();
      expect(JSON.parse(shownBody)).toEqual(JSON.parse(memberMessage?.body ?? 'null'));
      await w.expectAccessible('endpoint, attempts open');
      await w.shot('endpoint');

      // Send test event: queued next, signed like any other message, listed as delivered.
      await page.getByRole('button', { name: 'Send test event' }).click();
      await eventually(() => page.getByText('Test event queued as the next message', { exact: false }).count()).toBe(1);
      await eventually(() => receiver.ofType('webhook.test').length, { timeout: 20_000 }).toBe(1);
      expect(verify(secret, receiver.ofType('webhook.test')[0])).toMatchObject({ type: 'webhook.test' });
      await eventually(() => deliveries.getByRole('row').filter({ hasText: 'Test message' }).innerText()).toContain('Delivered');

      // Replay one delivery: the same body under a new webhook-id; then everything since a time.
      await page.getByRole('button', { name: `Replay ${memberMessageId}` }).click();
      await eventually(() => page.getByText(`Replayed ${memberMessageId}`, { exact: false }).count()).toBe(1);
      await eventually(() => receiver.ofType('member.created').length, { timeout: 20_000 }).toBe(2);
      const replayed = receiver.ofType('member.created')[1];
      expect(replayed?.body).toBe(memberMessage?.body);
      expect(replayed?.headers['webhook-id']).not.toBe(memberMessageId);
      expect(() => verify(secret, replayed)).not.toThrow();
      const before = receiver.received.length;
      await page.getByLabel('Replay since (UTC)').fill(new Date(started.getTime() - 60_000).toISOString().slice(0, 16));
      await page.getByRole('button', { name: 'Replay since' }).click();
      // The endpoint's creation, the member and the test (a replay is the same message again).
      await eventually(() => page.getByText('3 messages queued again', { exact: false }).count()).toBe(1);
      await eventually(() => receiver.received.length, { timeout: 20_000 }).toBe(before + 3);

      // Filter by status; disable and enable again.
      await page.getByLabel('Status').selectOption({ label: 'Given up' });
      await eventually(() => page.getByText('No delivery is “Given up”.').count()).toBe(1);
      await page.getByLabel('Status').selectOption({ label: 'Any status' });
      await eventually(() => deliveries.locator('tbody tr').count()).toBe(7);
      await page.getByRole('button', { name: 'Disable' }).click();
      await eventually(() => page.getByText('Events are still queued; enable it to send them, in order.').count()).toBe(1);
      await page.getByRole('button', { name: 'Enable' }).click();
      await eventually(() => page.getByRole('button', { name: 'Disable' }).count()).toBe(1);

      // Rotate: the new secret once; the next message is signed with both while they overlap.
      await page.getByRole('button', { name: 'Rotate secret' }).click();
      await dialog.getByLabel('Overlap (hours)').fill('1');
      await dialog.getByRole('button', { name: 'Rotate secret' }).click();
      await dialog.getByRole('textbox', { name: 'Signing secret' }).waitFor();
      expect(await dialog.innerText()).toContain('The previous secret also signs until');
      await dialog.getByRole('button', { name: 'Copy signing secret' }).click();
      await eventually(() => dialog.getByRole('button', { name: 'Copy signing secret' }).innerText()).toBe('Copied');
      const rotated = await clipboardOf(page);
      expect(rotated).toMatch(/^whsec_/);
      expect(rotated).not.toBe(secret);
      await dialog.getByRole('button', { name: 'Done, I have copied it' }).click();
      await eventually(() => page.getByText('Rotated: the previous secret also signs until', { exact: false }).count()).toBe(1);
      await servicesFor(portal.app.database.orm).members.create(owner, group.id, { userName: 'grace@frontdesk.example' });
      await eventually(() => receiver.received.filter((m) => m.body.includes('grace@frontdesk.example')).length, { timeout: 20_000 }).toBe(1);
      const afterRotation = receiver.received.find((m) => m.body.includes('grace@frontdesk.example'));
      expect(() => verify(rotated, afterRotation)).not.toThrow();
      expect(() => verify(secret, afterRotation)).not.toThrow();

      // Events: the change feed, filtered by area, by exact type and by group; a row expanded.
      await page.getByRole('navigation', { name: 'Manage' }).getByRole('link', { name: 'Events' }).click();
      const events = page.getByRole('table', { name: 'Events' });
      await events.waitFor();
      await page.getByLabel('Event type').selectOption({ label: 'Members: every event (member.*)' });
      await eventually(() => events.locator('tbody tr').count()).toBe(2);
      expect(await events.locator('tbody tr').allInnerTexts()).toEqual([expect.stringContaining('member.created'), expect.stringContaining('member.created')]);
      const ada = events.getByRole('row').filter({ hasText: 'ada@frontdesk.example' });
      await ada.locator('summary', { hasText: 'Resource after' }).click();
      expect(await ada.innerText()).toMatch(/userName\s+ada@frontdesk\.example/);
      expect(await ada.innerText()).toContain('Member in Front desk');
      await page.getByLabel('Event type').selectOption({ label: 'Webhook secret rotated' });
      await eventually(() => events.locator('tbody tr').count()).toBe(1);
      await events.locator('summary', { hasText: 'change' }).click();
      expect(await events.innerText()).toMatch(/previousSecretUntil: — → \d{4}-/);
      expect(await events.innerText()).toMatch(/Request id: \S+/);
      expect(await events.innerText()).toContain(portal.demo.email);
      await page.getByLabel('Event type').selectOption({ label: 'Any type' });
      await page.getByLabel('Group').selectOption({ label: 'Front desk' });
      await eventually(() => events.locator('tbody tr').count()).toBe(3);
      expect(await events.innerText()).toContain('group.created');
      await w.expectAccessible('events');
      await w.shot('events');

      // On a 390 px phone: nothing scrolls the page sideways, and axe finds nothing serious.
      await page.setViewportSize({ width: 390, height: 844 });
      for (const [step, path, ready] of [
        ['events', '/events', 'Events'],
        ['webhooks', '/webhooks', 'Webhook endpoints'],
      ] as const) {
        await page.goto(`${portal.base}${path}`);
        await page.getByRole('table', { name: ready }).waitFor();
        expect(await sideways(w), step).toBeLessThanOrEqual(390);
        await w.expectAccessible(`${step} at 390 px`);
        await w.shot(`${step}-phone`);
      }
      await page.getByRole('link', { name: receiver.url }).click();
      await page.getByRole('table', { name: 'Deliveries' }).waitFor();
      expect(await sideways(w), 'endpoint').toBeLessThanOrEqual(390);
      await w.expectAccessible('endpoint at 390 px');
      await w.shot('endpoint-phone');

      // Delete, confirmed: back to the list, empty again.
      await page.getByRole('button', { name: 'Delete' }).click();
      const confirm = page.getByRole('alertdialog');
      expect(await confirm.innerText()).toContain(receiver.url);
      await confirm.getByRole('button', { name: 'Delete endpoint' }).click();
      await eventually(() => new URL(page.url()).pathname).toBe('/webhooks');
      await eventually(() => page.getByText('No webhook endpoints yet.').count()).toBe(1);
      expect(w.offHost()).toEqual([]);
      expect(w.problems).toEqual([]);
      await w.context.close();
    },
  );

  it('a VIEWER sees webhooks read-only; the Events view says so when its cursor has expired, and starts again', { timeout: 90_000 }, async () => {
    const owner = await portal.adminActor();
    const services = servicesFor(portal.app.database.orm);
    await services.organizations.createAdmin(owner.organizationId, 'viewer@demo.example', 'a long enough password', AdminRole.VIEWER);
    // Disabled: it sends nothing (the test stays off the network) while the viewer looks at it.
    await services.webhooks.create(owner, { url: 'https://hooks.example.com/roster', description: 'Disabled', enabled: false });
    const group = await services.groups.create(owner, { name: 'Busy', kind: GroupKind.STANDARD });
    for (let i = 1; i <= 30; i++) await servicesFor(portal.app.database.orm).members.create(owner, group.id, { userName: `person${i}@busy.example` });

    const w = await watchedPage(portal.browser, portal.base, 'webhooks-viewer');
    const { page } = w;
    await page.goto(`${portal.base}/webhooks`);
    await signIn(page, 'viewer@demo.example', 'a long enough password');
    await page.getByRole('table', { name: 'Webhook endpoints' }).waitFor();
    expect(await page.getByText('Your role (VIEWER) can see the webhooks but not change them.').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Add endpoint' }).count()).toBe(0);
    await page.getByRole('link', { name: 'https://hooks.example.com/roster' }).click();
    // Disabled, it has no deliveries yet: its events are sent, in order, once it is enabled.
    await eventually(() => page.getByText('No deliveries yet.', { exact: false }).count()).toBe(1);
    expect(await page.getByText('Events are still queued; enable it to send them, in order.').count()).toBe(1);
    expect(await page.getByText('Your role (VIEWER) can see this endpoint and its deliveries but not change them.').count()).toBe(1);
    expect(await page.getByRole('button', { name: /Send test event|Rotate secret|Delete|Edit|Enable|Replay/ }).count()).toBe(0);
    await w.expectAccessible('endpoint as a viewer');

    // The next page of the feed answers EVENT_CURSOR_EXPIRED (as after pruning): its message, and a way to start again.
    await page.goto(`${portal.base}/events`);
    const events = page.getByRole('table', { name: 'Events' });
    await eventually(() => events.locator('tbody tr').count()).toBe(25);
    const pruned = 'Events after this cursor have been pruned (they are kept for EVENT_RETENTION_DAYS).';
    await page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON() as { query: string; variables: { after?: string | null } };
      if (!body.query.includes('query EventFeed(') || !body.variables.after) return route.fallback();
      await route.fulfill({
        status: 200,
        headers: { 'content-type': 'application/json', 'x-request-id': 'req-pruned-1' },
        body: JSON.stringify({ errors: [{ message: pruned, extensions: { code: 'EVENT_CURSOR_EXPIRED', reason: 'EVENT_CURSOR_EXPIRED', field: 'after' } }] }),
      });
    });
    await page.getByRole('button', { name: 'Next page' }).click();
    const alert = page.getByRole('alert');
    await eventually(() => alert.innerText()).toContain(`This page of the feed is gone. ${pruned}`);
    expect(await alert.innerText()).toContain('Request id: req-pruned-1');
    await w.expectAccessible('events, cursor expired');
    await w.shot('cursor-expired');
    // Starting again asks for the first page (`after: null`), which the route lets through.
    await page.getByRole('button', { name: 'Start again from the oldest event kept' }).click();
    await eventually(() => page.getByRole('alert').count()).toBe(0);
    await eventually(() => page.getByText('Page 1 · 25 events on this page').count()).toBe(1);
    expect(await events.locator('tbody tr').first().innerText()).toContain('admin.created');
    await page.unroute('**/graphql');
    expect(w.problems).toEqual([]);
    await w.context.close();
  });
});
