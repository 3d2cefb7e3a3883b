import type { EntityManager } from '@mikro-orm/postgresql';
import { recordActivity } from '../activity/activity.service.js';
import { Admin } from '../admins/admin.entity.js';
import { getGroupInScope } from '../groups/group.service.js';
import { GroupKind } from '../groups/group.entity.js';
import type { Actor, ScimTokenActor } from '../shared/actor.js';
import { requireWriter } from '../shared/authorize.js';
import { DomainError } from '../shared/domain-error.js';
import { isUuid } from '../shared/ids.js';
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

/** Bearer tokens of SCIM groups: create (shown once), list, revoke, and authenticate a presented one. */
export class ScimTokenService {
  constructor(
    private readonly em: EntityManager,
    private readonly onTouchError: (error: unknown) => void = () => undefined,
  ) {}

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
    return this.em.transactional(async (em) => {
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
        createdBy: em.getReference(Admin, admin.adminId),
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
      });
      await em.flush();
      return { token, scimToken };
    });
  }

  /**
   * Revokes a token: the next request with it is refused. Revoking twice changes nothing.
   * @throws AUTH_FORBIDDEN, SCIM_TOKEN_NOT_FOUND
   */
  async revoke(actor: Actor, id: string): Promise<ScimToken> {
    const admin = requireWriter(actor);
    return this.em.transactional(async (em) => {
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
      });
      await em.flush();
      return token;
    });
  }

  /**
   * The actor behind a presented bearer token, or null: malformed or bad checksum (no query),
   * unknown public id, wrong secret (constant-time), revoked or expired. Updates lastUsedAt at most
   * every few minutes, in the background; a failure there never fails the request.
   */
  async authenticate(presented: string, requestId: string | null): Promise<ScimTokenActor | null> {
    const parsed = parseScimToken(presented);
    if (!parsed) return null;
    const token = await this.em.findOne(
      ScimToken,
      { publicId: parsed.publicId },
      { fields: ['id', 'name', 'secretHash', 'organization', 'group', 'expiresAt', 'revokedAt', 'lastUsedAt'] },
    );
    if (!token || !secretMatches(parsed.secretHash, token.secretHash)) return null;
    const now = Date.now();
    if (token.revokedAt || (token.expiresAt && token.expiresAt.getTime() <= now)) return null;
    if (!token.lastUsedAt || now - token.lastUsedAt.getTime() >= lastUsedWriteIntervalMs) {
      this.em
        .getConnection()
        .execute(
          `update scim_token set last_used_at = now() where id = ? and (last_used_at is null or last_used_at < now() - interval '${lastUsedWriteIntervalMs / 1000} seconds')`,
          [token.id],
        )
        .catch(this.onTouchError);
    }
    return { kind: 'scimToken', tokenId: token.id, tokenName: token.name, organizationId: token.organization.id, groupId: token.group.id, requestId };
  }
}
