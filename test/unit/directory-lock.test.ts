import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDirectoryLock, DirectoryLockedError } from '../../src/db/directory-lock.js';

describe('acquireDirectoryLock', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'roster-lock-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes this process id and removes the file on release', async () => {
    const lock = await acquireDirectoryLock(dir);
    expect((await readFile(path.join(dir, 'roster.lock'), 'utf8')).trim()).toBe(String(process.pid));
    await lock.release();
    await expect(readFile(path.join(dir, 'roster.lock'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses while another live process holds the folder, naming the fix', async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      await writeFile(path.join(dir, 'roster.lock'), `${other.pid}\n`);
      const attempt = acquireDirectoryLock(dir);
      await expect(attempt).rejects.toBeInstanceOf(DirectoryLockedError);
      await expect(attempt).rejects.toThrow(`Another Roster process (pid ${other.pid}) is using the data folder`);
      await expect(attempt).rejects.toThrow('set DATA_DIR to another folder');
    } finally {
      other.kill();
    }
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.on('exit', resolve));
    await writeFile(path.join(dir, 'roster.lock'), `${gone.pid}\n`);
    const lock = await acquireDirectoryLock(dir);
    expect((await readFile(path.join(dir, 'roster.lock'), 'utf8')).trim()).toBe(String(process.pid));
    await lock.release();
  });
});
