import fs from 'node:fs/promises';
import path from 'node:path';

export class DirectoryLockedError extends Error {
  override name = 'DirectoryLockedError';
}

export interface DirectoryLock {
  release(): Promise<void>;
}

/** True when a process with this id exists (signal 0 checks without signalling). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const lockFile = (dir: string): string => path.join(dir, 'roster.lock');

/** The id of the live process, other than this one, holding `<dir>/roster.lock`; undefined when none does. */
export async function lockHolder(dir: string): Promise<number | undefined> {
  const holder = Number.parseInt(await fs.readFile(lockFile(dir), 'utf8').catch(() => ''), 10);
  return Number.isInteger(holder) && holder > 0 && holder !== process.pid && isProcessAlive(holder) ? holder : undefined;
}

export function lockedMessage(dir: string, holder: number): string {
  return `Another Roster process (pid ${holder}) is using the data folder ${dir}. Stop it, or set DATA_DIR to another folder, or DATABASE_URL to use a PostgreSQL server.`;
}

/**
 * Takes `<dir>/roster.lock`, created exclusively and holding this process id. A lock whose process
 * is gone (a crash, SIGKILL) is stale and taken over; a live one refuses with the fix in the message.
 */
export async function acquireDirectoryLock(dir: string): Promise<DirectoryLock> {
  const file = lockFile(dir);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await fs.writeFile(file, `${process.pid}\n`, { flag: 'wx' });
      let released = false;
      return {
        release: async () => {
          if (released) return;
          released = true;
          await fs.rm(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await lockHolder(dir);
    if (holder !== undefined) throw new DirectoryLockedError(lockedMessage(dir, holder));
    await fs.rm(file, { force: true });
  }
  throw new DirectoryLockedError(`Could not lock the data folder ${dir}; another process keeps taking it.`);
}
