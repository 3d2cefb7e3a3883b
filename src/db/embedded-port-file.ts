import { rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * `<dataDir>/postgres-port.json`: where the embedded PostgreSQL of the Roster process holding the
 * data folder listens, so operator commands can use that server instead of starting one (they
 * cannot: the folder is locked). It sits beside `postgres-password`, mode 0600 like it, is written
 * once PostgreSQL accepts connections and removed when it stops. `pid` is the writer's: a file
 * left by a killed process names a pid that no longer holds the lock, and is ignored.
 */
export interface EmbeddedPortRecord {
  readonly pid: number;
  readonly port: number;
}

export function portFileOf(dataDir: string): string {
  return path.join(dataDir, 'postgres-port.json');
}

/** Writes the record for this process (through a rename, so a reader never sees half a file). */
export async function writePortFile(dataDir: string, port: number): Promise<void> {
  const file = portFileOf(dataDir);
  const partial = `${file}.${process.pid}.tmp`;
  await fs.writeFile(partial, JSON.stringify({ pid: process.pid, port } satisfies EmbeddedPortRecord) + '\n', { mode: 0o600 });
  await fs.rename(partial, file);
}

/** The record, or undefined when the file is missing or not one (a reader treats both as "not published"). */
export async function readPortFile(dataDir: string): Promise<EmbeddedPortRecord | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await fs.readFile(portFileOf(dataDir), 'utf8'));
  } catch {
    return undefined;
  }
  const { pid, port } = (parsed ?? {}) as Partial<Record<keyof EmbeddedPortRecord, unknown>>;
  return Number.isInteger(pid) && Number.isInteger(port) ? { pid: pid as number, port: port as number } : undefined;
}

/** Removes this process's record; synchronous, so it also runs in an 'exit' listener. Never throws. */
export function removePortFile(dataDir: string): void {
  try {
    rmSync(portFileOf(dataDir), { force: true });
  } catch {
    // A file that cannot be removed is stale once this process is gone; readers check the pid.
  }
}
