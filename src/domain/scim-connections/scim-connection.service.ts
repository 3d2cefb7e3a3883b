import type { EntityManager } from '@mikro-orm/postgresql';
import type { Sql } from '../../db/sql.js';
import type { ScimTokenActor } from '../shared/actor.js';
import { ScimConnection, ScimRejectedAttempt } from './scim-connection.entity.js';
import { keptRejectedAttempts, ScimConnectionRecorder, type RejectedAttempt, type ScimRequestOutcome } from './scim-connection.recorder.js';

export type { ScimRequestOutcome } from './scim-connection.recorder.js';

export interface ScimConnectionHealth {
  readonly connection: ScimConnection | null;
  readonly rejectedAttempts: ScimRejectedAttempt[];
}

/** What the portal shows about a SCIM group's identity provider: last request, success, failure, rejected tokens. */
export class ScimConnectionService {
  constructor(
    private readonly entityManager: () => EntityManager,
    private readonly sql: Sql,
    /** The instance's batching recorder; without one (scripts, tests) each outcome is written at once. */
    private readonly recorder?: ScimConnectionRecorder,
  ) {}

  /** This request's EntityManager, forked on first use. */
  private get em(): EntityManager {
    return this.entityManager();
  }

  /**
   * Records a request made with the group's token: the latest request, success and failure.
   * With the instance's recorder this only updates memory (nothing to wait for: undefined);
   * without one the outcome is written at once.
   */
  recordRequest(actor: ScimTokenActor, outcome: ScimRequestOutcome): Promise<void> | undefined {
    if (this.recorder) {
      this.recorder.recordRequest(actor.groupId, actor.organizationId, outcome);
      return undefined;
    }
    const recorder = this.immediate();
    recorder.recordRequest(actor.groupId, actor.organizationId, outcome);
    return recorder.flush();
  }

  /**
   * Records a request refused for its token on a group's SCIM URL. Nothing is written for URLs
   * that name no SCIM group, and only the latest attempts are kept.
   */
  async recordRejected(groupId: string, attempt: RejectedAttempt): Promise<void> {
    const recorder = this.recorder ?? this.immediate();
    recorder.recordRejected(groupId, attempt);
    if (!this.recorder) await recorder.flush();
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

  private immediate(): ScimConnectionRecorder {
    return new ScimConnectionRecorder(this.sql, {
      intervalMs: 0,
      onError: (error) => {
        throw error;
      },
    });
  }
}
