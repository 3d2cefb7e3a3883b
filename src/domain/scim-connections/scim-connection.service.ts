import type { EntityManager } from '@mikro-orm/postgresql';
import type { Sql } from '../../db/sql.js';
import type { ScimTokenActor } from '../shared/actor.js';
import type { ScimAuthentication } from '../scim-tokens/scim-token.service.js';
import { ScimConnection, ScimRejectedAttempt, ScimRejectionCode, type ScimClient } from './scim-connection.entity.js';
import { keptRejectedAttempts, ScimConnectionRecorder, type RejectedAttempt, type ScimRequestOutcome } from './scim-connection.recorder.js';
import { describeRejection } from './scim-rejection.js';

export type { ScimRequestOutcome } from './scim-connection.recorder.js';

/** What the transport saw of a refused request. */
export interface PresentedCredentials {
  readonly client: ScimClient;
  /** The last four characters of the token presented, if any. */
  readonly tokenLastFour: string | null;
}

/** A refusal the transport found in the Authorization header itself, before any token was looked at. */
export interface HeaderRefusal {
  readonly code: ScimRejectionCode.MISSING_AUTHORIZATION | ScimRejectionCode.SCHEME_MISSING | ScimRejectionCode.SCHEME_DOUBLED | ScimRejectionCode.WRONG_SCHEME;
  readonly scheme?: string;
}

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
      this.recorder.recordRequest(actor.groupId, outcome);
      return undefined;
    }
    const recorder = this.immediate();
    recorder.recordRequest(actor.groupId, outcome);
    return recorder.flush();
  }

  /**
   * Records a request refused for its credentials, where the admins who can fix it look: a token
   * this service recognises (revoked, expired) on its own group, whatever URL it was sent to;
   * anything else on the group the URL names (nothing when that is no SCIM group). Only the
   * latest attempts are kept.
   */
  recordRefused(
    urlGroupId: string | null,
    refusal: HeaderRefusal | Extract<ScimAuthentication, { actor: null }>,
    presented: PresentedCredentials,
  ): Promise<void> {
    const base = { tokenLastFour: presented.tokenLastFour, client: presented.client, path: null };
    if ('token' in refusal) {
      const code = ScimRejectionCode[refusal.refused];
      const reason = describeRejection(code, { tokenName: refusal.token.name, expiredAt: refusal.token.expiresAt });
      return this.recordRejected(refusal.token.groupId, { ...base, code, reason, tokenName: refusal.token.name });
    }
    if (urlGroupId === null) return Promise.resolve();
    const code = 'refused' in refusal ? ScimRejectionCode[refusal.refused] : refusal.code;
    return this.recordRejected(urlGroupId, {
      ...base,
      code,
      reason: describeRejection(code, { scheme: 'scheme' in refusal ? refusal.scheme : undefined }),
      tokenName: null,
    });
  }

  /**
   * Records one of a group's valid tokens used on a URL that is not the group's (another group's,
   * a mistyped id, a path outside any group): on the token's own group, where its admins look.
   */
  recordWrongUrl(actor: ScimTokenActor, path: string, baseUrl: string, presented: PresentedCredentials): Promise<void> {
    const reason = describeRejection(ScimRejectionCode.WRONG_URL, { tokenName: actor.tokenName, path, baseUrl });
    return this.recordRejected(actor.groupId, {
      ...presented,
      code: ScimRejectionCode.WRONG_URL,
      reason,
      tokenName: actor.tokenName,
      path: path.slice(0, 512),
    });
  }

  private async recordRejected(groupId: string, attempt: RejectedAttempt): Promise<void> {
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
