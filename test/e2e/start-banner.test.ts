import { execFileSync, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreeLoopbackPort } from '../../src/db/embedded-postgres.js';
import { projectRoot } from '../../src/version.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * The built server run on a terminal (util-linux `script` gives it one): the human banner, and
 * what it says on a first and a later start. Machines (no terminal, or production) get JSON only.
 */
async function runOnTerminal(env: Record<string, string>): Promise<string> {
  const child = spawn('script', ['-qfec', 'exec node dist/src/main.js', '/dev/null'], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      // The server is the terminal's child: stop it too, so a failed run leaves nothing behind.
      try {
        execFileSync('pkill', ['-KILL', '-P', String(child.pid)]);
      } catch {
        // none left
      }
      child.kill('SIGKILL');
      reject(new Error(`not ready within 20 s:\n${output}`));
    }, 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('"msg":"Roster is ready"') && (output.includes('Press Ctrl-C to stop.') || env.NODE_ENV === 'production')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  // Stop the server itself (the terminal's process is its parent), as Ctrl-C would.
  const server = execFileSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' }).trim();
  process.kill(Number(server), 'SIGINT');
  await closed;
  return output.replace(/\r/g, '');
}

const bannerOf = (output: string) =>
  output
    .split('\n')
    .filter((line) => !line.startsWith('{'))
    .join('\n');

describe('the start banner', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ migrated: false });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('shows where everything is on a terminal, the demo credentials once, then the demo admin and how to reset it', async () => {
    const port = String(await findFreeLoopbackPort());
    const env = { NODE_ENV: 'development', DATABASE_URL: database.url, PORT: port };
    const first = bannerOf(await runOnTerminal(env));
    expect(first).toContain('First start: created a demo organization (PRO plan) and its owner.');
    expect(first).toMatch(/Sign in with {3}email: admin@demo\.roster\.local {3}password: \S{20,}/);
    // The portal is the first URL printed: where a newcomer goes next.
    expect(first.split('\n').find((line) => line.includes('http://'))).toBe(`  Admin portal http://localhost:${port}/`);
    expect(first).toContain(`GraphQL API  http://localhost:${port}/graphql`);
    expect(first).toContain(`GraphQL IDE  http://localhost:${port}/graphql (open it in a browser)`);
    expect(first).toContain(`Health       http://localhost:${port}/healthz  ·  readiness http://localhost:${port}/readyz`);
    expect(first).toContain(`Metrics      http://localhost:${port}/metrics`);
    expect(first).not.toContain('Demo admin');

    const later = bannerOf(await runOnTerminal({ ...env, GRAPHQL_IDE: 'false' }));
    expect(later).not.toContain('password:');
    expect(later).toContain('Demo admin   admin@demo.roster.local');
    expect(later).toContain('npm run cli -- reset-password --email admin@demo.roster.local');
    expect(later).toContain('GraphQL IDE  off (GRAPHQL_IDE=false)');
  });

  it('is not printed in production, where the log is for machines, and warns loudly of an unreachable PUBLIC_URL', async () => {
    const port = String(await findFreeLoopbackPort());
    const output = await runOnTerminal({ NODE_ENV: 'production', DATABASE_URL: database.url, PORT: port, PUBLIC_URL: `http://127.0.0.1:${port}` });
    const lines = output.split('\n').filter((line) => line.trim() !== '');
    expect(lines.every((line) => line.startsWith('{'))).toBe(true);
    const warning = lines.map((line) => JSON.parse(line) as { level: string; msg: string }).find((line) => line.level === 'warn');
    expect(warning?.msg).toMatch(/^PUBLIC_URL http:\/\/127\.0\.0\.1:\d+ is a loopback address: no identity provider can reach/);
  });
});
