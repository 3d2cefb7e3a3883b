import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { connectIdp } from './replay.js';

let database: TestDatabase;
let app: TestApp;
beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url);
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

describe('JumpCloud', () => {
  it('"Test Connection" creates a test user and a test group, then deletes both, leaving the group clean', async () => {
    const jumpcloud = await connectIdp(app.database.orm, app.baseUrl, 'JumpCloud SCIM');
    const user = await jumpcloud.send('POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'jctest@example.com',
      emails: [{ value: 'jctest@example.com', primary: true }],
      active: true,
    });
    expect(user.status).toBe(201);
    const group = await jumpcloud.send('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'JumpCloud test group' });
    expect(group.status).toBe(201);
    // Renames by pathless replace and adds members with add on members (SSOReady notes).
    expect(
      (
        await jumpcloud.send('PATCH', `/Groups/${String(group.body.id)}`, {
          Operations: [
            { op: 'replace', value: { displayName: 'JumpCloud test group 2' } },
            { op: 'add', path: 'members', value: [{ value: user.body.id }] },
          ],
        })
      ).status,
    ).toBe(204);
    expect((await jumpcloud.send('DELETE', `/Groups/${String(group.body.id)}`)).status).toBe(204);
    expect((await jumpcloud.send('DELETE', `/Users/${String(user.body.id)}`)).status).toBe(204);
    expect((await jumpcloud.send('GET', '/Users')).body.totalResults).toBe(0);
    expect((await jumpcloud.send('GET', '/Groups')).body.totalResults).toBe(0);
  });
});
