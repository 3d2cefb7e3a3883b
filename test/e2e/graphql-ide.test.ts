import { existsSync } from 'node:fs';
import vm from 'node:vm';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSessionToken } from '../../src/domain/admins/session-token.js';
import { GroupKind } from '../../src/domain/groups/group.entity.js';
import { Organization } from '../../src/domain/organizations/organization.entity.js';
import { newScimToken } from '../../src/domain/scim-tokens/scim-token.format.js';
import { ideStorageScript } from '../../src/http/graphql-ide-storage.js';
import { makeGroup } from '../factories/domain.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { graphiqlPage } from '../support/graphiql-page.js';
import { servicesFor } from '../support/services.js';
import { version } from '../../src/version.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// CI installs Debian's chromium (.ci/run) and must run this; a laptop without it skips, visibly.
const runBrowser = existsSync(chromiumPath) || process.env.CI === 'true';

describe.runIf(runBrowser)('the GraphQL IDE in a browser', () => {
  let database: TestDatabase;
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startTestApp(database.url);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser.close();
    await app.close();
    await database.drop();
  });

  it('renders offline, runs a query and shows the answer in UTF-8, with no request beyond loopback', async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });

    const response = await page.goto(`${app.baseUrl}/graphql`);
    expect(response?.headers()['content-type']).toBe('text/html; charset=utf-8');
    expect(await page.title()).toBe('Roster — GraphQL IDE');
    // The default query's comment has non-ASCII text: it must not turn into mojibake.
    await expect.poll(() => page.locator('.graphiql-query-editor').innerText(), { timeout: 15_000 }).toContain('Roster GraphQL API — press the ▶ button');

    await page.locator('.graphiql-execute-button').click();
    await expect.poll(() => page.locator('.graphiql-response').innerText(), { timeout: 15_000 }).toContain(`"version": "${version}"`);

    // Schema descriptions carry non-ASCII text (an em dash): a UTF-8 round trip through the API.
    await page.locator('.graphiql-query-editor .CodeMirror').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('{ __type(name: "Query") { fields { description } } }');
    await expect.poll(() => page.locator('.graphiql-query-editor').innerText()).toContain('__type');
    await page.locator('.graphiql-execute-button').click();
    await expect.poll(() => page.locator('.graphiql-response').innerText(), { timeout: 15_000 }).toContain('answering this request — its package version');

    const offHost = requested.filter((url) => !/^(https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/|data:|blob:)/.test(url));
    expect(offHost).toEqual([]);
    expect(requested.some((url) => url.endsWith('/ide/graphiql.min.js'))).toBe(true);
    expect(problems).toEqual([]);
  });

  it('keeps no password, session token or SCIM token in browser storage, and still keeps harmless history', async () => {
    const demo = await servicesFor(app.database.orm).organizations.bootstrapDemo();
    if (!demo) throw new Error('the test database already had an organization');
    const em = app.database.orm.em.fork();
    const scimGroup = await makeGroup(em, em.getReference(Organization, demo.organization.id), { name: 'Okta', kind: GroupKind.SCIM });
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    const ide = graphiqlPage(page);
    await page.goto(`${app.baseUrl}/graphql`);
    await expect.poll(() => page.locator('.graphiql-query-editor').innerText(), { timeout: 15_000 }).toContain('Roster GraphQL API');
    await ide.run(`"version": "${version}"`);

    // As the welcome comment says: the SignIn tab, the password typed into its Variables pane.
    await ide.openTab('SignIn');
    await expect.poll(() => page.locator('.graphiql-query-editor').innerText()).toContain('mutation SignIn($input: SignInInput!)');
    await ide.setVariables(JSON.stringify({ input: { email: demo.email, password: demo.password } }));
    expect(await ide.run('"name": "Demo organization"')).toContain(`"email": "${demo.email}"`);

    // The old suggestion, password inline, asking for the session token.
    await ide.setVariables('');
    await ide.setQuery(`mutation OldSignIn { signIn(input: { email: "${demo.email}", password: "${demo.password}" }) { token } }`);
    const sessionToken = /roster_session_[A-Za-z0-9_-]{43}/.exec(await ide.run('roster_session_'))?.[0];
    expect(sessionToken).toBeDefined();

    // A harmless query sent with that token in an Authorization header.
    await ide.setHeaders(JSON.stringify({ Authorization: `Bearer ${sessionToken!}` }));
    await ide.setQuery('query Groups { groups { edges { node { id name kind } } } }');
    await ide.run('"kind": "SCIM"');

    await ide.setQuery(
      `mutation CreateToken { createScimToken(input: { groupId: "${scimGroup.id}", name: "Okta production" }) { token scimToken { name lastFour } } }`,
    );
    const scimToken = /roster_scim_[0-9a-f]{16}_[A-Za-z0-9_-]{43}_[0-9a-f]{8}/.exec(await ide.run('roster_scim_'))?.[0];
    expect(scimToken).toBeDefined();

    // The last step is harmless: once it is stored (GraphiQL writes after 500 ms), all before it is.
    await ide.setQuery('query LastStep { lastStep: version }');
    await ide.run('"lastStep"');
    await expect
      .poll(async () => {
        const stored = await ide.storage();
        return ['graphiql:queries', 'graphiql:query', 'graphiql:tabState'].filter((key) => stored[key]?.includes('LastStep'));
      })
      .toHaveLength(3);

    const stored = await ide.storage();
    expect(stored['graphiql:headers']).toBeUndefined();
    const everything = JSON.stringify(stored);
    for (const secret of [demo.password, sessionToken!, scimToken!, 'roster_session_', 'roster_scim_', 'Bearer']) expect(everything).not.toContain(secret);

    // Not an empty store: history keeps the harmless queries, and the sign-in with its password emptied.
    const history = (JSON.parse(stored['graphiql:queries']!) as { queries: { query: string; variables: string | null; headers: string | null }[] }).queries;
    expect(history.map((item) => item.query)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('  version\n'),
        'query Groups { groups { edges { node { id name kind } } } }',
        'query LastStep { lastStep: version }',
      ]),
    );
    const signIn = history.find((item) => item.query.startsWith('mutation SignIn'));
    expect(JSON.parse(signIn?.variables ?? 'null')).toEqual({ input: { email: demo.email, password: '' } });
    expect(history.every((item) => item.headers === null)).toBe(true);

    // A reload reopens the same two tabs, clean, and the IDE still answers.
    await page.reload();
    await expect.poll(() => page.locator('.graphiql-query-editor').innerText(), { timeout: 15_000 }).toContain('LastStep');
    expect(await page.locator('.graphiql-tab').count()).toBe(2);
    await ide.run(`"lastStep": "${version}"`);
    expect(JSON.stringify(await ide.storage())).not.toContain(demo.password);
    expect(problems).toEqual([]);
  });

  it('cleans the passwords and tokens an earlier version of the IDE left in the browser', async () => {
    const page = await browser.newPage();
    const password = 'an-old-password-8u2x';
    const sessionToken = newSessionToken().token;
    const inline = `mutation { signIn(input: { email: "admin@demo.roster.local", password: "${password}" }) { viewer { organization { name } } } }`;
    await page.goto(`${app.baseUrl}/healthz`);
    const earlier: Record<string, string> = {
      'graphiql:queries': JSON.stringify({
        queries: [{ query: inline }, { query: '{ version }', headers: JSON.stringify({ Authorization: `Bearer ${sessionToken}` }) }],
      }),
      'graphiql:query': inline,
      'graphiql:headers': JSON.stringify({ Authorization: `Bearer ${sessionToken}` }),
    };
    await page.evaluate((entries) => {
      const { localStorage } = globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } };
      for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
    }, earlier);

    await page.goto(`${app.baseUrl}/graphql`);
    await expect
      .poll(() => page.locator('.graphiql-query-editor').innerText(), { timeout: 15_000 })
      .toContain('signIn(input: { email: "admin@demo.roster.local", password: "" })');
    const stored = await graphiqlPage(page).storage();
    expect(JSON.stringify(stored)).not.toContain(password);
    expect(JSON.stringify(stored)).not.toContain(sessionToken);
    expect(stored['graphiql:headers']).toBeUndefined();
    expect(JSON.parse(stored['graphiql:queries']!)).toEqual({
      queries: [
        { query: inline.replace(password, ''), headers: null },
        { query: '{ version }', headers: null },
      ],
    });
  });

  it('is not offered when GRAPHQL_IDE is off: the browser gets the API answer instead', async () => {
    const database2 = await createTestDatabase();
    const noIde = await startTestApp(database2.url, { GRAPHQL_IDE: 'false' });
    try {
      const response = await fetch(`${noIde.baseUrl}/graphql`, { headers: { accept: 'text/html' } });
      expect(response.headers.get('content-type')).not.toContain('text/html');
      expect((await fetch(`${noIde.baseUrl}/ide/graphiql.min.js`)).status).toBe(404);
    } finally {
      await noIde.close();
      await database2.drop();
    }
  });
});

/** The IDE's storage filter as the browser runs it (the served script, evaluated here). */
function storageFilter(): { redact(key: string, value: string): string | null } {
  return vm.runInNewContext(`${ideStorageScript}\nrosterIdeStorage`) as { redact(key: string, value: string): string | null };
}

describe('the IDE storage filter (what GraphiQL may keep in localStorage)', () => {
  const { redact } = storageFilter();
  const scimToken = newScimToken().token;
  const sessionToken = newSessionToken().token;

  it.each([
    [
      'an inline password in the query',
      'graphiql:query',
      'mutation { signIn(input: { email: "a@b.c", password: "pw-1" }) { token } }',
      'mutation { signIn(input: { email: "a@b.c", password: "" }) { token } }',
    ],
    [
      'a block-string password',
      'graphiql:query',
      'mutation { signIn(input: { email: "a@b.c", password: """pw-1""" }) { token } }',
      'mutation { signIn(input: { email: "a@b.c", password: "" }) { token } }',
    ],
    [
      'a password in the variables',
      'graphiql:variables',
      '{"input": {"email": "a@b.c", "password": "p\\"w-1"}}',
      '{"input": {"email": "a@b.c", "password": ""}}',
    ],
    [
      'a reset token and a newPassword',
      'graphiql:variables',
      '{"input": {"token": "t-1", "newPassword": "pw-1"}}',
      '{"input": {"token": "", "newPassword": ""}}',
    ],
    ['a SCIM token anywhere', 'graphiql:variables', `{"note": "${scimToken}"}`, '{"note": "[redacted]"}'],
    ['a session token in a comment', 'graphiql:query', `# ${sessionToken}\n{ version }`, '# [redacted]\n{ version }'],
  ])('empties %s', (_what, key, value, expected) => {
    expect(redact(key, value)).toBe(expected);
  });

  it.each([
    ['a password typed without its closing quote', 'graphiql:variables', '{"input": {"password": "pw-1'],
    ['a password that is a number', 'graphiql:variables', '{"input": {"password": 1234}}'],
    ['headers, whatever they hold', 'graphiql:headers', '{"X-Request-Id": "r-1"}'],
  ])('stores nothing for %s', (_what, key, value) => {
    expect(redact(key, value)).toBeNull();
  });

  it.each([
    ['a query with variables', 'graphiql:query', 'mutation SignIn($input: SignInInput!, $password: String!) { signIn(input: $input) { token expiresAt } }'],
    ['an empty password', 'graphiql:variables', '{"input": {"email": "a@b.c", "password": ""}}'],
    ['token fields in a selection', 'graphiql:query', '{ group(id: "g-1") { scim { tokens { name lastFour } } } }'],
    ['prose about passwords and tokens', 'graphiql:query', '# The password typed in the Variables pane is not stored, nor any token.\n{ version }'],
    ['UI state', 'graphiql:theme', 'dark'],
  ])('keeps %s as it is', (_what, key, value) => {
    expect(redact(key, value)).toBe(value);
  });

  it('keeps tabs without their headers and answers, and a query it cannot clean as a note', () => {
    const tab = {
      id: 't-1',
      hash: null,
      title: 'A',
      operationName: 'A',
      query: 'mutation A { a(password: 1) }',
      variables: '{"password": "pw-1"}',
      headers: '{"Authorization": "Bearer x"}',
    };
    const answer = JSON.stringify({ data: { createScimToken: { token: scimToken } } });
    const kept = JSON.parse(redact('graphiql:tabState', JSON.stringify({ activeTabIndex: 0, tabs: [{ ...tab, response: answer }] }))!) as {
      tabs: Record<string, unknown>[];
    };
    expect(kept.tabs).toEqual([
      { ...tab, query: expect.stringMatching(/^# This operation held a password or a token/), variables: '{"password": ""}', headers: null, response: null },
    ]);
  });

  it('leaves out of history an item it cannot clean, and the headers of every item', () => {
    const items = [
      { query: 'mutation { a(password: 1) }', variables: null, headers: null },
      { query: '{ version }', variables: null, headers: `{"Authorization": "Bearer ${sessionToken}"}`, label: 'v' },
    ];
    expect(JSON.parse(redact('graphiql:queries', JSON.stringify({ queries: items }))!)).toEqual({
      queries: [{ query: '{ version }', variables: null, headers: null, label: 'v' }],
    });
    expect(redact('graphiql:favorites', '{"favorites": [')).toBeNull();
  });
});
