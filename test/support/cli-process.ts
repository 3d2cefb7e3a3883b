import { execFile } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../src/version.js';

export interface CliResult {
  /** The exit code; null when the process was killed (it ran past `timeoutMs`). */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/**
 * Runs the **built** operator CLI (`node dist/src/cli/roster.js`, as in the image) with `env` on
 * top of a minimal environment, and kills it after `timeoutMs` so a hang fails the test instead
 * of stalling the run.
 */
export function runCli(env: Record<string, string>, args: readonly string[], timeoutMs = 25_000): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(projectRoot, 'dist/src/cli/roster.js'), ...args],
      { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'test', ...env }, timeout: timeoutMs, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr, ms: Date.now() - started });
      },
    );
  });
}

/** A stack frame as Node prints one (`    at fn (file:line:col)`). */
export const stackFrame = /^\s+at /m;

/** stderr as an operator reads it: one line, and no stack frame. */
export function oneLine(stderr: string): string | undefined {
  const lines = stderr.trimEnd().split('\n');
  return lines.length === 1 && !stackFrame.test(stderr) ? lines[0] : undefined;
}
