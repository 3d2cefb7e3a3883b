import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
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
