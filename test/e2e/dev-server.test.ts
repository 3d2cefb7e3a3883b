import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreeLoopbackPort } from '../../src/db/embedded-postgres.js';
import { projectRoot } from '../../src/version.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * `npm run dev` runs the sources with tsx, which emits no decorator metadata: whatever the ORM or
 * the schema would infer from it must be declared instead. The demo organization's first event
 * is read through GraphQL there, as a newcomer following the guides does.
 */
describe('the server run from sources (npm run dev)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ migrated: false });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('is ready only once the demo credentials are printed, and answers the activity log and its cursors', async () => {
    const port = await findFreeLoopbackPort();
    const child = spawn(process.execPath, [path.join(projectRoot, 'node_modules/tsx/dist/cli.mjs'), 'src/main.ts'], {
      cwd: projectRoot,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        NODE_ENV: 'development',
        DATABASE_URL: database.url,
        PORT: String(port),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => child.on('close', resolve));
    try {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      // Ready means ready: by the first 200 of /readyz, the first start's credentials are printed
      // (a client waiting for readiness and then signing in must not race the bootstrap).
      const deadline = Date.now() + 30_000;
      let ready = false;
      while (!ready && Date.now() < deadline) {
        ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
          (response) => response.status === 200,
          () => false,
        );
        if (!ready) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const printedWhenReady = output;
      expect(ready).toBe(true);
      const password = /password: (\S+)\r?\n/.exec(printedWhenReady)?.[1] ?? '';
      expect(password).not.toBe('');
      const graphql = async (query: string, variables: Record<string, unknown> = {}, cookie = '') => {
        const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true', ...(cookie ? { cookie } : {}) },
          body: JSON.stringify({ query, variables }),
        });
        return { body: (await response.json()) as { data?: unknown; errors?: unknown[] }, cookie: response.headers.get('set-cookie')?.split(';')[0] ?? '' };
      };
      const signedIn = await graphql('mutation SignIn($input: SignInInput!) { signIn(input: $input) { viewer { admin { email } } } }', {
        input: { email: 'admin@demo.roster.local', password },
      });
      expect(signedIn.body.errors).toBeUndefined();
      const activity = await graphql('{ viewer { organization { activity(first: 5) { edges { cursor node { action } } } } } }', {}, signedIn.cookie);
      expect(activity.body).toEqual({
        data: { viewer: { organization: { activity: { edges: [{ cursor: expect.any(String), node: { action: 'admin.created' } }] } } } },
      });
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
