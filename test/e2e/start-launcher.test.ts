import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/version.js';

const run = promisify(execFile);

/** `npm start` runs scripts/start.ts, then the built server: what it does before the server. */
async function launcher(env: Record<string, string>): Promise<{ code: number; stderr: string; ms: number }> {
  const started = Date.now();
  try {
    const { stderr } = await run(process.execPath, [path.join(projectRoot, 'node_modules/tsx/dist/cli.mjs'), 'scripts/start.ts'], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    });
    return { code: 0, stderr, ms: Date.now() - started };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr, ms: Date.now() - started };
  }
}

describe("npm start's launcher", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'roster-launcher-'));
  });
  afterAll(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('does not rebuild a current dist/ (the test run built it)', async () => {
    const result = await launcher({ DATA_DIR: dataDir });
    expect(result).toMatchObject({ code: 0, stderr: '' });
  });

  it('refuses a bad setting before anything else', async () => {
    const result = await launcher({ DATA_DIR: dataDir, PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT: must be a whole number from 0 to 65535 (got "eighty")');
    expect(result.stderr).not.toContain('Building');
  });

  it('refuses a data folder another live Roster process holds, naming it', async () => {
    const holder = spawn('sleep', ['30']);
    try {
      await fs.writeFile(path.join(dataDir, 'roster.lock'), `${holder.pid}\n`);
      const result = await launcher({ DATA_DIR: dataDir });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Another Roster process (pid ${holder.pid}) is using the data folder ${dataDir}`);
    } finally {
      holder.kill();
      await fs.rm(path.join(dataDir, 'roster.lock'), { force: true });
    }
  });
});
