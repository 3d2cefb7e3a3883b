/**
 * The project's performance targets, checked against one run's figures. Each compares Roster with
 * its floor measured in the same run (absolute times on a shared 2-core machine are noise; ratios
 * within a run are not), except memory, which has an absolute budget.
 */
import type { PhaseFigures } from './measure.js';
import { singleUserPhases, type PhaseName } from './phases.js';
import type { RoundResult } from './round.js';
import type { ScaleResult } from './scale.js';

export interface TargetCheck {
  readonly what: string;
  /** Roster's figure, or its ratio to the reference. */
  readonly value: number | null;
  readonly limit: number;
  readonly comparison: '≤' | '≥';
  readonly unit: '×' | 'MB';
  /** null: the figure could not be measured here (e.g. PostgreSQL's CPU on another machine). */
  readonly met: boolean | null;
  /** The numbers behind a ratio, for the report. */
  readonly detail: string;
}

const rosterRssLimitMb = 250;
const scaleLimit = 1.5;

type Figure = (f: PhaseFigures) => number | null;
const serverCpu: Figure = (f) => f.serverCpuMsPerRequest;
const postgresCpu: Figure = (f) => f.postgresCpuMsPerRequest;
const rate: Figure = (f) => f.requestsPerSecond;
const p99: Figure = (f) => f.latencyMs.p99;
const p50: Figure = (f) => f.latencyMs.p50;

function ratioCheck(
  what: string,
  roster: PhaseFigures,
  reference: PhaseFigures,
  figure: Figure,
  comparison: '≤' | '≥',
  limit: number,
  unit: string,
  labels = ['Roster', 'floor'],
): TargetCheck {
  const ours = figure(roster);
  const theirs = figure(reference);
  const value = ours === null || theirs === null || theirs === 0 ? null : ours / theirs;
  const met = value === null ? null : comparison === '≤' ? value <= limit : value >= limit;
  const detail =
    ours === null || theirs === null ? 'not measured' : `${labels[0] ?? ''} ${ours.toFixed(2)} ${unit}, ${labels[1] ?? ''} ${theirs.toFixed(2)} ${unit}`;
  return { what, value, limit, comparison, unit: '×', met, detail };
}

/** The ratio targets of one phase, as the project states them. */
function phaseChecks(concurrency: number, name: PhaseName, roster: PhaseFigures, floor: PhaseFigures): TargetCheck[] {
  const at = `c=${concurrency} ${name}`;
  if (singleUserPhases.includes(name))
    return [
      ratioCheck(`${at}: server CPU/req`, roster, floor, serverCpu, '≤', 3, 'ms'),
      ratioCheck(`${at}: PostgreSQL CPU/req`, roster, floor, postgresCpu, '≤', 2.5, 'ms'),
      ratioCheck(`${at}: req/s`, roster, floor, rate, '≥', 0.35, 'req/s'),
      ratioCheck(`${at}: p99 latency`, roster, floor, p99, '≤', 3, 'ms'),
    ];
  if (name === 'page' || name === 'team-patch')
    return [ratioCheck(`${at}: server CPU/req`, roster, floor, serverCpu, '≤', 2, 'ms'), ratioCheck(`${at}: req/s`, roster, floor, rate, '≥', 0.5, 'req/s')];
  // graphql: against the GraphQL floor (statement counts are pinned by the tests, not here).
  return [ratioCheck(`${at}: server CPU/op`, roster, floor, serverCpu, '≤', 2, 'ms')];
}

export function checkTargets(rounds: readonly RoundResult[], scale: ScaleResult | undefined): TargetCheck[] {
  const checks = rounds.flatMap((round) => round.phases.flatMap((phase) => phaseChecks(round.concurrency, phase.name, phase.roster, phase.floor)));
  if (rounds.length > 0) {
    const peak = Math.max(...rounds.map((r) => r.peakRssMb.roster));
    checks.push({
      what: 'Roster peak RSS (VmHWM) over the run',
      value: peak,
      limit: rosterRssLimitMb,
      comparison: '≤',
      unit: 'MB',
      met: peak <= rosterRssLimitMb,
      detail: `${peak.toFixed(0)} MB`,
    });
  }
  for (const m of scale?.measurements ?? []) {
    const labels = [`${scale?.members ?? ''} members`, `${scale?.baseline ?? ''} members`];
    checks.push(ratioCheck(`scale ${m.name}: server CPU/req`, m.large, m.small, serverCpu, '≤', scaleLimit, 'ms', labels));
    checks.push(ratioCheck(`scale ${m.name}: p50 latency`, m.large, m.small, p50, '≤', scaleLimit, 'ms', labels));
  }
  return checks;
}
