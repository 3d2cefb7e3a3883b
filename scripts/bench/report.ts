/**
 * The printed report: Markdown tables (they paste into docs/benchmarks.md as they are), one per
 * concurrency with each figure's ratio to the floor, the measurement conditions, the failures,
 * the scale check and the targets.
 */
import type { PhaseFigures } from './measure.js';
import type { RoundResult } from './round.js';
import type { ScaleResult } from './scale.js';
import type { TargetCheck } from './targets.js';

const integer = (n: number) => Math.round(n).toLocaleString('en-US');
/** Enough digits to compare: 0.123, 1.23, 12.3, 1,234. */
const ms = (n: number | null) => (n === null ? 'n/a' : n < 1 ? n.toFixed(3) : n < 10 ? n.toFixed(2) : n < 1000 ? n.toFixed(1) : integer(n));
const times = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? 'n/a' : `${(a / b).toFixed(2)}×`);
const percent = (share: number) => `${(share * 100).toFixed(0)}%`;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const figureColumns = ['requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'server CPU ms/req', 'PG CPU ms/req'];

function figureCells(f: PhaseFigures): string[] {
  return [
    integer(f.requests),
    integer(f.requestsPerSecond),
    ms(f.latencyMs.p50),
    ms(f.latencyMs.p95),
    ms(f.latencyMs.p99),
    integer(f.errors),
    ms(f.serverCpuMsPerRequest),
    ms(f.postgresCpuMsPerRequest),
  ];
}

function ratioCells(a: PhaseFigures, b: PhaseFigures): string[] {
  return [
    '',
    times(a.requestsPerSecond, b.requestsPerSecond),
    times(a.latencyMs.p50, b.latencyMs.p50),
    times(a.latencyMs.p95, b.latencyMs.p95),
    times(a.latencyMs.p99, b.latencyMs.p99),
    '',
    times(a.serverCpuMsPerRequest, b.serverCpuMsPerRequest),
    times(a.postgresCpuMsPerRequest, b.postgresCpuMsPerRequest),
  ];
}

/** How far /proc/<pid>/stat (ticks, exited threads too) is from the schedstat sum (ns, live threads). */
function crossCheck(f: PhaseFigures): string {
  const { statMs, schedstatMs } = f.serverCpu;
  if (schedstatMs === undefined) return 'stat only';
  const diff = statMs - schedstatMs;
  return `${diff >= 0 ? '+' : ''}${diff.toFixed(0)} ms`;
}

function conditionCells(f: PhaseFigures): string[] {
  return [
    ms(f.clientCpuMsPerRequest),
    percent(f.clientCoreShare),
    percent(f.machineBusyShare),
    percent(f.othersBusyShare),
    f.serverCpu.source,
    `${ms(f.serverCpu.ms)} ms`,
    crossCheck(f),
  ];
}

function errorLines(label: string, f: PhaseFigures): string[] {
  return f.errorSamples.map((e) => `  ${label}: ${e.request} → ${e.status} (${e.problem}): ${e.body.replace(/\s+/g, ' ').slice(0, 300)}`);
}

export function formatRound(round: RoundResult): string {
  const rows = round.phases.flatMap((p) => [
    [p.name, 'Roster', ...figureCells(p.roster)],
    ['', p.name === 'graphql' ? 'GraphQL floor' : 'floor', ...figureCells(p.floor)],
    ['', 'Roster ÷ floor', ...ratioCells(p.roster, p.floor)],
  ]);
  const conditions = round.phases.flatMap((p) => [
    [p.name, 'Roster', ...conditionCells(p.roster)],
    ['', 'floor', ...conditionCells(p.floor)],
  ]);
  const errors = round.phases.flatMap((p) => [...errorLines(`${p.name} Roster`, p.roster), ...errorLines(`${p.name} floor`, p.floor)]);
  const unmeasured = round.unmeasuredFailures.flatMap((u) => [
    `  ${u.step}: ${u.errors} failed`,
    ...u.errorSamples.map((e) => `    ${e.request} → ${e.status} (${e.problem}): ${e.body.slice(0, 300)}`),
  ]);
  const rss = round.peakRssMb;
  return [
    `### ${integer(round.users)} users, concurrency ${round.concurrency}`,
    '',
    table(['phase', 'server', ...figureColumns], rows),
    '',
    `Peak RSS (VmHWM): Roster ${integer(rss.roster)} MB, HTTP floor ${integer(rss.floorHttp)} MB, GraphQL floor ${integer(rss.floorGraphql)} MB.`,
    '',
    `Webhooks during an import of ${integer(round.webhooks.messages)} users (Roster only): lag from the write to the receiver p50 ${ms(round.webhooks.lagMs.p50)} ms, p99 ${ms(round.webhooks.lagMs.p99)} ms, max ${ms(round.webhooks.lagMs.max)} ms; ${integer(round.webhooks.messagesPerSecond)} messages/s.`,
    '',
    "Measurement conditions: the load generator's CPU and share of one core; the share of all cores busy, and the part",
    "of it no process of ours accounts for (someone else's work); the server CPU's source, total, and stat minus schedstat.",
    '',
    table(['phase', 'server', 'client CPU ms/req', 'client core', 'machine busy', 'others', 'CPU from', 'server CPU', 'stat − schedstat'], conditions),
    ...(errors.length > 0 ? ['', 'Failed requests (first few per phase):', ...errors] : []),
    ...(unmeasured.length > 0 ? ['', 'Failed requests in unmeasured steps:', ...unmeasured] : []),
  ].join('\n');
}

export function formatScale(scale: ScaleResult): string {
  const rows = scale.measurements.flatMap((m) => [
    [
      m.name,
      `${integer(scale.members)} members`,
      integer(m.large.requests),
      ms(m.large.latencyMs.p50),
      ms(m.large.latencyMs.p99),
      ms(m.large.serverCpuMsPerRequest),
      ms(m.large.postgresCpuMsPerRequest),
    ],
    [
      '',
      `${integer(scale.baseline)} members`,
      integer(m.small.requests),
      ms(m.small.latencyMs.p50),
      ms(m.small.latencyMs.p99),
      ms(m.small.serverCpuMsPerRequest),
      ms(m.small.postgresCpuMsPerRequest),
    ],
    [
      '',
      'ratio',
      '',
      times(m.large.latencyMs.p50, m.small.latencyMs.p50),
      times(m.large.latencyMs.p99, m.small.latencyMs.p99),
      times(m.large.serverCpuMsPerRequest, m.small.serverCpuMsPerRequest),
      times(m.large.postgresCpuMsPerRequest, m.small.postgresCpuMsPerRequest),
    ],
  ]);
  return [
    `### Scale check: ${integer(scale.members)} members vs ${integer(scale.baseline)} (one request at a time; seeded in ${scale.seedSeconds.toFixed(1)} s)`,
    '',
    table(['request', 'group', 'requests', 'p50 ms', 'p99 ms', 'server CPU ms/req', 'PG CPU ms/req'], rows),
  ].join('\n');
}

export function formatTargets(checks: readonly TargetCheck[]): string {
  const value = (c: TargetCheck) => (c.value === null ? 'n/a' : c.unit === 'MB' ? `${integer(c.value)} MB` : `${c.value.toFixed(2)}×`);
  const lines = checks.map((c) => {
    const verdict = c.met === null ? 'not measured' : c.met ? 'met' : 'NOT met';
    return `- ${verdict.padEnd(12)} ${c.what}: ${value(c)} (target ${c.comparison} ${c.limit}${c.unit === 'MB' ? ' MB' : '×'}) — ${c.detail}`;
  });
  const count = (met: boolean | null) => checks.filter((c) => c.met === met).length;
  const summary = `${count(true)} met, ${count(false)} NOT met, ${count(null)} not measured (of ${checks.length}).`;
  return ['### Targets', '', ...lines, '', summary].join('\n');
}
