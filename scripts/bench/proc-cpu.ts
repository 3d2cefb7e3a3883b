/**
 * CPU and memory of other processes, read from Linux's /proc. The benchmark samples these just
 * before and just after each phase, so a phase's CPU is what the server (and PostgreSQL) spent
 * on that phase's requests, whatever the load generator's own process did meanwhile.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of utime/stime in /proc (USER_HZ; 100 on every usual Linux). */
export const clockTicks: number = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface StatFields {
  readonly ppid: number;
  /** utime + stime of the process (all its threads, also those that exited), in ms. */
  readonly cpuMs: number;
  /** cutime + cstime: time of children that exited and were waited for, in ms. */
  readonly childrenCpuMs: number;
}

/** Parses /proc/<pid>/stat; undefined when the process is gone. */
function readStat(pid: number): StatFields | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may itself contain spaces or ")": fields
  // are counted from the last ")". proc(5): ppid is field 4, utime 14, stime 15, cutime 16, cstime 17.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const at = (field: number) => Number(fields[field - 3]);
  const ms = (ticks: number) => (ticks * 1000) / clockTicks;
  return { ppid: at(4), cpuMs: ms(at(14) + at(15)), childrenCpuMs: ms(at(16) + at(17)) };
}

export interface ProcessCpu {
  /** From /proc/<pid>/stat: counts threads that exited, but only in whole clock ticks (10 ms). */
  readonly statMs: number;
  /** Sum of the first field of /proc/<pid>/task/<tid>/schedstat: ns precision, live threads only. */
  readonly schedstatMs: number | undefined;
  /** The thread ids seen, to tell whether a thread exited between two samples. */
  readonly threads: readonly number[];
}

/** CPU time used so far by one process (e.g. the Roster server). */
export function processCpu(pid: number): ProcessCpu {
  const stat = readStat(pid);
  if (!stat) throw new Error(`process ${pid} is gone`);
  let schedstatNs = 0;
  const threads: number[] = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        schedstatNs += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
        threads.push(Number(tid));
      } catch {
        // The thread exited while we were reading; its time is in statMs only.
      }
    }
  } catch {
    return { statMs: stat.cpuMs, schedstatMs: undefined, threads };
  }
  return { statMs: stat.cpuMs, schedstatMs: schedstatNs / 1e6, threads };
}

export interface CpuSpent {
  /** The figure used: schedstat's unless a thread exited in between (then its time is lost there). */
  readonly ms: number;
  readonly statMs: number;
  readonly schedstatMs: number | undefined;
  readonly source: 'schedstat' | 'stat';
}

/** CPU spent between two samples of the same process. */
export function cpuBetween(before: ProcessCpu, after: ProcessCpu): CpuSpent {
  const statMs = after.statMs - before.statMs;
  const lostThread = before.threads.some((tid) => !after.threads.includes(tid));
  if (before.schedstatMs === undefined || after.schedstatMs === undefined || lostThread) return { ms: statMs, statMs, schedstatMs: undefined, source: 'stat' };
  const schedstatMs = after.schedstatMs - before.schedstatMs;
  return { ms: schedstatMs, statMs, schedstatMs, source: 'schedstat' };
}

/**
 * CPU used so far by a whole PostgreSQL server: the postmaster, every live child (backends,
 * autovacuum workers, checkpointer, WAL writer…), and the children that already exited — the
 * postmaster reaps them, so their time is in its cutime/cstime. A backend that exits between two
 * samples moves from the first sum to the second, so differences stay right.
 *
 * Live processes are read from schedstat (ns): in whole clock ticks, a phase's sum over a dozen
 * processes could be off by a tick each, which is most of the figure for a short phase.
 */
export function postgresCpuMs(postmasterPid: number): number {
  const postmaster = readStat(postmasterPid);
  if (!postmaster) throw new Error(`the PostgreSQL postmaster (pid ${postmasterPid}) is gone`);
  const live = (pid: number, stat: StatFields) => {
    try {
      return processCpu(pid).schedstatMs ?? stat.cpuMs;
    } catch {
      return stat.cpuMs;
    }
  };
  let total = live(postmasterPid, postmaster) + postmaster.childrenCpuMs;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const stat = readStat(pid);
    if (stat?.ppid === postmasterPid) total += live(pid, stat);
  }
  return total;
}

/** The parent of a process (the postmaster, for a PostgreSQL backend); undefined if not visible here. */
export function parentPid(pid: number): number | undefined {
  return readStat(pid)?.ppid;
}

/** The peak resident set size (VmHWM) of a process so far, in MB. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(kb) / 1024;
}

/**
 * Time the machine's cores (all of them) spent running anything so far, in ms. Compared with our
 * own processes' time, it shows how much CPU someone else took during a phase.
 */
export function machineBusyMs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  // proc(5): cpu user nice system idle iowait irq softirq steal … (guest time is inside user).
  // Steal is time the hypervisor gave to another machine: not spent here, so not counted.
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = line.trim().split(/\s+/).slice(1).map(Number);
  return ((user + nice + system + irq + softirq) * 1000) / clockTicks;
}
