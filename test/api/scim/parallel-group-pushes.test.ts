import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectIdp, membersOf, patchOp, users, type Idp } from '../../idp/replay.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

/**
 * Membership updates for one group arrive as parallel requests (Infisical#6471): Okta's
 * remove-then-add (a transaction) and Entra's single Add or Remove (one statement) on the same
 * team and members at once must queue, never deadlock into a 5xx.
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

describe('parallel Group PATCHes of one team', () => {
  it('all succeed, whichever way each is applied', async () => {
    const ids = await users(idp, ...Array.from({ length: 12 }, (_, i) => `parallel${i}@example.com`));
    const teamId = String((await idp.send('POST', '/Groups', { displayName: 'Parallel' })).body.id);
    const statuses: number[] = [];
    for (let round = 0; round < 4; round++) {
      const answers = await Promise.all(
        ids.flatMap((id) => [
          idp.send('PATCH', `/Groups/${teamId}`, {
            schemas: [patchOp],
            Operations: [
              { op: 'remove', path: `members[value eq "${id}"]` },
              { op: 'add', path: 'members', value: ids.map((value) => ({ value })) },
            ],
          }),
          idp.send('PATCH', `/Groups/${teamId}`, { schemas: [patchOp], Operations: [{ op: 'Add', path: 'members', value: [{ value: id }] }] }),
          idp.send('PATCH', `/Groups/${teamId}`, { schemas: [patchOp], Operations: [{ op: 'Remove', path: 'members', value: [{ value: id }] }] }),
        ]),
      );
      statuses.push(...answers.map((answer) => answer.status));
    }
    expect(statuses.filter((status) => status !== 204)).toEqual([]);
    expect(app.logLines.filter((line) => line.includes('deadlock'))).toEqual([]);
    // A final full push decides the members, whatever order the parallel ones took.
    await idp.send('PATCH', `/Groups/${teamId}`, {
      schemas: [patchOp],
      Operations: [{ op: 'replace', path: 'members', value: ids.map((value) => ({ value })) }],
    });
    expect(await membersOf(idp, teamId)).toEqual([...ids].sort());
  });

  it('answers 404 for a team deleted while members are added to it', async () => {
    const [id] = await users(idp, 'late@example.com');
    const teamId = String((await idp.send('POST', '/Groups', { displayName: 'Going' })).body.id);
    const [deleted, added] = await Promise.all([
      idp.send('DELETE', `/Groups/${teamId}`),
      idp.send('PATCH', `/Groups/${teamId}`, { schemas: [patchOp], Operations: [{ op: 'add', path: 'members', value: [{ value: id }] }] }),
    ]);
    expect(deleted.status).toBe(204);
    expect([204, 404]).toContain(added.status);
    expect(
      (await idp.send('PATCH', `/Groups/${teamId}`, { schemas: [patchOp], Operations: [{ op: 'add', path: 'members', value: [{ value: 'not-a-uuid' }] }] }))
        .status,
    ).toBe(404);
  });
});
