import type { EntityManager } from '@mikro-orm/postgresql';
import { statement, type Sql } from '../../db/sql.js';
import { recordActivity } from '../activity/activity.service.js';
import { Admin } from '../admins/admin.entity.js';
import { getGroupInScope } from '../groups/group.service.js';
import { GroupKind } from '../groups/group.entity.js';
import type { Actor, ScimTokenActor } from '../shared/actor.js';
import { requireWriter } from '../shared/authorize.js';
import { CredentialCache } from '../shared/credential-cache.js';
import { DomainError } from '../shared/domain-error.js';
import { isUuid } from '../shared/ids.js';
import { nullableTimestamp } from '../shared/rows.js';
import { requiredText } from '../shared/text.js';
import { ScimToken } from './scim-token.entity.js';
import { newScimToken, parseScimToken, secretMatches } from './scim-token.format.js';

/** lastUsedAt is written at most this often per token, so busy syncs do not write on every request. */
export const lastUsedWriteIntervalMs = 5 * 60 * 1000;

export interface CreatedScimToken {
  /** The plaintext token: returned here once, never stored, never shown again. */
  readonly token: string;
  readonly scimToken: ScimToken;
}

/** What authentication needs of a token row; the secret only as its digest. */
export interface KnownScimToken {
  readonly id: string;
  readonly name: string;
  readonly secretHash: Buffer;
  readonly organizationId: string;
  readonly groupId: string;
  readonly expiresAt: number | null;
  readonly revoked: boolean;
  /** When lastUsedAt was last written (or found written), in ms. */
  lastUsedAt: number | null;
}

export type ScimTokenCache = CredentialCache<KnownScimToken>;

/**
 * The outcome of presenting a token: its actor, or why it was refused. A token whose secret
 * matches is "recognised" even when revoked or expired: its name and group are known, so the
 * refusal can be shown to that group's admins.
 */
export type ScimAuthentication =
  | { readonly actor: ScimTokenActor }
  | { readonly actor: null; readonly refused: 'MALFORMED_TOKEN' | 'UNKNOWN_TOKEN' }
  | {
      readonly actor: null;
      readonly refused: 'REVOKED_TOKEN' | 'EXPIRED_TOKEN';
      readonly token: { readonly name: string; readonly groupId: string; readonly expiresAt: Date | null };
    };

const tokenByPublicId = statement(
  'select id, name, secret_hash, organization_id, group_id, expires_at, revoked_at, last_used_at from scim_token where public_id = $1',
);
const touch = statement(
  `update scim_token set last_used_at = now() where id = $1 and (last_used_at is null or last_used_at < now() - interval '${lastUsedWriteIntervalMs / 1000} seconds')`,
);

/** Bearer tokens of SCIM groups: create (shown once), list, revoke, and authenticate a presented one. */
/** A token as the activity log keeps it after a change (the change feed's `resource`): never its secret nor its hash. */
function tokenResource(token: ScimToken): Record<string, unknown> {
  return {
    id: token.id,
    groupId: token.group.id,
    name: token.name,
    lastFour: token.lastFour,
    createdBy: token.createdBy?.id ?? null,
    expiresAt: token.expiresAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}

export class ScimTokenService {
  constructor(
    private readonly entityManager: () => EntityManager,
    private readonly sql: Sql,
    private readonly cache: ScimTokenCache = new CredentialCache({ ttlMs: 0 }),
    private readonly onTouchError: (error: unknown) => void = () => undefined,
  ) {}

  /** This request's EntityManager, forked on first use. */
  private get em(): EntityManager {
    return this.entityManager();
  }

  /** Tokens of several groups in one statement (for DataLoader); groups already in scope. */
  async listOfGroups(groupIds: readonly string[]): Promise<Map<string, ScimToken[]>> {
    const rows = await this.em.find(
      ScimToken,
      { group: { $in: groupIds as string[] } },
      { orderBy: { createdAt: 'desc', id: 'asc' }, populate: ['createdBy'] },
    );
    const result = new Map<string, ScimToken[]>();
    for (const row of rows) result.set(row.group.id, [...(result.get(row.group.id) ?? []), row]);
    return result;
  }

  /**
   * Creates a named token for a SCIM group; several may be active at once, so rotation has an
   * overlap. The name must be unique among the group's active tokens; expiry must be in the future.
   * @throws AUTH_FORBIDDEN, GROUP_NOT_FOUND, GROUP_NOT_SCIM, SCIM_TOKEN_NAME_TAKEN, VALIDATION_FAILED
   */
  async create(actor: Actor, groupId: string, input: { name: string; expiresAt?: Date | null }): Promise<CreatedScimToken> {
    const admin = requireWriter(actor);
    const name = requiredText(input.name, 'name', 100);
    const expiresAt = input.expiresAt ?? null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) throw new DomainError('VALIDATION_FAILED', 'expiresAt must be in the future.', 'expiresAt');
    const created = await this.em.transactional(async (em) => {
      const group = await getGroupInScope(em, admin, groupId);
      if (group.kind !== GroupKind.SCIM) throw new DomainError('GROUP_NOT_SCIM', `"${group.name}" is a STANDARD group; SCIM tokens belong to SCIM groups.`);
      // Serialise token creation per group, so two concurrent creates cannot both take a name.
      await em.execute('select id from "group" where id = ? for update', [group.id]);
      if ((await em.count(ScimToken, { group: group.id, name, revokedAt: null })) > 0) {
        throw new DomainError('SCIM_TOKEN_NAME_TAKEN', `This group has an active token named "${name}" already.`, 'name');
      }
      const { token, publicId, secretHash, lastFour } = newScimToken();
      const scimToken = em.create(ScimToken, {
        organization: group.organization,
        group,
        name,
        publicId,
        secretHash,
        lastFour,
        // Loaded, not a bare reference: the answer shows who created it.
        createdBy: await em.findOneOrFail(Admin, { id: admin.adminId }),
        expiresAt,
      });
      recordActivity(em, admin, {
        organizationId: admin.organizationId,
        groupId: group.id,
        action: 'scim_token.created',
        targetType: 'ScimToken',
        targetId: scimToken.id,
        targetLabel: name,
        changes: {
          name: { before: null, after: name },
          lastFour: { before: null, after: lastFour },
          expiresAt: { before: null, after: expiresAt?.toISOString() ?? null },
        },
        resource: tokenResource(scimToken),
      });
      await em.flush();
      return { token, scimToken };
    });
    // This instance may remember the public id as unknown (someone tried it): forget that.
    this.cache.invalidate(created.scimToken.publicId);
    return created;
  }

  /**
   * Revokes a token: the next request with it is refused (on other instances within a second).
   * Revoking twice changes nothing.
   * @throws AUTH_FORBIDDEN, SCIM_TOKEN_NOT_FOUND
   */
  async revoke(actor: Actor, id: string): Promise<ScimToken> {
    const admin = requireWriter(actor);
    const revoked = await this.em.transactional(async (em) => {
      const token = isUuid(id) ? await em.findOne(ScimToken, { id, organization: admin.organizationId }) : null;
      if (!token) throw new DomainError('SCIM_TOKEN_NOT_FOUND', `No SCIM token with id "${id}".`, 'id');
      if (token.revokedAt) return token;
      token.revokedAt = new Date();
      recordActivity(em, admin, {
        organizationId: admin.organizationId,
        groupId: token.group.id,
        action: 'scim_token.revoked',
        targetType: 'ScimToken',
        targetId: token.id,
        targetLabel: token.name,
        changes: { revokedAt: { before: null, after: token.revokedAt.toISOString() } },
        resource: tokenResource(token),
      });
      await em.flush();
      return token;
    });
    this.cache.invalidate(revoked.publicId);
    return revoked;
  }

  /** Forgets what this instance remembers of a group's tokens (the group was deleted). */
  forgetGroup(groupId: string): void {
    this.cache.invalidateWhere((token) => token.groupId === groupId);
  }

  /**
   * The actor behind a presented bearer token, or why there is none: malformed or bad checksum
   * (no query), unknown public id or wrong secret (constant-time; the two are one answer), revoked
   * or expired. The row is read at most once a second per token and instance (see
   * CredentialCache); the secret is checked on every request. Updates lastUsedAt at most every few
   * minutes, in the background; a failure there never fails the request.
   */
  async authenticate(presented: string, requestId: string | null): Promise<ScimAuthentication> {
    const parsed = parseScimToken(presented);
    if (!parsed) return { actor: null, refused: 'MALFORMED_TOKEN' };
    const token = await this.cache.resolve(parsed.publicId, () => this.read(parsed.publicId));
    if (!token || !secretMatches(parsed.secretHash, token.secretHash)) return { actor: null, refused: 'UNKNOWN_TOKEN' };
    const now = Date.now();
    if (token.revoked || (token.expiresAt !== null && token.expiresAt <= now)) {
      const refused = token.revoked ? 'REVOKED_TOKEN' : 'EXPIRED_TOKEN';
      const expiresAt = token.expiresAt === null ? null : new Date(token.expiresAt);
      return { actor: null, refused, token: { name: token.name, groupId: token.groupId, expiresAt } };
    }
    if (token.lastUsedAt === null || now - token.lastUsedAt >= lastUsedWriteIntervalMs) {
      token.lastUsedAt = now;
      this.sql.query(touch, [token.id]).catch(this.onTouchError);
    }
    return { actor: { kind: 'scimToken', tokenId: token.id, tokenName: token.name, organizationId: token.organizationId, groupId: token.groupId, requestId } };
  }

  private async read(publicId: string): Promise<KnownScimToken | null> {
    const [row] = await this.sql.query<{
      id: string;
      name: string;
      secret_hash: string;
      organization_id: string;
      group_id: string;
      expires_at: unknown;
      revoked_at: unknown;
      last_used_at: unknown;
    }>(tokenByPublicId, [publicId]);
    if (!row) return null;
    return {
      id: row.id,
      name: row.name,
      secretHash: Buffer.from(row.secret_hash, 'hex'),
      organizationId: row.organization_id,
      groupId: row.group_id,
      expiresAt: nullableTimestamp(row.expires_at)?.getTime() ?? null,
      revoked: row.revoked_at !== null,
      lastUsedAt: nullableTimestamp(row.last_used_at)?.getTime() ?? null,
    };
  }
}
