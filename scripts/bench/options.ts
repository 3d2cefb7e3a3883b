import { parseArgs } from 'node:util';
import { phaseNames, type PhaseName } from './phases.js';

export interface BenchOptions {
  /** Users created per round; the other phases are sized from it. */
  readonly users: number;
  /** One full round per entry, each from fresh databases. */
  readonly concurrencies: readonly number[];
  /** The phases measured and reported (create always runs: every other phase needs the users). */
  readonly phases: readonly PhaseName[];
  /** Users created in a separate group before measuring, so both servers are warm (0: none). */
  readonly warmup: number;
  /** Members seeded for the scale check, or undefined to skip it. */
  readonly scale: number | undefined;
  readonly jsonPath: string;
  /** Exit 3 when a target is not met (by default that is reported only). */
  readonly strict: boolean;
}

export const usage = `Usage: npm run bench -- [--users N] [--concurrency C1,C2,…] [--phases P1,P2,…] [--warmup W]
                         [--scale M] [--json PATH] [--strict]

  --users N          users per round, at least 100 (default 10000)
  --concurrency C,…  requests in flight, one full round each (default 8,32)
  --phases P,…       report only these of ${phaseNames.join(',')} (default all; create runs anyway)
  --warmup W         first take W users through every phase in a group of their own, unmeasured (default 200; 0: none)
  --scale M          also run the scale check with M members in one group (e.g. 1000000)
  --json PATH        where to write every figure (default bench-results/<ISO time>.json)
  --strict           exit 3 when a target is not met
Environment: BENCH_DATABASE_URL=postgres://… uses that PostgreSQL server instead of an embedded one;
             BENCH_ROSTER_CPU_PROFILE=<folder> writes a CPU profile of each Roster process there (node --cpu-prof);
             BENCH_ROSTER_NODE_ARGS="…" passes more node options to each Roster (--trace-gc, heap flags to try);
             BENCH_KEEP_LOGS=1 keeps the servers' logs (kept anyway when something failed) and says where.`;

export class UsageError extends Error {
  override name = 'UsageError';
}

function wholeNumber(text: string, option: string, min: number, max: number): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max)
    throw new UsageError(`--${option} must be a whole number from ${min} to ${max} (got "${text}").`);
  return value;
}

/** Reads and checks the command line; throws UsageError with the problem. */
export function parseOptions(argv: readonly string[], now = new Date()): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        users: { type: 'string', default: '10000' },
        concurrency: { type: 'string', default: '8,32' },
        phases: { type: 'string' },
        warmup: { type: 'string', default: '200' },
        scale: { type: 'string' },
        json: { type: 'string' },
        strict: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const concurrencies = values.concurrency.split(',').map((c) => wholeNumber(c, 'concurrency', 1, 1024));
  const phases = values.phases?.split(',').map((p) => p.trim()) ?? [...phaseNames];
  const unknown = phases.filter((p) => !(phaseNames as readonly string[]).includes(p));
  if (unknown.length > 0) throw new UsageError(`--phases: unknown phase ${unknown.join(', ')}; the phases are ${phaseNames.join(', ')}.`);
  return {
    users: wholeNumber(values.users, 'users', 100, 10_000_000),
    concurrencies,
    // Kept in the order they run, whatever order they were given in.
    phases: phaseNames.filter((p) => phases.includes(p)),
    warmup: wholeNumber(values.warmup, 'warmup', 0, 100_000),
    scale: values.scale === undefined ? undefined : wholeNumber(values.scale, 'scale', 10_000, 100_000_000),
    // Colons are legal on Linux but not everywhere the file may be copied to.
    jsonPath: values.json ?? `bench-results/${now.toISOString().replace(/:/g, '-')}.json`,
    strict: values.strict,
  };
}
