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

function sample(measured: Measured) {
  return {
    server: processCpu(measured.serverPid),
    postgres: measured.postmasterPid === undefined ? undefined : postgresCpuMs(measured.postmasterPid),
    client: process.cpuUsage(),
    machine: machineBusyMs(),
  };
}

/** Runs one phase's load against one server and returns its figures. */
export async function measurePhase(spec: LoadSpec & { endpoint: Endpoint }, measured: Measured): Promise<PhaseFigures> {
  const before = sample(measured);
  const load = await runLoad(spec);
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const after = sample(measured);
  // Shares are of the load's own duration: the settle pause is nearly idle, and counting it would
  // halve the shares of a floor phase that lasts a fraction of a second.
  const wallMs = load.seconds * 1000;
  const server = cpuBetween(before.server, after.server);
  const postgresMs = before.postgres === undefined || after.postgres === undefined ? undefined : after.postgres - before.postgres;
  const client = process.cpuUsage(before.client);
  const clientMs = (client.user + client.system) / 1000;
  const machineMs = after.machine - before.machine;
  const capacityMs = wallMs * os.availableParallelism();
  const ours = server.ms + (postgresMs ?? 0) + clientMs;
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
    clientCoreShare: clientMs / wallMs,
    machineBusyShare: machineMs / capacityMs,
    othersBusyShare: Math.max(0, machineMs - ours) / capacityMs,
  };
}
