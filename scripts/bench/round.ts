/**
 * One round at one concurrency, from fresh databases and freshly started servers, so every round
 * does the same work from the same state. Phases are interleaved: each runs against Roster, then
 * against the floor, before the next phase starts, so both see the machine in the same condition.
 */
import type { Cleanup } from './cleanup.js';
import type { ErrorSample } from './load.js';
import { runLoad } from './load.js';
import { measurePhase, type PhaseFigures } from './measure.js';
import { buildPhase, phaseNames, type GroupState, type PhaseName, type PhaseSizes } from './phases.js';
import { analyze, type BenchPostgres } from './postgres.js';
import { peakRssMb } from './proc-cpu.js';
import type { Service } from './processes.js';
import { startFloors, startRoster } from './servers.js';
import { setUpFloor, setUpRoster, type TenantGroup } from './tenant.js';
import { measureWebhookLag, type WebhookFigures } from './webhooks.js';

export interface RunContext {
  readonly postgres: BenchPostgres;
  readonly cleanup: Cleanup;
  readonly logDir: string;
  /** Makes database names unique to this run. */
  readonly runId: string;
}

export interface RoundSettings {
  readonly concurrency: number;
  readonly users: number;
  readonly phases: readonly PhaseName[];
  readonly warmup: number;
}

export interface PhaseComparison {
  readonly name: PhaseName;
  readonly roster: PhaseFigures;
  readonly floor: PhaseFigures;
}

export interface UnmeasuredFailure {
  readonly step: string;
  readonly errors: number;
  readonly errorSamples: readonly ErrorSample[];
}

export interface RoundResult {
  readonly concurrency: number;
  readonly users: number;
  readonly phases: readonly PhaseComparison[];
  /** Webhook lag during an import into the spare group (Roster only). */
  readonly webhooks: WebhookFigures;
  /** VmHWM of each server process over the round. */
  readonly peakRssMb: { readonly roster: number; readonly floorHttp: number; readonly floorGraphql: number };
  /** Failed requests of the warm-up and of phases run only to prepare the data. */
  readonly unmeasuredFailures: readonly UnmeasuredFailure[];
}

/** Operations of the graphql phase: each reads 200 members with emails and teams ("a few hundred"). */
const graphqlOperations = 300;

/** A server as the phases see it: one group, its state, and the processes answering each door. */
interface Side {
  readonly label: 'Roster' | 'floor';
  readonly group: TenantGroup;
  readonly state: GroupState;
  readonly scim: Service;
  readonly graphql: Service;
}

const freshState = (users: number, prefix: string): GroupState => ({ users, userNamePrefix: prefix, ids: [], teamIds: [] });

interface PhaseRun {
  readonly sizes: PhaseSizes;
  readonly concurrency: number;
  /** Phases to run besides `create`. */
  readonly phases: readonly PhaseName[];
  /** Measured and compared (true), or only run, e.g. to warm up or to make the users (false). */
  readonly measured: (name: PhaseName) => boolean;
  readonly postmasterPid: number | undefined;
  /** Prefixes the progress labels and failure reports. */
  readonly tag: string;
  readonly failures: UnmeasuredFailure[];
  /** Run after each phase, on both sides (unmeasured). */
  readonly betweenPhases: () => Promise<void>;
  /** Run before each side's measured phase (unmeasured). */
  readonly beforeMeasuring: () => Promise<void>;
}

async function runPhases(sides: readonly Side[], run: PhaseRun): Promise<PhaseComparison[]> {
  const compared: PhaseComparison[] = [];
  for (const name of phaseNames) {
    // Every later phase works on the users `create` made, so it runs even when not reported.
    if (name !== 'create' && !run.phases.includes(name)) continue;
    const figures: PhaseFigures[] = [];
    for (const side of sides) {
      if (name === 'team-patch') side.state.teamIds = await side.group.createTeams();
      const phase = buildPhase(name, side.group.target, side.state, run.sizes);
      const service = phase.door === 'scim' ? side.scim : side.graphql;
      const step = `${run.tag}${side.label} ${name}`;
      const load = { ...phase, label: `c=${run.concurrency} ${step}`, endpoint: service.endpoint, concurrency: run.concurrency };
      if (run.measured(name)) {
        await run.beforeMeasuring();
        figures.push(await measurePhase(load, { serverPid: service.pid, postmasterPid: run.postmasterPid }));
      } else {
        const result = await runLoad(load);
        if (result.errors > 0) run.failures.push({ step, errors: result.errors, errorSamples: result.errorSamples });
      }
    }
    await run.betweenPhases();
    const [roster, floor] = figures;
    if (roster && floor) compared.push({ name, roster, floor });
  }
  return compared;
}

export async function runRound(context: RunContext, settings: RoundSettings): Promise<RoundResult> {
  const { postgres, cleanup, logDir } = context;
  const label = `c${settings.concurrency}`;
  process.stderr.write(`\nRound at concurrency ${settings.concurrency}: fresh databases and servers\n`);
  const rosterDb = await postgres.createDatabase(`roster_bench_${context.runId}_${label}`);
  const floorDb = await postgres.createDatabase(`floor_bench_${context.runId}_${label}`);
  const roster = await startRoster(rosterDb.url, logDir, label, cleanup);
  const floors = await startFloors(floorDb.url, logDir, label, cleanup);
  const groupNames = ['Bench', 'Warm-up'];
  const [rosterMain, rosterWarm, rosterHooks] = await setUpRoster(roster.origin, rosterDb.url, [...groupNames, 'Webhooks']);
  const [floorMain, floorWarm] = await setUpFloor(floorDb.url, groupNames);
  if (!rosterMain || !rosterWarm || !rosterHooks || !floorMain || !floorWarm) throw new Error('tenant setup returned too few groups');
  const failures: UnmeasuredFailure[] = [];
  // Vacuum and fresh planner statistics after each phase, in both databases. Left to autovacuum,
  // whether a table was last analyzed with 200 rows or with 2,000 depends on timing (a prepared
  // statement's generic plan made from stale statistics can scan where it should probe an index),
  // and so does which phase pays for vacuuming the dead rows of the one before.
  const analyzeBoth = async () => {
    await Promise.all([analyze(rosterDb.url), analyze(floorDb.url)]);
  };

  if (settings.warmup > 0) {
    // The same requests at a smaller size in a group of their own: the JIT has compiled the hot
    // paths and the pools are full before the first measured request, for Roster and floor alike.
    const warmSides: Side[] = [
      { label: 'Roster', group: rosterWarm, state: freshState(settings.warmup, 'warm'), scim: roster, graphql: roster },
      { label: 'floor', group: floorWarm, state: freshState(settings.warmup, 'warm'), scim: floors.http, graphql: floors.graphql },
    ];
    const warmSizes = { users: settings.warmup, graphqlOperations: Math.min(graphqlOperations, Math.max(10, Math.ceil(settings.warmup / 10))) };
    await runPhases(warmSides, {
      sizes: warmSizes,
      concurrency: settings.concurrency,
      phases: phaseNames,
      measured: () => false,
      postmasterPid: postgres.postmasterPid,
      tag: 'warm-up ',
      failures,
      betweenPhases: analyzeBoth,
      beforeMeasuring: () => postgres.checkpoint(),
    });
  }

  const sides: Side[] = [
    { label: 'Roster', group: rosterMain, state: freshState(settings.users, 'user'), scim: roster, graphql: roster },
    { label: 'floor', group: floorMain, state: freshState(settings.users, 'user'), scim: floors.http, graphql: floors.graphql },
  ];
  const phases = await runPhases(sides, {
    sizes: { users: settings.users, graphqlOperations },
    concurrency: settings.concurrency,
    phases: settings.phases,
    measured: (name) => settings.phases.includes(name),
    postmasterPid: postgres.postmasterPid,
    tag: '',
    failures,
    betweenPhases: analyzeBoth,
    beforeMeasuring: () => postgres.checkpoint(),
  });

  const webhooks = await measureWebhookLag(roster, rosterHooks, settings.users, settings.concurrency);

  const peak = { roster: peakRssMb(roster.pid), floorHttp: peakRssMb(floors.http.pid), floorGraphql: peakRssMb(floors.graphql.pid) };
  await floors.graphql.stop();
  await floors.http.stop();
  await roster.stop();
  await floorDb.drop();
  await rosterDb.drop();
  return { concurrency: settings.concurrency, users: settings.users, phases, webhooks, peakRssMb: peak, unmeasuredFailures: failures };
}
