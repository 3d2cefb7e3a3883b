import type { Queryable } from '../../db/sql.js';
import { actorColumns } from '../activity/activity.service.js';
import type { FieldChange } from '../activity/activity-event.entity.js';
import { GroupKind } from '../groups/group.entity.js';
import type { Actor, AdminActor, ScimTokenActor } from '../shared/actor.js';
import { violatedConstraint } from '../shared/constraints.js';
import { DomainError } from '../shared/domain-error.js';
import { isUuid } from '../shared/ids.js';
import { optionalText, requiredText } from '../shared/text.js';
import { teamFromRow, type TeamRecord } from './team.record.js';
import { addMembers, lockInGroup, lockInOrganization, membersOfGroup, removeMembers, removeOtherMembers, saveTeam } from './team.statements.js';

/**
 * The steps of a team change inside its transaction (TeamService.change): lock, apply each change
 * to a draft as set operations on membership rows, save the team's version and events at once.
 */

type Row = Record<string, unknown>;

export const teamNameMaxLength = 256;
/** Most member ids one add or remove may name; larger pushes come in batches. */
export const maxMembersPerChange = 1000;

export interface TeamChangeOptions {
  /** Checked against the team's version once it is locked; false → TEAM_VERSION_MISMATCH. */
  readonly ifMatch?: ((version: number) => boolean) | undefined;
}

export interface PendingEvent {
  readonly action: string;
  readonly label: string;
  readonly changes: Record<string, FieldChange>;
}

/** A team locked for a change: its state as the changes go, and what they did. */
export interface Draft {
  readonly tx: Queryable;
  readonly writer: AdminActor | ScimTokenActor;
  readonly team: TeamRecord;
  displayName: string;
  externalId: string | null;
  bumps: number;
  added: number;
  removed: number;
  readonly events: PendingEvent[];
}

/** Teams (SCIM Groups) inside a group, and their membership as a set of rows. */
export async function lock(tx: Queryable, actor: Actor, id: string): Promise<{ team: TeamRecord; group: { kind: GroupKind; name: string | null } }> {
  if (!isUuid(id)) throw teamNotFound(id);
  if (actor.kind === 'scimToken') {
    const [row] = await tx.query<Row>(lockInGroup, [id, actor.groupId]);
    if (!row) throw teamNotFound(id);
    return { team: teamFromRow(row), group: { kind: GroupKind.SCIM, name: null } };
  }
  const [row] = await tx.query<Row & { group_kind: GroupKind; group_name: string }>(lockInOrganization, [id, actor.organizationId]);
  if (!row) throw teamNotFound(id);
  return { team: teamFromRow(row), group: { kind: row.group_kind, name: row.group_name } };
}

export function newDraft(tx: Queryable, writer: AdminActor | ScimTokenActor, team: TeamRecord): Draft {
  return { tx, writer, team, displayName: team.displayName, externalId: team.externalId, bumps: 0, added: 0, removed: 0, events: [] };
}

/** Changes name and externalId (validated), recording one `team.updated` event when something changed. */
export function setAttributes(draft: Draft, input: { displayName?: string; externalId?: string | null }): void {
  const displayName = input.displayName === undefined ? undefined : requiredText(input.displayName, 'displayName', teamNameMaxLength);
  const externalId = input.externalId === undefined ? undefined : optionalText(input.externalId, 'externalId', 1024);
  const changes: Record<string, FieldChange> = {};
  if (displayName !== undefined && displayName !== draft.displayName) changes.displayName = { before: draft.displayName, after: displayName };
  if (externalId !== undefined && externalId !== draft.externalId) changes.externalId = { before: draft.externalId, after: externalId };
  if (Object.keys(changes).length === 0) return;
  if (displayName !== undefined) draft.displayName = displayName;
  if (externalId !== undefined) draft.externalId = externalId;
  draft.bumps += 1;
  draft.events.push({ action: 'team.updated', label: draft.displayName, changes });
}

/** Inserts membership rows in one statement; refuses all if any id is not a member of the team's group. */
export async function addTo(draft: Draft, memberIds: readonly string[]): Promise<void> {
  const ids = [...new Set(memberIds)];
  if (ids.length === 0) return;
  const valid = ids.filter(isUuid);
  const [result] =
    valid.length === ids.length
      ? await draft.tx.query<{ valid: number; added: string[] }>(addMembers, [draft.team.id, draft.team.groupId, valid, valid.length])
      : [undefined];
  if (!result || result.valid !== ids.length) return notInGroup(draft.tx, draft.team.groupId, ids, valid);
  if (result.added.length === 0) return;
  draft.added += result.added.length;
  draft.bumps += 1;
  draft.events.push({ action: 'team.members_added', label: draft.displayName, changes: { members: { before: null, after: result.added } } });
}

/** Names the ids that are not members of the group (the change added nothing). */
export async function notInGroup(q: Queryable, groupId: string, ids: readonly string[], valid: readonly string[]): Promise<never> {
  const known = new Set((await q.query<{ id: string }>(membersOfGroup, [groupId, valid])).map((row) => row.id));
  const missing = ids.filter((id) => !known.has(id));
  throw new DomainError(
    'TEAM_MEMBER_NOT_IN_GROUP',
    `Not members of this team's group: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}.`,
    'memberIds',
  );
}

export async function removeFrom(draft: Draft, memberIds: readonly string[]): Promise<void> {
  const ids = [...new Set(memberIds)].filter(isUuid);
  if (ids.length === 0) return;
  recordRemoved(draft, await draft.tx.query<{ member_id: string }>(removeMembers, [draft.team.id, ids]));
}

export async function replaceIn(draft: Draft, memberIds: readonly string[]): Promise<void> {
  const keep = [...new Set(memberIds)].filter(isUuid);
  recordRemoved(draft, await draft.tx.query<{ member_id: string }>(removeOtherMembers, [draft.team.id, keep]));
  await addTo(draft, memberIds);
}

function recordRemoved(draft: Draft, rows: readonly { member_id: string }[]): void {
  if (rows.length === 0) return;
  draft.removed += rows.length;
  draft.bumps += 1;
  draft.events.push({
    action: 'team.members_removed',
    label: draft.displayName,
    changes: { members: { before: rows.map((row) => row.member_id), after: null } },
  });
}

/** Writes the draft's attributes, version and events; nothing at all when nothing changed. */
export async function save(draft: Draft): Promise<TeamRecord> {
  if (draft.events.length === 0) return draft.team;
  const [type, actorId, label, requestId] = actorColumns(draft.writer);
  const [row] = await draft.tx.query<Row>(saveTeam, [
    draft.team.id,
    draft.displayName,
    draft.externalId,
    draft.bumps,
    draft.team.organizationId,
    draft.team.groupId,
    type,
    actorId,
    label,
    requestId,
    draft.events.map((event) => event.action),
    draft.events.map((event) => event.label),
    draft.events.map((event) => JSON.stringify(event.changes)),
  ]);
  return teamFromRow(firstRow(row ? [row] : []));
}

export function checkVersion(team: TeamRecord, options: TeamChangeOptions): void {
  if (options.ifMatch && !options.ifMatch(team.version)) {
    throw new DomainError('TEAM_VERSION_MISMATCH', `The team has changed since you read it (it is at version ${team.version}); read it again and retry.`);
  }
}

export function checkBatch(memberIds: readonly string[]): void {
  if (memberIds.length > maxMembersPerChange) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `At most ${maxMembersPerChange} members can be changed at once (got ${memberIds.length}); send them in batches.`,
      'memberIds',
    );
  }
}

export function teamNotFound(id: string): DomainError {
  return new DomainError('TEAM_NOT_FOUND', `No team with id "${id}".`, 'id');
}

export function firstRow(rows: readonly Row[]): Row {
  const [row] = rows;
  if (!row) throw new Error('team write returned no row');
  return row;
}

/** The unique indexes (and a vanished group) as the domain's errors; anything else unchanged. */
export function teamWriteError(error: unknown, displayName: string): unknown {
  switch (violatedConstraint(error)) {
    case 'team_group_display_name_unique':
      return new DomainError('TEAM_NAME_TAKEN', `A team named "${displayName}" exists already in this group.`, 'displayName');
    case 'team_group_external_id_unique':
      return new DomainError('TEAM_NAME_TAKEN', 'A team with this externalId exists already in this group.', 'externalId');
    case 'team_organization_group_foreign':
      return new DomainError('GROUP_NOT_FOUND', 'The group was deleted.', 'id');
    case 'team_membership_group_team_foreign':
      // The team was deleted while the change ran.
      return new DomainError('TEAM_NOT_FOUND', 'The team was deleted.', 'id');
    case 'team_membership_group_member_foreign':
      // A member named in the change was deleted while it ran.
      return new DomainError('TEAM_MEMBER_NOT_IN_GROUP', "A member named in this change is no longer in the team's group.", 'memberIds');
    default:
      return error;
  }
}
