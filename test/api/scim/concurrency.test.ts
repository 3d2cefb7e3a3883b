import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityEvent } from '../../../src/domain/activity/activity-event.entity.js';
import { connectIdp, membersOf, patchOp, users, type Idp } from '../../idp/replay.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

/**
 * Writes that race: the version a change was computed from must still be the version it is
 * written over (or it is computed again), and If-Match holds at the moment of the write.
 */
let database: TestDatabase;
let app: TestApp;
let idp: Idp;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, { SCIM_RATE_LIMIT_PER_MINUTE: '0' });
  idp = await connectIdp(app.database.orm, app.baseUrl);
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

const replace = (value: Record<string, unknown>) => ({ schemas: [patchOp], Operations: [{ op: 'replace', value }] });

describe('concurrent SCIM writes', () => {
  it('lets exactly one of several PATCHes holding the same ETag through; the others get 412', async () => {
    const [id] = await users(idp, 'etag-race@example.com');
    await idp.send('PATCH', `/Users/${id}`, replace({ title: 'Before' }));
    const current = await idp.send('GET', `/Users/${id}`);
    const etag = (current.body.meta as { version: string }).version;
    const racing = await Promise.all(
      ['W', 'X', 'Y', 'Z'].map((title) =>
        fetch(`${app.baseUrl}${idp.base}/Users/${id}`, {
          method: 'PATCH',
          headers: { authorization: idp.authorization, 'content-type': 'application/scim+json', 'if-match': etag },
          body: JSON.stringify(replace({ title })),
        }).then((response) => response.status),
      ),
    );
    expect(racing.filter((status) => status === 200)).toHaveLength(1);
    expect(racing.filter((status) => status === 412)).toHaveLength(3);
    const after = await idp.send('GET', `/Users/${id}`);
    expect(Number(/\d+/.exec((after.body.meta as { version: string }).version)?.[0])).toBe(Number(/\d+/.exec(etag)?.[0]) + 1);
  });

  it('loses no PATCH when several change different attributes of one user at the same time', async () => {
    const [id] = await users(idp, 'no-lost-update@example.com');
    const changes = [
      { title: 'Engineer' },
      { nickName: 'Ada' },
      { displayName: 'Ada L.' },
      { locale: 'en-GB' },
      { timezone: 'Europe/London' },
      { userType: 'Staff' },
    ];
    const statuses = await Promise.all(changes.map(async (value) => (await idp.send('PATCH', `/Users/${id}`, replace(value))).status));
    expect(statuses).toEqual(changes.map(() => 200));
    const { body } = await idp.send('GET', `/Users/${id}`);
    expect(body).toMatchObject(Object.assign({}, ...changes) as Record<string, unknown>);
    expect((body.meta as { version: string }).version).toBe(`W/"${changes.length + 1}"`);
    const events = await app.database.orm.em.fork().find(ActivityEvent, { targetId: id, action: 'member.updated' });
    expect(events).toHaveLength(changes.length);
  });

  it('checks If-Match on a Group PATCH when the team is locked, so only one of two stale writers wins', async () => {
    const ids = await users(idp, 'team-a@example.com', 'team-b@example.com');
    const team = await idp.send('POST', '/Groups', { displayName: 'Racing team' });
    const etag = (team.body.meta as { version: string }).version;
    const statuses = await Promise.all(
      ids.map((value) =>
        fetch(`${app.baseUrl}${idp.base}/Groups/${String(team.body.id)}`, {
          method: 'PATCH',
          headers: { authorization: idp.authorization, 'content-type': 'application/scim+json', 'if-match': etag },
          body: JSON.stringify({ schemas: [patchOp], Operations: [{ op: 'add', path: 'members', value: [{ value }] }] }),
        }).then((response) => response.status),
      ),
    );
    expect(statuses.sort()).toEqual([204, 412]);
    expect(await membersOf(idp, String(team.body.id))).toHaveLength(1);
  });
});
