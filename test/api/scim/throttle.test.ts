import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupKind } from '../../../src/domain/groups/group.entity.js';
import { makeGroup, makeOrganization, makeScimToken } from '../../factories/domain.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { errorSchema, scimClient } from '../../support/scim.js';

let database: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, { SCIM_RATE_LIMIT_PER_MINUTE: '5' });
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

describe('SCIM throttling', () => {
  it('answers a token over its budget with 429, Retry-After and a SCIM error; other tokens are unaffected', async () => {
    const em = app.database.orm.em.fork();
    const group = await makeGroup(em, await makeOrganization(em), { kind: GroupKind.SCIM });
    const [busy, calm] = [await makeScimToken(em, group, 'Busy'), await makeScimToken(em, group, 'Calm')];
    const path = `/scim/v2/${group.id}/Users`;
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await scimClient(app.baseUrl, busy.token)('GET', path)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await scimClient(app.baseUrl, busy.token)('GET', path);
    expect(limited.body).toMatchObject({ schemas: [errorSchema], status: '429', detail: expect.stringContaining('at most 5 a minute') });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await scimClient(app.baseUrl, calm.token)('GET', path)).status).toBe(200);
  });
});
