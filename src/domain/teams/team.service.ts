import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/sql.js';
import { activityParams, actorColumns } from '../activity/activity.service.js';
import type { FieldChange } from '../activity/activity-event.entity.js';
import { assertMembershipWritable, groupInScope } from '../groups/group.access.js';
import { GroupKind } from '../groups/group.entity.js';
import type { Actor, AdminActor, ScimTokenActor } from '../shared/actor.js';
import { violatedConstraint } from '../shared/constraints.js';
import { DomainError } from '../shared/domain-error.js';
import { isUuid } from '../shared/ids.js';
import { optionalText, requiredText } from '../shared/text.js';
import { findTeam, TeamQueries } from './team.queries.js';
import { teamFromRow, type MemberRef, type TeamRecord } from './team.record.js';
import {
  addMembers,
  addMembersInGroup,
  deleteTeam,
  insertTeam,
  lockInGroup,
  lockInOrganization,
  membersOfGroup,
  removeMembers,
  removeMembersInGroup,
  removeOtherMembers,
  saveTeam,
} from './team.statements.js';

export const teamNameMaxLength = 256;
/** Most member ids one add or remove may name; larger pushes come in batches. */
export const maxMembersPerChange = 1000;
/** How often a delete is retried when another request changed the team in between. */
const maxAttempts = 5;

/** One change of a team, in domain terms; a SCIM PATCH is a list of them, applied whole or not at all. */
export type TeamChange =
  | { readonly kind: 'rename'; readonly displayName: string }
  | { readonly kind: 'externalId'; readonly externalId: string | null }
  | { readonly kind: 'addMembers'; readonly ids: readonly string[] }
  | { readonly kind: 'removeMembers'; readonly ids: readonly string[] }
  | { readonly kind: 'replaceMembers'; readonly ids: readonly string[] };

export interface TeamChangeOptions {
  /** Checked against the team's version once it is locked; false → TEAM_VERSION_MISMATCH. */
  readonly ifMatch?: ((version: number) => boolean) | undefined;
}

interface PendingEvent {
  readonly action: string;
  readonly label: string;
  readonly changes: Record<string, FieldChange>;
}

/** A team locked for a change: its state as the changes go, and what they did. */
interface Draft {
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

type Row = Record<string, unknown>;

/** Teams (SCIM Groups) inside a group, and their membership as a set of rows. */
export class TeamService extends TeamQueries {
  /**
   * Creates a team in a group, optionally with members, with its events.
   * @throws GROUP_NOT_FOUND, GROUP_SCIM_MANAGED, AUTH_FORBIDDEN, TEAM_NAME_TAKEN, TEAM_MEMBER_NOT_IN_GROUP, VALIDATION_FAILED
   */
  async create(actor: Actor, groupId: string, input: { displayName: string; externalId?: string | null; memberIds?: readonly string[] }): Promise<TeamRecord> {
    const displayName = requiredText(input.displayName, 'displayName', teamNameMaxLength);
    const externalId = optionalText(input.externalId, 'externalId', 1024);
    const group = await groupInScope(this.sql, actor, groupId);
    const writer = assertMembershipWritable(actor, group);
    const changes = { displayName: { before: null, after: displayName }, ...(externalId ? { externalId: { before: null, after: externalId } } : {}) };
    const insert = (tx: Queryable) =>
      tx.query<Row>(insertTeam, [randomUUID(), group.organizationId, group.id, displayName, externalId, ...activityParams(writer, 'team.created', changes)]);
    try {
      if (!input.memberIds?.length) return teamFromRow(firstRow(await insert(this.sql)));
      const memberIds = input.memberIds;
      return await this.sql.transaction(async (tx) => {
        const team = teamFromRow(firstRow(await insert(tx)));
        const draft = newDraft(tx, writer, team);
        await addTo(draft, memberIds);
        return save(draft);
      });
    } catch (error) {
      throw teamWriteError(error, displayName);
    }
  }

  /**
   * Renames a team and/or changes its externalId (one event for both).
   * @throws TEAM_NOT_FOUND, TEAM_VERSION_MISMATCH, GROUP_SCIM_MANAGED, AUTH_FORBIDDEN, TEAM_NAME_TAKEN, VALIDATION_FAILED
   */
  update(actor: Actor, id: string, input: { displayName?: string; externalId?: string | null }, options: TeamChangeOptions = {}): Promise<TeamRecord> {
    return this.change(actor, id, options, (draft) => {
      setAttributes(draft, input);
      return Promise.resolve();
    });
  }

  /**
   * Applies a list of changes (a SCIM PATCH) to one team in one transaction: all of them, in
   * order, or none. Membership changes are set operations on rows, so concurrent changes to one
   * team never lose each other's members.
   * @throws TEAM_NOT_FOUND, TEAM_VERSION_MISMATCH, GROUP_SCIM_MANAGED, AUTH_FORBIDDEN, TEAM_NAME_TAKEN, TEAM_MEMBER_NOT_IN_GROUP, VALIDATION_FAILED
   */
  async apply(actor: Actor, id: string, changes: readonly TeamChange[], options: TeamChangeOptions = {}): Promise<void> {
    for (const change of changes) if (change.kind === 'addMembers' || change.kind === 'removeMembers') checkBatch(change.ids);
    const [only] = changes;
    if (changes.length === 1 && only && (only.kind === 'addMembers' || only.kind === 'removeMembers') && actor.kind === 'scimToken' && !options.ifMatch) {
      // The common push (add or remove some members) by the group's own identity provider with
      // no precondition: one statement instead of a transaction.
      await this.changeMembersAtOnce(actor, id, only.kind, only.ids);
      return;
    }
    await this.change(actor, id, options, async (draft) => {
      for (const change of changes) {
        switch (change.kind) {
          case 'rename':
            setAttributes(draft, { displayName: change.displayName });
            break;
          case 'externalId':
            setAttributes(draft, { externalId: change.externalId });
            break;
          case 'addMembers':
            await addTo(draft, change.ids);
            break;
          case 'removeMembers':
            await removeFrom(draft, change.ids);
            break;
          case 'replaceMembers':
            await replaceIn(draft, change.ids);
            break;
        }
      }
    });
  }

  /**
   * Replaces a team whole (SCIM PUT): its name, externalId and exactly these members, in one
   * transaction; returns the team with its members as committed.
   * @throws as apply
   */
  async replace(
    actor: Actor,
    id: string,
    input: { displayName: string; externalId: string | null; memberIds: readonly string[] },
    options: TeamChangeOptions = {},
  ): Promise<{ team: TeamRecord; members: MemberRef[] }> {
    let members: MemberRef[] = [];
    const team = await this.change(actor, id, options, async (draft) => {
      setAttributes(draft, { displayName: input.displayName, externalId: input.externalId });
      await replaceIn(draft, input.memberIds);
      members = (await this.memberRefs([draft.team.id], draft.tx)).get(draft.team.id) ?? [];
    });
    return { team, members };
  }

  /** One add or remove of members by a token in its own group, as one statement (see apply). */
  private async changeMembersAtOnce(actor: ScimTokenActor, id: string, kind: 'addMembers' | 'removeMembers', memberIds: readonly string[]): Promise<void> {
    if (!isUuid(id)) throw teamNotFound(id);
    const ids = [...new Set(memberIds)];
    const valid = ids.filter(isUuid);
    const [type, actorId, label, requestId] = actorColumns(actor);
    if (kind === 'removeMembers') {
      const [result] = await this.sql.query<{ found: number }>(removeMembersInGroup, [id, actor.groupId, valid, type, actorId, label, requestId]);
      if (!result?.found) throw teamNotFound(id);
      return;
    }
    // An unknown team is 404 whatever the ids (it is checked before them, as under the lock of change()).
    if (ids.length === 0 || valid.length !== ids.length) {
      if (!(await findTeam(this.sql, actor, id))) throw teamNotFound(id);
      if (ids.length === 0) return;
      await notInGroup(this.sql, actor.groupId, ids, valid);
    }
    try {
      const [result] = await this.sql.query<{ found: number; valid: number }>(addMembersInGroup, [
        id,
        actor.groupId,
        valid,
        valid.length,
        type,
        actorId,
        label,
        requestId,
      ]);
      if (!result?.found) throw teamNotFound(id);
      if (result.valid !== ids.length) await notInGroup(this.sql, actor.groupId, ids, valid);
    } catch (error) {
      throw teamWriteError(error, '');
    }
  }

  /** Adds members (see apply). */
  async addMembers(actor: Actor, teamId: string, memberIds: readonly string[]): Promise<{ team: TeamRecord; added: number }> {
    let added = 0;
    checkBatch(memberIds);
    const team = await this.change(actor, teamId, {}, async (draft) => {
      await addTo(draft, memberIds);
      added = draft.added;
    });
    return { team, added };
  }

  /** Removes exactly the given members (ids not in the team are ignored; see apply). */
  async removeMembers(actor: Actor, teamId: string, memberIds: readonly string[]): Promise<{ team: TeamRecord; removed: number }> {
    let removed = 0;
    checkBatch(memberIds);
    const team = await this.change(actor, teamId, {}, async (draft) => {
      await removeFrom(draft, memberIds);
      removed = draft.removed;
    });
    return { team, removed };
  }

  /** Makes a team's members exactly these (see apply). */
  async replaceMembers(actor: Actor, teamId: string, memberIds: readonly string[]): Promise<{ team: TeamRecord; added: number; removed: number }> {
    let counts = { added: 0, removed: 0 };
    const team = await this.change(actor, teamId, {}, async (draft) => {
      await replaceIn(draft, memberIds);
      counts = { added: draft.added, removed: draft.removed };
    });
    return { team, ...counts };
  }

  /**
   * Deletes a team, with its event, if nobody changed it since it was read; its members stay in
   * the group.
   * @throws TEAM_NOT_FOUND, TEAM_VERSION_MISMATCH, GROUP_SCIM_MANAGED, AUTH_FORBIDDEN
   */
  async delete(actor: Actor, id: string, options: TeamChangeOptions = {}): Promise<{ id: string; displayName: string }> {
    for (let attempt = 1; ; attempt++) {
      const team = await findTeam(this.sql, actor, id);
      if (!team) throw teamNotFound(id);
      const group = actor.kind === 'scimToken' ? { kind: GroupKind.SCIM, name: null } : await groupInScope(this.sql, actor, team.groupId);
      const writer = assertMembershipWritable(actor, group);
      checkVersion(team, options);
      const changes = { displayName: { before: team.displayName, after: null } };
      // Without If-Match the team goes whatever its version (only a team that vanished meanwhile
      // deletes nothing, and is then not found); with it, only at the version that matched.
      const version = options.ifMatch ? team.version : null;
      const deleted = await this.sql.query(deleteTeam, [team.id, version, ...activityParams(writer, 'team.deleted', changes)]);
      if (deleted.length > 0) return { id: team.id, displayName: team.displayName };
      if (attempt === maxAttempts) throw new DomainError('TEAM_VERSION_MISMATCH', 'The team kept changing while this request ran; read it again and retry.');
    }
  }

  /** Locks the team, checks the rules and the precondition, runs `work` and saves, in one transaction. */
  private async change(actor: Actor, id: string, options: TeamChangeOptions, work: (draft: Draft) => Promise<void>): Promise<TeamRecord> {
    let displayName: string | undefined;
    try {
      return await this.sql.transaction(async (tx) => {
        const { team, group } = await lock(tx, actor, id);
        const writer = assertMembershipWritable(actor, group);
        checkVersion(team, options);
        const draft = newDraft(tx, writer, team);
        await work(draft);
        displayName = draft.displayName;
        return save(draft);
      });
    } catch (error) {
      throw teamWriteError(error, displayName ?? '');
    }
  }
}

async function lock(tx: Queryable, actor: Actor, id: string): Promise<{ team: TeamRecord; group: { kind: GroupKind; name: string | null } }> {
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

function newDraft(tx: Queryable, writer: AdminActor | ScimTokenActor, team: TeamRecord): Draft {
  return { tx, writer, team, displayName: team.displayName, externalId: team.externalId, bumps: 0, added: 0, removed: 0, events: [] };
}

/** Changes name and externalId (validated), recording one `team.updated` event when something changed. */
function setAttributes(draft: Draft, input: { displayName?: string; externalId?: string | null }): void {
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
async function addTo(draft: Draft, memberIds: readonly string[]): Promise<void> {
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
async function notInGroup(q: Queryable, groupId: string, ids: readonly string[], valid: readonly string[]): Promise<never> {
  const known = new Set((await q.query<{ id: string }>(membersOfGroup, [groupId, valid])).map((row) => row.id));
  const missing = ids.filter((id) => !known.has(id));
  throw new DomainError(
    'TEAM_MEMBER_NOT_IN_GROUP',
    `Not members of this team's group: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}.`,
    'memberIds',
  );
}

async function removeFrom(draft: Draft, memberIds: readonly string[]): Promise<void> {
  const ids = [...new Set(memberIds)].filter(isUuid);
  if (ids.length === 0) return;
  recordRemoved(draft, await draft.tx.query<{ member_id: string }>(removeMembers, [draft.team.id, ids]));
}

async function replaceIn(draft: Draft, memberIds: readonly string[]): Promise<void> {
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
async function save(draft: Draft): Promise<TeamRecord> {
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

function checkVersion(team: TeamRecord, options: TeamChangeOptions): void {
  if (options.ifMatch && !options.ifMatch(team.version)) {
    throw new DomainError('TEAM_VERSION_MISMATCH', `The team has changed since you read it (it is at version ${team.version}); read it again and retry.`);
  }
}

function checkBatch(memberIds: readonly string[]): void {
  if (memberIds.length > maxMembersPerChange) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `At most ${maxMembersPerChange} members can be changed at once (got ${memberIds.length}); send them in batches.`,
      'memberIds',
    );
  }
}

function teamNotFound(id: string): DomainError {
  return new DomainError('TEAM_NOT_FOUND', `No team with id "${id}".`, 'id');
}

function firstRow(rows: readonly Row[]): Row {
  const [row] = rows;
  if (!row) throw new Error('team write returned no row');
  return row;
}

/** The unique indexes (and a vanished group) as the domain's errors; anything else unchanged. */
function teamWriteError(error: unknown, displayName: string): unknown {
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
