import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMembers } from '../../factories/domain.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { connectIdp } from '../../idp/replay.js';

/**
 * SQL statements per SCIM operation: small constants that do not grow with the members stored or
 * touched — the one performance figure a noisy machine cannot move. Connection-health writes
 * (after the answer) are left out; throttling is off here.
 */
let database: TestDatabase;
let app: TestApp;
let statements: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, { SCIM_RATE_LIMIT_PER_MINUTE: '0' });
  app.database.orm.em
    .getConnection()
    .getKnex()
    .on('query', (query: { sql: string }) => {
      // Background writes (connection health, the token's lastUsedAt) are not part of the operation.
      if (!/scim_connection|scim_rejected_attempt|last_used_at = now/.test(query.sql)) statements.push(query.sql);
    });
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

async function countFor(work: () => Promise<unknown>): Promise<number> {
  statements = [];
  await work();
  return statements.length;
}

async function measure(stored: number, touched: number) {
  const idp = await connectIdp(app.database.orm, app.baseUrl);
  const members = await makeMembers(app.database.orm.em.fork(), idp.group, stored, `s${stored}-`);
  const target = members[0]!.id;
  const team = String((await idp.send('POST', '/Groups', { displayName: 'Team' })).body.id);
  const ids = members.slice(0, touched).map((m) => ({ value: m.id }));
  return {
    create: await countFor(() => idp.send('POST', '/Users', { userName: `new-${stored}@example.com`, emails: [{ value: 'x@example.com' }] })),
    filterLookup: await countFor(() => idp.send('GET', `/Users?filter=${encodeURIComponent(`userName eq "${members[1]!.userName}"`)}`)),
    page: await countFor(() => idp.send('GET', '/Users?startIndex=2&count=100')),
    patch: await countFor(() => idp.send('PATCH', `/Users/${target}`, { Operations: [{ op: 'replace', value: { active: false } }] })),
    put: await countFor(() => idp.send('PUT', `/Users/${target}`, { userName: members[0]!.userName, title: 'Updated' })),
    teamPatch: await countFor(() => idp.send('PATCH', `/Groups/${team}`, { Operations: [{ op: 'add', path: 'members', value: ids }] })),
    delete: await countFor(() => idp.send('DELETE', `/Users/${target}`)),
  };
}

describe('SQL statements per SCIM operation', () => {
  it('stay the same for 120 members stored and 10 touched as for 1,200 stored and 100 touched', async () => {
    const small = await measure(120, 10);
    const large = await measure(1200, 100);
    expect(large).toEqual(small);
    // Each includes the token lookup; writes include BEGIN/COMMIT and the activity event.
    for (const [operation, count] of Object.entries(large)) expect(count, operation).toBeLessThanOrEqual(12);
  });
});
