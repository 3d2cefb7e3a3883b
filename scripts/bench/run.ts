/**
 * `npm run bench -- [options]` (see options.ts): builds nothing itself (the npm script runs
 * `npm run build` first), then orchestrates the run. Roster runs as its own process from
 * `dist/`, as deployed; the floors run beside it; this process only sets up, generates the load
 * and reads the others' CPU from /proc. Progress goes to stderr, the report to stdout, every
 * figure to the JSON file.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../src/logger.js';
import { projectRoot } from '../../src/version.js';
import { createCleanup, exitOnSignals } from './cleanup.js';
import { buildFloors } from './floor-build.js';
import { parseOptions, usage, UsageError, type BenchOptions } from './options.js';
import { startBenchPostgres, type BenchPostgres } from './postgres.js';
import { clockTicks } from './proc-cpu.js';
import { formatRound, formatScale, formatTargets } from './report.js';
import { runRound, type RoundResult } from './round.js';
import { runScaleCheck, type ScaleResult } from './scale.js';
import { checkTargets } from './targets.js';

function readOptions(): BenchOptions {
  try {
    return parseOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${usage}\n`);
    process.exit(2);
  }
}

/**
 * The Roster code measured: the last commit that changed the server (not this benchmark), so
 * "before" and "after" figures can be told apart later.
 */
function rosterCommit(): string {
  const server = ['src', 'migrations', 'package-lock.json'];
  const git = (...args: string[]) => execFileSync('git', args, { cwd: projectRoot, encoding: 'utf8' }).trim();
  try {
    const commit = git('log', '-1', '--format=%h %s', '--', ...server);
    return git('status', '--porcelain', '--', ...server) === '' ? commit : `${commit} (with uncommitted changes)`;
  } catch {
    return 'unknown';
  }
}

function environment(options: BenchOptions, postgres: BenchPostgres) {
  return {
    date: new Date().toISOString(),
    rosterCommit: rosterCommit(),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cores: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    postgres: { version: postgres.version, embedded: postgres.embedded, server: postgres.display, cpuMeasured: postgres.postmasterPid !== undefined },
    clockTicksPerSecond: clockTicks,
    options,
  };
}

const options = readOptions();
const cleanup = createCleanup();
exitOnSignals(cleanup);
const tempDir = await mkdtemp(path.join(os.tmpdir(), 'roster-bench-'));
// PostgreSQL runs as its own OS user (`postgres` when we are root): it must reach its data
// folder and the scale check's COPY files inside this one.
await chmod(tempDir, 0o755);
const logDir = path.join(tempDir, 'logs');
await mkdir(logDir);
// The servers' logs (access lines, and whatever BENCH_ROSTER_NODE_ARGS such as --trace-gc prints).
let keepLogs = process.env.BENCH_KEEP_LOGS === '1';
cleanup.add('remove the temp folder', async () => {
  await rm(keepLogs ? path.join(tempDir, 'postgres') : tempDir, { recursive: true, force: true });
  if (keepLogs) process.stderr.write(`Server logs kept in ${logDir}\n`);
});

let exitCode = 0;
try {
  await buildFloors();
  const logger = createLogger({ logLevel: 'warn' }, process.stderr);
  const postgres = await startBenchPostgres(tempDir, cleanup, logger);
  const runId = String(process.pid);
  const context = { postgres, cleanup, logDir, runId };
  process.stderr.write(
    `Roster benchmark: ${options.users} users, concurrency ${options.concurrencies.join(', ')}; ${postgres.version.split(' on ')[0] ?? ''} (${postgres.display})\n`,
  );

  const rounds: RoundResult[] = [];
  for (const concurrency of options.concurrencies) {
    const round = await runRound(context, { concurrency, users: options.users, phases: options.phases, warmup: options.warmup });
    rounds.push(round);
    process.stdout.write(`\n${formatRound(round)}\n`);
  }
  let scale: ScaleResult | undefined;
  if (options.scale !== undefined) {
    scale = await runScaleCheck(context, tempDir, options.scale);
    process.stdout.write(`\n${formatScale(scale)}\n`);
  }
  const targets = checkTargets(rounds, scale);
  process.stdout.write(`\n${formatTargets(targets)}\n`);

  const failed =
    rounds.reduce((sum, r) => sum + r.phases.reduce((s, p) => s + p.roster.errors + p.floor.errors, 0) + r.unmeasuredFailures.length + r.webhooks.errors, 0) +
    (scale?.measurements.reduce((s, m) => s + m.large.errors + m.small.errors, 0) ?? 0);
  const jsonPath = path.resolve(projectRoot, options.jsonPath);
  await mkdir(path.dirname(jsonPath), { recursive: true });
  await writeFile(jsonPath, JSON.stringify({ environment: environment(options, postgres), rounds, scale: scale ?? null, targets }, null, 2) + '\n');
  process.stderr.write(`\nEvery figure: ${jsonPath}\n`);
  if (failed > 0) {
    keepLogs = true;
    process.stderr.write(`${failed} request(s) or step(s) failed; see the report above.\n`);
    exitCode = 1;
  } else if (options.strict && targets.some((t) => t.met === false)) {
    exitCode = 3;
  }
} catch (error) {
  // After Ctrl-C the servers are being stopped under the run, which then fails: that is no news.
  if (!cleanup.interrupted) {
    keepLogs = true;
    process.stderr.write(`\nThe benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  exitCode = 1;
} finally {
  await cleanup.runAll();
}
process.exit(exitCode);
