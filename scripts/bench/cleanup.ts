/**
 * Everything the benchmark starts (servers, databases, the embedded PostgreSQL, temp files) is
 * registered here as it is started, and torn down in reverse order at the end, on an error, or on
 * Ctrl-C / SIGTERM, so no run leaves a server or a database behind.
 */

type Teardown = () => Promise<void>;

export interface Cleanup {
  /** Registers a teardown; the returned function runs it now (once) and unregisters it. */
  add(name: string, teardown: Teardown): () => Promise<void>;
  /** Runs every registered teardown, newest first; failures are reported and skipped. Once. */
  runAll(): Promise<void>;
  /** True once Ctrl-C or SIGTERM asked the run to stop (what fails after that is no news). */
  interrupted: boolean;
}

export function createCleanup(): Cleanup {
  const entries: { name: string; teardown: Teardown; done?: Promise<void> }[] = [];
  let all: Promise<void> | undefined;
  const run = (entry: (typeof entries)[number]): Promise<void> =>
    (entry.done ??= entry.teardown().catch((error: unknown) => {
      process.stderr.write(`cleanup: ${entry.name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    }));
  return {
    add(name, teardown) {
      const entry = { name, teardown };
      entries.push(entry);
      return async () => {
        await run(entry);
        entries.splice(entries.indexOf(entry), 1);
      };
    },
    // The signal handler and the main flow's `finally` may both ask: one pass, newest first.
    runAll: () =>
      (all ??= (async () => {
        while (entries.length > 0) {
          const entry = entries.pop();
          if (entry) await run(entry);
        }
      })()),
    interrupted: false,
  };
}

/**
 * On SIGINT/SIGTERM: tear down, then exit 130/143. A second signal exits at once (the teardowns
 * of child processes end with SIGKILL after a few seconds, so the first one does not hang).
 */
export function exitOnSignals(cleanup: Cleanup): void {
  let stopping = false;
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(code);
      stopping = true;
      cleanup.interrupted = true;
      process.stderr.write(`\n${signal}: stopping the servers and dropping the benchmark databases…\n`);
      void cleanup.runAll().finally(() => process.exit(code));
    });
  }
}
