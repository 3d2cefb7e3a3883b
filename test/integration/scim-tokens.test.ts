import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupKind } from '../../src/domain/groups/group.entity.js';
import { ScimToken } from '../../src/domain/scim-tokens/scim-token.entity.js';
import { parseScimToken } from '../../src/domain/scim-tokens/scim-token.format.js';
import { AdminRole } from '../../src/domain/shared/actor.js';
import { makeAdmin, makeGroup, makeOrganization } from '../factories/domain.js';
import { createTestOrm } from '../support/database.js';
import { eventsOf, servicesFor } from '../support/services.js';

let orm: MikroORM;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ orm, close } = await createTestOrm());
});
afterAll(() => close());

async function setup() {
  const organization = await makeOrganization(orm.em.fork());
  const { actor } = await makeAdmin(orm.em.fork(), organization);
  const group = await makeGroup(orm.em.fork(), organization, { kind: GroupKind.SCIM, name: 'Okta' });
  return { organization, actor, group };
}

describe('ScimTokenService', () => {
  it('returns the secret once and stores only a digest, the public id and the last four', async () => {
    const { organization, actor, group } = await setup();
    const { token, scimToken } = await servicesFor(orm).scimTokens.create(actor, group.id, { name: 'Okta production' });
    expect(token).toMatch(/^roster_scim_[0-9a-f]{16}_[A-Za-z0-9_-]{43}_[0-9a-f]{8}$/);
    expect(scimToken.lastFour).toBe(token.slice(-4));
    const [row] = await orm.em.fork().getConnection().execute<Record<string, unknown>[]>('select * from scim_token where id = ?', [scimToken.id]);
    // The secret is base64url and may itself contain "_": take it by position, not by splitting.
    const secret = /^roster_scim_[0-9a-f]{16}_([A-Za-z0-9_-]{43})_[0-9a-f]{8}$/.exec(token)?.[1] ?? '';
    expect(secret).toHaveLength(43);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect((await eventsOf(orm, organization.id)).map((e) => e.action)).toEqual(['scim_token.created']);
    expect(JSON.stringify(await eventsOf(orm, organization.id))).not.toContain(token);
  });

  it('authenticates a token to an actor confined to its group', async () => {
    const { actor, group } = await setup();
    const { token, scimToken } = await servicesFor(orm).scimTokens.create(actor, group.id, { name: 'Okta' });
    expect(await servicesFor(orm).scimTokens.authenticate(token, 'r1')).toEqual({
      actor: { kind: 'scimToken', tokenId: scimToken.id, tokenName: 'Okta', organizationId: actor.organizationId, groupId: group.id, requestId: 'r1' },
    });
  });

  it('refuses a token with a bad checksum before touching the database', async () => {
    const { actor, group } = await setup();
    const { token } = await servicesFor(orm).scimTokens.create(actor, group.id, { name: 'Okta' });
    const tampered = token.slice(0, 20) + (token[20] === 'a' ? 'b' : 'a') + token.slice(21);
    expect(parseScimToken(tampered)).toBeNull();
    expect(parseScimToken('Bearer nonsense')).toBeNull();
    const em = orm.em.fork();
    let queries = 0;
    const original = em.getConnection().execute.bind(em.getConnection());
    em.getConnection().execute = ((...args: Parameters<typeof original>) => {
      queries++;
      return original(...args);
    }) as typeof original;
    const services = (await import('../../src/domain/services.js')).createServices(em, { sessionTtlMs: 1000 });
    expect(await services.scimTokens.authenticate(tampered, null)).toEqual({ actor: null, refused: 'MALFORMED_TOKEN' });
    expect(queries).toBe(0);
  });

  it('refuses a well-formed token with a wrong secret, a revoked one at once, and an expired one', async () => {
    const { actor, group } = await setup();
    const { token, scimToken } = await servicesFor(orm).scimTokens.create(actor, group.id, { name: 'Okta' });
    const { token: other } = await servicesFor(orm).scimTokens.create(actor, group.id, { name: 'Other' });
    // Same public id, another token's secret and a valid checksum for that combination.
    const forged = parseScimToken(other) && (await import('node:zlib')).crc32(`${token.slice(0, 29)}${other.slice(29, 72)}`);
    expect(forged).not.toBeNull();
    const forgedToken = `${token.slice(0, 29)}${other.slice(29, 72)}_${(forged as number).toString(16).padStart(8, '0')}`;
    expect(parseScimToken(forgedToken)).not.toBeNull();
    // A wrong secret says nothing of the token it pretends to be.
    expect(await servicesFor(orm).scimTokens.authenticate(forgedToken, null)).toEqual({ actor: null, refused: 'UNKNOWN_TOKEN' });

    await servicesFor(orm).scimTokens.revoke(actor, scimToken.id);
    expect(await servicesFor(orm).scimTokens.authenticate(token, null)).toEqual({
      actor: null,
      refused: 'REVOKED_TOKEN',
      token: { name: 'Okta', groupId: group.id, expiresAt: null },
    });

    const { token: shortLived, scimToken: row } = await servicesFor(orm).scimTokens.create(actor, group.id, {
      name: 'Soon',
      expiresAt: new Date(Date.now() + 60_000),
    });
    expect((await servicesFor(orm).scimTokens.authenticate(shortLived, null)).actor).not.toBeNull();
    const expiredAt = new Date(Date.now() - 1000);
    await orm.em.fork().nativeUpdate(ScimToken, { id: row.id }, { expiresAt: expiredAt });
    expect(await servicesFor(orm).scimTokens.authenticate(shortLived, null)).toEqual({
      actor: null,
      refused: 'EXPIRED_TOKEN',
      token: { name: 'Soon', groupId: group.id, expiresAt: expiredAt },
    });
  });

  it('updates lastUsedAt at most once per interval', async () => {
    const { actor, group } = await setup();
    const { token, scimToken } = await servicesFor(orm).scimTokens.create(actor, group.id, { name: 'Okta' });
    await servicesFor(orm).scimTokens.authenticate(token, null);
    await expect.poll(async () => (await orm.em.fork().findOneOrFail(ScimToken, scimToken.id)).lastUsedAt).not.toBeNull();
    const first = (await orm.em.fork().findOneOrFail(ScimToken, scimToken.id)).lastUsedAt;
    await servicesFor(orm).scimTokens.authenticate(token, null);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await orm.em.fork().findOneOrFail(ScimToken, scimToken.id)).lastUsedAt).toEqual(first);
  });

  it('allows several named tokens for rotation but not two active ones with the same name', async () => {
    const { actor, group } = await setup();
    const first = await servicesFor(orm).scimTokens.create(actor, group.id, { name: 'Okta' });
    await expect(servicesFor(orm).scimTokens.create(actor, group.id, { name: 'Okta' })).rejects.toMatchObject({ code: 'SCIM_TOKEN_NAME_TAKEN' });
    await servicesFor(orm).scimTokens.create(actor, group.id, { name: 'Okta 2' });
    await servicesFor(orm).scimTokens.revoke(actor, first.scimToken.id);
    await servicesFor(orm).scimTokens.create(actor, group.id, { name: 'Okta' });
    expect((await servicesFor(orm).scimTokens.listOfGroups([group.id])).get(group.id)!.map((t) => [t.name, t.revokedAt !== null])).toEqual([
      ['Okta', false],
      ['Okta 2', false],
      ['Okta', true],
    ]);
  });

  it("gives tokens only to SCIM groups, only to writers, and hides other organizations' tokens", async () => {
    const { organization, actor } = await setup();
    const standard = await makeGroup(orm.em.fork(), organization);
    await expect(servicesFor(orm).scimTokens.create(actor, standard.id, { name: 'x' })).rejects.toMatchObject({ code: 'GROUP_NOT_SCIM' });
    const scim = await makeGroup(orm.em.fork(), organization, { kind: GroupKind.SCIM });
    const { actor: viewer } = await makeAdmin(orm.em.fork(), organization, AdminRole.VIEWER);
    await expect(servicesFor(orm).scimTokens.create(viewer, scim.id, { name: 'x' })).rejects.toMatchObject({ code: 'AUTH_FORBIDDEN' });
    await expect(servicesFor(orm).scimTokens.create(actor, scim.id, { name: 'x', expiresAt: new Date(Date.now() - 1) })).rejects.toMatchObject({
      field: 'expiresAt',
    });
    const { scimToken } = await servicesFor(orm).scimTokens.create(actor, scim.id, { name: 'x' });
    const outsider = await makeAdmin(orm.em.fork(), await makeOrganization(orm.em.fork()));
    await expect(servicesFor(orm).scimTokens.revoke(outsider.actor, scimToken.id)).rejects.toMatchObject({ code: 'SCIM_TOKEN_NOT_FOUND' });
  });
});
