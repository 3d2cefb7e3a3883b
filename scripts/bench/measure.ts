/**
 * One measured phase: CPU samples of the server, PostgreSQL, the load generator and the whole
 * machine taken just before and just after the load, turned into per-request figures.
 */
import os from 'node:os';
import { runLoad, type Endpoint, type ErrorSample, type LoadSpec } from './load.js';
import { cpuBetween, machineBusyMs, postgresCpuMs, processCpu, type CpuSpent } from './proc-cpu.js';

export interface PhaseFigures {
  readonly requests: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly latencyMs: { readonly p50: number; readonly p95: number; readonly p99: number; readonly mean: number; readonly max: number };
  readonly errors: number;
  readonly errorSamples: readonly ErrorSample[];
  /** The server process's CPU (all threads) per request, and how it was read. */
  readonly serverCpuMsPerRequest: number;
  readonly serverCpu: CpuSpent;
  /** The whole PostgreSQL server's CPU per request; null when its processes are not visible here. */
  readonly postgresCpuMsPerRequest: number | null;
  /** The load generator's own CPU per request (it shares the machine with the servers). */
  readonly clientCpuMsPerRequest: number;
  /** Share of one core the load generator used: near 1, it may be what limits the rate. */
  readonly clientCoreShare: number;
  /** Share of all cores busy during the phase, and the part of it none of our processes account for. */
  readonly machineBusyShare: number;
  readonly othersBusyShare: number;
}

export interface Measured {
  readonly serverPid: number;
  readonly postmasterPid: number | undefined;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

/**
 * Work a server does after answering (Roster's token lastUsedAt touch, connection health) still
 * belongs to the phase: wait this long after the last answer before the closing sample.
 */
const settleMs = 200;

/** The load generator's own CPU and the machine's busy time: what the shares are made of. */
function sampleMachine() {
  return { client: process.cpuUsage(), machine: machineBusyMs(), at: performance.now() };
}

function sample(measured: Measured) {
  return {
    server: processCpu(measured.serverPid),
    postgres: measured.postmasterPid === undefined ? undefined : postgresCpuMs(measured.postmasterPid),
    ...sampleMachine(),
  };
}

const clientMsBetween = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user - a.user + b.system - a.system) / 1000;

/** Runs one phase's load against one server and returns its figures. */
export async function measurePhase(spec: LoadSpec & { endpoint: Endpoint }, measured: Measured): Promise<PhaseFigures> {
  const before = sample(measured);
  const load = await runLoad(spec);
  // The client's and the machine's shares are of the load alone (a floor phase may last less
  // than the settle pause, which is nearly idle and would halve them)…
  const loadEnd = sampleMachine();
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const after = sample(measured);
  const cores = os.availableParallelism();
  const loadMs = loadEnd.at - before.at;
  const clientMs = clientMsBetween(before.client, loadEnd.client);
  const server = cpuBetween(before.server, after.server);
  const postgresMs = before.postgres === undefined || after.postgres === undefined ? undefined : after.postgres - before.postgres;
  // …while others' share compares like with like: the machine against our processes, both over
  // the whole interval the server and PostgreSQL were sampled on.
  const ours = server.ms + (postgresMs ?? 0) + clientMsBetween(before.client, after.client);
  const othersMs = Math.max(0, after.machine - before.machine - ours);
  const lat = load.latenciesMs;
  const n = spec.count;
  return {
    requests: n,
    seconds: load.seconds,
    requestsPerSecond: n / load.seconds,
    latencyMs: {
      p50: percentile(lat, 50),
      p95: percentile(lat, 95),
      p99: percentile(lat, 99),
      mean: lat.reduce((sum, v) => sum + v, 0) / Math.max(1, lat.length),
      max: lat[lat.length - 1] ?? 0,
    },
    errors: load.errors,
    errorSamples: load.errorSamples,
    serverCpuMsPerRequest: server.ms / n,
    serverCpu: server,
    postgresCpuMsPerRequest: postgresMs === undefined ? null : postgresMs / n,
    clientCpuMsPerRequest: clientMs / n,
    clientCoreShare: clientMs / loadMs,
    machineBusyShare: (loadEnd.machine - before.machine) / (loadMs * cores),
    othersBusyShare: othersMs / ((after.at - before.at) * cores),
  };
}
