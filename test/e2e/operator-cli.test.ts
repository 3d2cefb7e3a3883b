import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findFreeLoopbackPort } from '../../src/db/embedded-postgres.js';
import { SignInDocument } from '../generated/graphql.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { oneLine, runCli, stackFrame } from '../support/cli-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { graphqlRequest } from '../support/graphql.js';
import { spawnBuiltServer, waitForStatus } from '../support/server-process.js';

const commandNames = ['migrate', 'create-organization', 'create-admin', 'reset-password', 'list-organizations', 'list-admins'];

describe('operator commands', () => {
  let database: TestDatabase;
  let app: TestApp;
  const cli = (...args: string[]) => runCli({ DATABASE_URL: database.url }, args);
  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startTestApp(database.url);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('migrate applies what is pending and says which, then that the database is up to date', async () => {
    const empty = await createTestDatabase({ migrated: false });
    try {
      const first = await runCli({ DATABASE_URL: empty.url }, ['migrate']);
      expect(first).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Applied \d+ migration\(s\): Migration\d{14}_initial, /) });
      const again = await runCli({ DATABASE_URL: empty.url }, ['migrate']);
      expect(again).toMatchObject({ code: 0, stdout: 'The database is up to date.\n' });
    } finally {
      await empty.drop();
    }
  });

  it('create an organization and an admin who can then sign in; reset the password', async () => {
    const org = await cli('create-organization', '--name', 'Acme Corp', '--plan', 'pro');
    expect(org.code).toBe(0);
    const organizationId = /with id ([0-9a-f-]{36})/.exec(org.stdout)?.[1] ?? '';
    expect(org.stdout).toContain('Created organization "Acme Corp" (PRO)');

    const admin = await cli('create-admin', '--organization', organizationId, '--email', 'ops@acme.example', '--role', 'OWNER');
    expect(admin.code).toBe(0);
    const password = /with password (\S+)/.exec(admin.stdout)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(20);
    const signedIn = await graphqlRequest(app.baseUrl, SignInDocument, { input: { email: 'ops@acme.example', password } });
    expect(signedIn.data?.signIn.viewer.admin.role).toBe('OWNER');

    const reset = await cli('reset-password', '--email', 'ops@acme.example', '--password', 'a brand new password');
    expect(reset.stdout).toContain('their sessions are ended');
    const old = await graphqlRequest(app.baseUrl, SignInDocument, { input: { email: 'ops@acme.example', password } });
    expect(old.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answer a command-line mistake with one line and the usage on stderr, exit 2', async () => {
    const unknown = await cli('launch-rockets');
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr.split('\n')[0]).toBe('Unknown command "launch-rockets".');
    for (const name of commandNames) expect(unknown.stderr).toContain(`\n  ${name}`);

    const option = await cli('create-admin', '--organization', 'x', '--email', 'x@y.example', '--force');
    expect(option).toMatchObject({ code: 2, stdout: '' });
    expect(option.stderr.split('\n')[0]).toBe('Unknown option "--force" for create-admin.');
    expect(option.stderr).toContain('Usage: roster create-admin --organization <id> --email <email>');

    for (const [args, first] of [
      [['create-admin', '--email', 'x@y.example'], '--organization is required'],
      [['create-organization', '--name', 'X', '--plan', 'gold'], '--plan must be one of FREE, PRO (got "gold").'],
      [['create-organization', '--name'], '--name needs a value'],
      [['list-admins', '--json=yes'], '--json takes no value.'],
      [['list-organizations', 'extra'], 'Unexpected argument "extra" for list-organizations.'],
      [[], 'No command given.'],
    ] as const) {
      const result = await cli(...args);
      expect({ code: result.code, first: result.stderr.split('\n')[0] }).toEqual({ code: 2, first: expect.stringContaining(first) as string });
      expect(result.stderr).toContain('Usage: roster ');
      expect(result.stderr).not.toMatch(stackFrame);
    }
  });

  it('a create-admin or reset-password that fails exits 1 with one line on stderr', async () => {
    const created = await cli('create-organization', '--name', 'Failures Inc');
    const organizationId = /with id (\S+)/.exec(created.stdout)?.[1] ?? '';
    expect((await cli('create-admin', '--organization', organizationId, '--email', 'taken@failures.example')).code).toBe(0);
    for (const [args, line] of failures(organizationId)) {
      const result = await cli(...args);
      expect({ args, code: result.code, stdout: result.stdout, stderr: oneLine(result.stderr) }).toEqual({ args, code: 1, stdout: '', stderr: line });
    }
  });
});

/** create-admin and reset-password failures an operator makes, with the one line each prints. */
function failures(organizationId: string): [string[], string][] {
  const admin = (organization: string, email: string, password = 'a long enough password') => [
    'create-admin',
    '--organization',
    organization,
    '--email',
    email,
    '--password',
    password,
  ];
  return [
    [admin(organizationId, 'TAKEN@failures.example'), 'An admin with the email TAKEN@failures.example exists already.'],
    [admin(organizationId, 'new@failures.example', 'short'), 'The password must have at least 12 characters.'],
    [admin('00000000-0000-4000-8000-000000000000', 'new@failures.example'), 'No organization with id "00000000-0000-4000-8000-000000000000".'],
    [admin('not-an-id', 'new@failures.example'), 'No organization with id "not-an-id".'],
    [admin(organizationId, 'not-an-email'), '"not-an-email" is not an email address.'],
    [['reset-password', '--email', 'nobody@failures.example'], 'No admin with the email nobody@failures.example.'],
  ];
}

describe('help', () => {
  // Help reads no configuration and opens no database: a port where nothing listens proves it.
  const env = { DATABASE_URL: 'postgres://roster:secret@127.0.0.1:9/none' };

  it('roster --help, -h and help list every command with its options, exit 0', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const result = await runCli(env, args);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(/^Usage: roster <command> \[options\]/);
      expect(result.stdout).toContain('\n  create-admin --organization <id> --email <email> [--role OWNER|ADMIN|VIEWER] [--password <password>]\n');
      expect(result.stdout).toContain('\n  list-admins [--organization <id>] [--json]\n');
    }
  });

  it('each command has its own usage line and options, by --help (wherever it stands) or help <command>', async () => {
    const options: Record<string, string[]> = {
      'create-organization': ['--name <name>', '--plan FREE|PRO'],
      'create-admin': ['--organization <id>', '--email <email>', '--role OWNER|ADMIN|VIEWER', '--password <password>'],
      'reset-password': ['--email <email>', '--password <password>'],
      'list-organizations': ['--json'],
      'list-admins': ['--organization <id>', '--json'],
    };
    for (const name of commandNames) {
      for (const args of [[name, '--help'], ['help', name], ...(name === 'create-admin' ? [[name, '--bogus', '--email', 'x', '-h']] : [])]) {
        const result = await runCli(env, args);
        expect(result).toMatchObject({ code: 0, stderr: '' });
        expect(result.stdout.split('\n')[0]).toMatch(new RegExp(`^Usage: roster ${name}( |$)`));
        for (const option of options[name] ?? []) expect(result.stdout).toContain(`\n  ${option} `);
      }
    }
  });
});

describe('listing organizations and admins', () => {
  let database: TestDatabase;
  const cli = (...args: string[]) => runCli({ DATABASE_URL: database.url }, args);
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('prints an aligned table, or JSON with --json, and never a password hash', async () => {
    expect(await cli('list-organizations', '--json')).toMatchObject({ code: 0, stdout: '[]\n' });
    const acme = /with id (\S+)/.exec((await cli('create-organization', '--name', 'Acme Corp', '--plan', 'PRO')).stdout)?.[1] ?? '';
    const tiny = /with id (\S+)/.exec((await cli('create-organization', '--name', 'Tiny')).stdout)?.[1] ?? '';
    await cli('create-admin', '--organization', acme, '--email', 'owner@acme.example', '--role', 'OWNER', '--password', 'the owner password');
    await cli('create-admin', '--organization', acme, '--email', 'viewer@acme.example', '--role', 'VIEWER');
    await cli('create-admin', '--organization', tiny, '--email', 'solo@tiny.example');

    const table = await cli('list-organizations');
    expect(table).toMatchObject({ code: 0, stderr: '' });
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    // Aligned: each value starts where its header does, columns two or more spaces apart.
    const column = (header: string) => lines.map((line) => line.slice(lines[0]?.indexOf(header)).split(/ {2,}/)[0]);
    expect(column('ID')).toEqual(['ID', acme, tiny]);
    expect(column('NAME')).toEqual(['NAME', 'Acme Corp', 'Tiny']);
    expect(column('PLAN')).toEqual(['PLAN', 'PRO', 'FREE']);
    expect(column('CREATED')).toEqual(['CREATED', expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/), expect.stringMatching(/ UTC$/)]);
    expect(column('ADMINS')).toEqual(['ADMINS', '2', '1']);

    const organizations = JSON.parse((await cli('list-organizations', '--json')).stdout) as unknown[];
    expect(organizations).toEqual([
      { id: acme, name: 'Acme Corp', plan: 'PRO', createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string, adminCount: 2 },
      { id: tiny, name: 'Tiny', plan: 'FREE', createdAt: expect.any(String) as string, adminCount: 1 },
    ]);

    const admins = await cli('list-admins');
    expect(admins.stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^EMAIL {2,}ROLE {2,}ORGANIZATION {2,}ORGANIZATION ID {2,}CREATED$/),
      expect.stringMatching(new RegExp(`^owner@acme\\.example {2,}OWNER {2,}Acme Corp {2,}${acme} {2,}\\d{4}-`)),
      expect.stringMatching(new RegExp(`^viewer@acme\\.example {1,}VIEWER {2,}Acme Corp {2,}${acme} `)),
      expect.stringMatching(new RegExp(`^solo@tiny\\.example {2,}ADMIN {2,}Tiny {2,}${tiny} `)),
    ]);
    const ofAcme = await cli('list-admins', '--organization', acme, '--json');
    expect((JSON.parse(ofAcme.stdout) as { email: string; organization: unknown }[]).map((a) => [a.email, a.organization])).toEqual([
      ['owner@acme.example', { id: acme, name: 'Acme Corp' }],
      ['viewer@acme.example', { id: acme, name: 'Acme Corp' }],
    ]);
    expect(ofAcme.stdout + admins.stdout).not.toMatch(/scrypt|hash|the owner password/i);
    expect(await cli('list-admins', '--organization', 'nope')).toMatchObject({ code: 1, stderr: 'No organization with id "nope".\n' });
    // As in the image (NODE_ENV=production, DATABASE_URL only): the CLI needs no PUBLIC_URL.
    const inImage = await runCli({ NODE_ENV: 'production', DATABASE_URL: database.url }, ['list-organizations', '--json']);
    expect({ code: inImage.code, stderr: inImage.stderr, names: (JSON.parse(inImage.stdout || '[]') as { name: string }[]).map((o) => o.name) }).toEqual({
      code: 0,
      stderr: '',
      names: ['Acme Corp', 'Tiny'],
    });
  });
});

describe('a database that cannot be reached', () => {
  it('fails in bounded time with one line naming the URL (password redacted) and the fix where there is one, exit 1', async () => {
    const closed = await findFreeLoopbackPort();
    const refused = await runCli({ DATABASE_URL: `postgres://roster:s3cret@127.0.0.1:${closed}/roster` }, ['list-organizations']);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(oneLine(refused.stderr)).toBe(`Cannot use the database postgres://roster:***@127.0.0.1:${closed}/roster: connect ECONNREFUSED 127.0.0.1:${closed}`);

    const missing = new URL(inject('databaseServer').adminUrl);
    missing.pathname = '/roster_no_such_database';
    const absent = await runCli({ DATABASE_URL: missing.toString() }, ['list-organizations']);
    expect(absent.code).toBe(1);
    expect(oneLine(absent.stderr)).toMatch(
      /^Cannot use the database \S+\/roster_no_such_database: database "roster_no_such_database" does not exist on .*: create it/,
    );

    // Accepts connections and never answers, like a firewall that drops packets.
    const sockets = new Set<net.Socket>();
    const blackHole = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const { port } = blackHole.address() as net.AddressInfo;
    try {
      const silent = await runCli(
        { DATABASE_URL: `postgres://roster:s3cret@127.0.0.1:${port}/roster`, DB_CONNECT_TIMEOUT_MS: '1000', DB_ACQUIRE_TIMEOUT_MS: '1000' },
        ['create-admin', '--organization', 'x', '--email', 'x@y.example'],
        15_000,
      );
      expect(silent.code).toBe(1);
      expect(oneLine(silent.stderr)).toMatch(
        new RegExp(`^Cannot use the database postgres://roster:\\*\\*\\*@127\\.0\\.0\\.1:${port}/roster: no answer in time`),
      );
      expect(silent.ms).toBeLessThan(10_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => blackHole.close(resolve));
    }
  });
});

describe('on the embedded database (no DATABASE_URL)', () => {
  let dataDir: string;
  const cli = (...args: string[]) => runCli({ DATA_DIR: dataDir }, args);
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'roster-cli-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('starts PostgreSQL for the command when no server runs, and a failure still exits 1', async () => {
    const created = await cli('create-organization', '--name', 'Local');
    expect(created.code).toBe(0);
    const organizationId = /with id (\S+)/.exec(created.stdout)?.[1] ?? '';
    expect((await cli('create-admin', '--organization', organizationId, '--email', 'taken@failures.example')).code).toBe(0);
    // These exited 0 here: embedded-postgres' beforeExit hook called process.exit(0).
    for (const [args, line] of failures(organizationId).slice(0, 2)) {
      const result = await cli(...args);
      expect({ code: result.code, stderr: oneLine(result.stderr) }).toEqual({ code: 1, stderr: line });
    }
    expect(existsSync(path.join(dataDir, 'roster.lock'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'postgres-port.json'))).toBe(false);
  });

  it("works while the server runs on it, through that server's PostgreSQL, and leaves it running", async () => {
    const server = spawnBuiltServer({ DATA_DIR: dataDir });
    try {
      const ready = await server.waitForLog((line) => line.msg === 'Roster is ready', 60_000);
      const pgPort = Number(new URL(String(ready.database)).port);
      const portFile = path.join(dataDir, 'postgres-port.json');
      expect(JSON.parse(await readFile(portFile, 'utf8'))).toEqual({ pid: server.child.pid, port: pgPort });
      expect((await stat(portFile)).mode & 0o777).toBe(0o600);

      const created = await cli('create-organization', '--name', 'Made while serving');
      expect(created).toMatchObject({ code: 0, stderr: '' });
      const listed = JSON.parse((await cli('list-organizations', '--json')).stdout) as { name: string }[];
      expect(listed.map((o) => o.name)).toEqual(['Local', 'Made while serving']);

      // The row is in the server's own database, and its PostgreSQL still serves it.
      await waitForStatus(`http://127.0.0.1:${await server.port()}/readyz`, 200);
      const password = (await readFile(path.join(dataDir, 'postgres-password'), 'utf8')).trim();
      const client = new pg.Client({ host: '127.0.0.1', port: pgPort, user: 'postgres', password, database: 'roster' });
      await client.connect();
      const rows = await client.query<{ name: string }>('select name from organization order by created_at');
      await client.end();
      expect(rows.rows.map((r) => r.name)).toEqual(['Local', 'Made while serving']);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
    expect(existsSync(path.join(dataDir, 'postgres-port.json'))).toBe(false);
  }, 90_000);

  it('says in one line what to do when the folder is held by a process that published no port', async () => {
    // A live process that is not a Roster server publishing its port: this test runner.
    await writeFile(path.join(dataDir, 'roster.lock'), `${process.pid}\n`);
    try {
      const result = await cli('list-organizations');
      expect(result.code).toBe(1);
      expect(oneLine(result.stderr)).toMatch(
        new RegExp(
          `^Another Roster process \\(pid ${process.pid}\\) is using the data folder .* has not published its PostgreSQL port .*missing.*DATABASE_URL`,
        ),
      );
      expect(result.ms).toBeLessThan(20_000);
    } finally {
      await rm(path.join(dataDir, 'roster.lock'), { force: true });
    }
  }, 40_000);
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
