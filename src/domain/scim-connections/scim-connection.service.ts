import type { EntityManager } from '@mikro-orm/postgresql';
import type { ScimTokenActor } from '../shared/actor.js';
import { ScimConnection, ScimRejectedAttempt, type ScimClient } from './scim-connection.entity.js';

/** Successful requests refresh the connection row at most this often (failures always do). */
export const connectionWriteIntervalSeconds = 30;
/** Rejected attempts kept per group. */
export const keptRejectedAttempts = 20;

export interface ScimRequestOutcome {
  readonly client: ScimClient;
  readonly userAgent: string | null;
  readonly status: number;
  /** The SCIM error detail the client was given, for failures. */
  readonly detail: string | null;
  readonly requestId: string | null;
}

export interface ScimConnectionHealth {
  readonly connection: ScimConnection | null;
  readonly rejectedAttempts: ScimRejectedAttempt[];
}

/** What the portal shows about a SCIM group's identity provider: last request, success, failure, rejected tokens. */
export class ScimConnectionService {
  constructor(private readonly em: EntityManager) {}

  /**
   * Records a request made with the group's token, in one statement: failures always, successes
   * at most every 30 seconds, so a busy import does not write on every request.
   */
  async recordRequest(actor: ScimTokenActor, outcome: ScimRequestOutcome): Promise<void> {
    const failed = outcome.status >= 400;
    await this.em.execute(
      `insert into scim_connection (group_id, organization_id, last_request_at, client, user_agent, last_success_at, last_failure_at, last_failure_status, last_failure_detail, last_failure_request_id)
       values (?, ?, now(), ?, ?, case when ? then null else now() end, case when ? then now() end, ?, ?, ?)
       on conflict (group_id) do update set
         last_request_at = excluded.last_request_at,
         client = excluded.client,
         user_agent = excluded.user_agent,
         last_success_at = coalesce(excluded.last_success_at, scim_connection.last_success_at),
         last_failure_at = coalesce(excluded.last_failure_at, scim_connection.last_failure_at),
         last_failure_status = coalesce(excluded.last_failure_status, scim_connection.last_failure_status),
         last_failure_detail = coalesce(excluded.last_failure_detail, scim_connection.last_failure_detail),
         last_failure_request_id = coalesce(excluded.last_failure_request_id, scim_connection.last_failure_request_id)
       where excluded.last_failure_at is not null
          or scim_connection.last_request_at < now() - interval '${connectionWriteIntervalSeconds} seconds'
          or scim_connection.client is distinct from excluded.client`,
      [
        actor.groupId,
        actor.organizationId,
        outcome.client,
        outcome.userAgent,
        failed,
        failed,
        failed ? outcome.status : null,
        failed ? outcome.detail : null,
        failed ? outcome.requestId : null,
      ],
    );
  }

  /**
   * Records a request refused for its token on a group's SCIM URL. Nothing is written for URLs
   * that name no SCIM group, and only the latest attempts are kept.
   */
  async recordRejected(groupId: string, attempt: { reason: string; tokenLastFour: string | null; client: ScimClient }): Promise<void> {
    const inserted = await this.em.execute<{ group_id: string }[]>(
      `insert into scim_rejected_attempt (group_id, organization_id, reason, token_last_four, client)
       select id, organization_id, ?, ?, ? from "group" where id = ? and kind = 'SCIM' returning group_id`,
      [attempt.reason, attempt.tokenLastFour, attempt.client, groupId],
    );
    if (inserted.length === 0) return;
    await this.em.execute(
      `delete from scim_rejected_attempt where group_id = ? and id < (
         select min(id) from (select id from scim_rejected_attempt where group_id = ? order by id desc limit ?) latest)`,
      [groupId, groupId, keptRejectedAttempts],
    );
  }

  /** Health of several groups in two statements (for DataLoader); groups already in scope. */
  async healthOfGroups(groupIds: readonly string[]): Promise<Map<string, ScimConnectionHealth>> {
    const connections = await this.em.find(ScimConnection, { group: { $in: groupIds as string[] } });
    const attempts = await this.em.find(ScimRejectedAttempt, { group: { $in: groupIds as string[] } }, { orderBy: { id: 'desc' } });
    return new Map(
      groupIds.map((id) => [
        id,
        {
          connection: connections.find((c) => c.group.id === id) ?? null,
          rejectedAttempts: attempts.filter((a) => a.group.id === id).slice(0, keptRejectedAttempts),
        },
      ]),
    );
  }
}
