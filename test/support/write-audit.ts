import pg from 'pg';
import { renamedTo, type Outcome } from './idp-import.js';

/**
 * After a fault: what the database holds for one SCIM group, checked against what its client saw.
 * - every write acknowledged with 2xx is there, with its activity event;
 * - no member without its `member.created` event, no `member.created` event without its member
 *   (the import deletes nobody);
 * - every change is there exactly when its event is (a deactivated member has a
 *   `member.deactivated` event and the reverse; a renamed member a `member.updated` event naming
 *   displayName and the reverse), whatever the client saw of it.
 * Answers the problems found (empty when all is well) and what is there.
 */
export interface AuditResult {
  readonly problems: string[];
  readonly members: Map<string, MemberRow>;
  /** userName → member id. */
  readonly byUserName: Map<string, string>;
}

interface MemberRow {
  readonly id: string;
  readonly user_name: string;
  readonly active: boolean;
  readonly display_name: string | null;
}

interface EventRow {
  readonly action: string;
  readonly target_id: string | null;
  readonly changes: Record<string, unknown>;
}

export async function auditGroup(databaseUrl: string, groupId: string, outcomes: readonly Outcome[]): Promise<AuditResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let members: MemberRow[];
  let events: EventRow[];
  try {
    members = (await client.query<MemberRow>('select id, user_name, active, display_name from member where group_id = $1', [groupId])).rows;
    events = (
      await client.query<EventRow>(`select action, target_id, changes from activity_event where group_id = $1 and target_type = 'Member' order by id`, [
        groupId,
      ])
    ).rows;
  } finally {
    await client.end();
  }
  const problems: string[] = [];
  const byId = new Map(members.map((m) => [m.id, m]));
  const eventsOf = new Map<string, EventRow[]>();
  for (const event of events) {
    if (event.target_id === null) problems.push(`a ${event.action} event without a target`);
    else eventsOf.set(event.target_id, [...(eventsOf.get(event.target_id) ?? []), event]);
  }
  const renamed = (e: EventRow) => e.action === 'member.updated' && 'displayName' in e.changes;

  for (const member of members) {
    const own = eventsOf.get(member.id) ?? [];
    const created = own.filter((e) => e.action === 'member.created').length;
    if (created !== 1) problems.push(`${member.user_name}: ${created} member.created events`);
    if (!member.active !== own.some((e) => e.action === 'member.deactivated')) {
      problems.push(`${member.user_name}: active=${member.active} but ${own.map((e) => e.action).join(', ')}`);
    }
    if ((member.display_name?.startsWith('Renamed') ?? false) !== own.some(renamed)) {
      problems.push(`${member.user_name}: displayName ${member.display_name} but events ${own.map((e) => e.action).join(', ')}`);
    }
  }
  for (const [target, own] of eventsOf) {
    if (!byId.has(target)) problems.push(`events ${own.map((e) => e.action).join(', ')} for ${target}, which is not there`);
  }
  for (const outcome of outcomes) {
    if (outcome.status < 200 || outcome.status > 299 || outcome.op === 'lookup') continue;
    const id = outcome.op === 'create' ? outcome.id : outcomes.find((o) => o.user === outcome.user && o.id !== undefined)?.id;
    const member = id === undefined ? undefined : byId.get(id);
    if (!member) {
      problems.push(`${outcome.userName}: ${outcome.op} answered ${outcome.status}, but the member is not there`);
      continue;
    }
    if (outcome.op === 'patch') {
      const applied = outcome.user % 2 === 0 ? !member.active : member.display_name === renamedTo(outcome.user);
      if (!applied) problems.push(`${outcome.userName}: PATCH answered ${outcome.status}, but the member shows active=${member.active} ${member.display_name}`);
    }
  }
  return { problems, members: byId, byUserName: new Map(members.map((m) => [m.user_name, m.id])) };
}

/** Outcomes grouped by status (0: no answer), for messages and assertions. */
export function statusCounts(outcomes: readonly Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { status, error } of outcomes) {
    const key = status === 0 ? `no answer (${error ?? '?'})` : String(status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
