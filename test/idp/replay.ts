import type { MikroORM } from '@mikro-orm/postgresql';
import { GroupKind } from '../../src/domain/groups/group.entity.js';
import { makeGroup, makeOrganization, makeScimToken } from '../factories/domain.js';
import { scimClient } from '../support/scim.js';

/** A fresh SCIM group and a client that sends what an identity provider sends (its User-Agent or none). */
export async function connectIdp(orm: MikroORM, baseUrl: string, userAgent?: string) {
  const em = orm.em.fork();
  const group = await makeGroup(em, await makeOrganization(em), { kind: GroupKind.SCIM });
  const { token } = await makeScimToken(em, group);
  const client = scimClient(baseUrl, token);
  const headers: Record<string, string> = userAgent ? { 'user-agent': userAgent } : {};
  return {
    group,
    base: `/scim/v2/${group.id}`,
    authorization: `Bearer ${token}`,
    send: (method: string, path: string, body?: unknown) => client(method, `/scim/v2/${group.id}${path}`, body, headers),
  };
}

export const filterQuery = (filter: string, extra = '') => `?filter=${encodeURIComponent(filter)}${extra}`;

export type Idp = Awaited<ReturnType<typeof connectIdp>>;

export const patchOp = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** Creates users by userName through SCIM and returns their ids. */
export async function users(idp: Idp, ...names: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const userName of names) ids.push(String((await idp.send('POST', '/Users', { userName })).body.id));
  return ids;
}

/** The member ids of a SCIM Group, sorted. */
export async function membersOf(idp: Idp, id: string): Promise<string[]> {
  const { body } = await idp.send('GET', `/Groups/${id}`);
  return ((body.members as { value: string }[] | undefined) ?? []).map((m) => m.value).sort();
}
