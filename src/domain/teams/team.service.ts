import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/sql.js';
import { activityParams, actorColumns } from '../activity/activity.service.js';
import { assertMembershipWritable, groupInScope } from '../groups/group.access.js';
import { GroupKind } from '../groups/group.entity.js';
import type { Actor, ScimTokenActor } from '../shared/actor.js';
import { DomainError } from '../shared/domain-error.js';
import { isUuid } from '../shared/ids.js';
import { optionalText, requiredText } from '../shared/text.js';
import {
  addTo,
  checkBatch,
  checkVersion,
  firstRow,
  lock,
  newDraft,
  notInGroup,
  removeFrom,
  replaceIn,
  save,
  setAttributes,
  teamNameMaxLength,
  teamNotFound,
  teamWriteError,
  type Draft,
  type TeamChangeOptions,
} from './team.draft.js';
import { findTeam, TeamQueries } from './team.queries.js';
import { teamFromRow, type MemberRef, type TeamRecord } from './team.record.js';
import { addMembersInGroup, deleteTeam, insertTeam, removeMembersInGroup } from './team.statements.js';

export { maxMembersPerChange, teamNameMaxLength, type TeamChangeOptions } from './team.draft.js';

/** How often a delete is retried when another request changed the team in between. */
const maxAttempts = 5;

/** One change of a team, in domain terms; a SCIM PATCH is a list of them, applied whole or not at all. */
export type TeamChange =
  | { readonly kind: 'rename'; readonly displayName: string }
  | { readonly kind: 'externalId'; readonly externalId: string | null }
  | { readonly kind: 'addMembers'; readonly ids: readonly string[] }
  | { readonly kind: 'removeMembers'; readonly ids: readonly string[] }
  | { readonly kind: 'replaceMembers'; readonly ids: readonly string[] };

type Row = Record<string, unknown>;

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
  async addMembers(actor: Actor, teamId: string, memberIds: readonly string[], options: TeamChangeOptions = {}): Promise<{ team: TeamRecord; added: number }> {
    let added = 0;
    checkBatch(memberIds);
    const team = await this.change(actor, teamId, options, async (draft) => {
      await addTo(draft, memberIds);
      added = draft.added;
    });
    return { team, added };
  }

  /** Removes exactly the given members (ids not in the team are ignored; see apply). */
  async removeMembers(
    actor: Actor,
    teamId: string,
    memberIds: readonly string[],
    options: TeamChangeOptions = {},
  ): Promise<{ team: TeamRecord; removed: number }> {
    let removed = 0;
    checkBatch(memberIds);
    const team = await this.change(actor, teamId, options, async (draft) => {
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
