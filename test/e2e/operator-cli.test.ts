import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignInDocument } from '../generated/graphql.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { graphqlRequest } from '../support/graphql.js';
import { spawnBuiltServer, waitForStatus } from '../support/server-process.js';
import { projectRoot } from '../../src/version.js';

const run = promisify(execFile);

/** The operator CLI, built (`node dist/src/cli/roster.js`), as it runs in the image. */
async function cli(databaseUrl: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(projectRoot, 'dist/src/cli/roster.js'), ...args], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', DATABASE_URL: databaseUrl },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('operator commands', () => {
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

  it('create an organization and an admin who can then sign in; reset the password', async () => {
    const org = await cli(database.url, 'create-organization', '--name', 'Acme Corp', '--plan', 'pro');
    expect(org.code).toBe(0);
    const organizationId = /with id ([0-9a-f-]{36})/.exec(org.stdout)?.[1] ?? '';
    expect(org.stdout).toContain('Created organization "Acme Corp" (PRO)');

    const admin = await cli(database.url, 'create-admin', '--organization', organizationId, '--email', 'ops@acme.example', '--role', 'OWNER');
    expect(admin.code).toBe(0);
    const password = /with password (\S+)/.exec(admin.stdout)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(20);
    const signedIn = await graphqlRequest(app.baseUrl, SignInDocument, { input: { email: 'ops@acme.example', password } });
    expect(signedIn.data?.signIn.viewer.admin.role).toBe('OWNER');

    const reset = await cli(database.url, 'reset-password', '--email', 'ops@acme.example', '--password', 'a brand new password');
    expect(reset.stdout).toContain('their sessions are ended');
    const old = await graphqlRequest(app.baseUrl, SignInDocument, { input: { email: 'ops@acme.example', password } });
    expect(old.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('explain what is wrong and exit non-zero', async () => {
    expect(await cli(database.url, 'launch-rockets')).toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown command "launch-rockets"') });
    expect(await cli(database.url, 'create-admin', '--email', 'x@y.example')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--organization is required'),
    });
    expect(await cli(database.url, 'create-organization', '--name', 'X', '--plan', 'gold')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--plan must be one of FREE, PRO'),
    });
    expect(await cli(database.url, 'create-admin', '--organization', 'nope', '--email', 'x@y.example')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('No organization with id "nope"'),
    });
  });
});

describe('first start in development', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ migrated: false });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('creates a demo organization once, prints working credentials on the console, never in the JSON log', async () => {
    const first = spawnBuiltServer({ DATABASE_URL: database.url, BOOTSTRAP_DEMO: 'true' });
    const port = await first.port();
    await waitForStatus(`http://127.0.0.1:${port}/readyz`, 200);
    const banner = first.logs.find((line) => line.unparsed === true && String(line.msg).includes('Sign in with'));
    const [, email, password] = /email: (\S+)\s+password: (\S+)/.exec(String(banner?.msg)) ?? [];
    expect(email).toBe('admin@demo.roster.local');
    const signedIn = await graphqlRequest(`http://127.0.0.1:${port}`, SignInDocument, { input: { email: email ?? '', password: password ?? '' } });
    expect(signedIn.data?.signIn.viewer.organization).toMatchObject({ plan: 'PRO', features: { scim: true } });
    expect(JSON.stringify(first.logs.filter((line) => line.unparsed !== true))).not.toContain(password);
    first.child.kill('SIGTERM');
    await first.exited;

    const second = spawnBuiltServer({ DATABASE_URL: database.url, BOOTSTRAP_DEMO: 'true' });
    await waitForStatus(`http://127.0.0.1:${await second.port()}/readyz`, 200);
    expect(second.logs.some((line) => String(line.msg).includes('Sign in with'))).toBe(false);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
