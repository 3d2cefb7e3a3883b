import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreeLoopbackPort } from '../../../src/db/embedded-postgres.js';
import { projectRoot, version } from '../../../src/version.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

/** `npm run dev:portal`: Vite's dev server (hot reload) serving the portal's sources, proxying the API. */
describe("the portal's dev server", () => {
  let database: TestDatabase;
  let app: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startTestApp(database.url);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('serves the sources with hot reload and proxies /graphql to the API', async () => {
    const port = await findFreeLoopbackPort();
    const child = spawn(
      process.execPath,
      [path.join(projectRoot, 'node_modules/vite/bin/vite.js'), '--config', 'portal/vite.config.ts', '--port', String(port)],
      {
        cwd: projectRoot,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ROSTER_API_URL: app.baseUrl },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise((resolve) => child.on('close', resolve));
    try {
      const base = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + 20_000;
      let page = '';
      while (page === '' && Date.now() < deadline) {
        page = await fetch(`${base}/groups`, { headers: { accept: 'text/html' } }).then(
          (response) => (response.ok ? response.text() : ''),
          () => '',
        );
        if (page === '') await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(page, output).toContain('/@vite/client');
      expect(page).toContain('/src/main.tsx');
      expect((await fetch(`${base}/src/main.tsx`)).status).toBe(200);

      const answer = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
        body: JSON.stringify({ query: '{ version }' }),
      });
      expect(await answer.json()).toEqual({ data: { version } });
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
