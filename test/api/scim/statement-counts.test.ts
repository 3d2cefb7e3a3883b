import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMembers } from '../../factories/domain.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { connectIdp } from '../../idp/replay.js';
import { sqlOf } from '../../../src/db/sql.js';

/**
 * SQL statements per SCIM operation: small constants that do not grow with the members stored or
 * touched — the one performance figure a noisy machine cannot move. Connection-health writes
 * (after the answer) are left out; throttling is off here.
 */
let database: TestDatabase;
let app: TestApp;
let statements: string[] = [];
let tokenReads = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, { SCIM_RATE_LIMIT_PER_MINUTE: '0' });
  // Background writes (connection health, the token's lastUsedAt) are not part of the operation,
  // nor is the token's lookup (at most once a second; pinned below).
  const count = (sql: string, origin = { inRequest: true }) => {
    if (!origin.inRequest) return;
    if (/from scim_token where public_id/.test(sql)) tokenReads++;
    else if (!/scim_connection|scim_rejected_attempt|last_used_at = now/.test(sql)) statements.push(sql);
  };
  app.database.orm.em
    .getConnection()
    .getKnex()
    .on('query', (query: { sql: string }) => count(query.sql));
  sqlOf(app.database.orm).onStatement(count);
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
    patchOther: await countFor(() =>
      idp.send('PATCH', `/Users/${target}`, { Operations: [{ op: 'add', path: 'emails[type eq "home"].value', value: 'h@example.com' }] }),
    ),
    put: await countFor(() => idp.send('PUT', `/Users/${target}`, { userName: members[0]!.userName, title: 'Updated' })),
    teamPatch: await countFor(() => idp.send('PATCH', `/Groups/${team}`, { Operations: [{ op: 'add', path: 'members', value: ids }] })),
    // Okta's push: remove one by filter, then add, in one PATCH.
    teamPatchMixed: await countFor(() =>
      idp.send('PATCH', `/Groups/${team}`, {
        Operations: [
          { op: 'remove', path: `members[value eq "${members[0]!.id}"]` },
          { op: 'add', path: 'members', value: ids },
        ],
      }),
    ),
    delete: await countFor(() => idp.send('DELETE', `/Users/${target}`)),
  };
}

describe('SQL statements per SCIM operation', () => {
  it('stay the same for 120 members stored and 10 touched as for 1,200 stored and 100 touched', async () => {
    const small = await measure(120, 10);
    const large = await measure(1200, 100);
    expect(large).toEqual(small);
    // A create, a PUT, a deactivation, a team PATCH adding members and a DELETE are one statement
    // each, with their activity event; a PATCH that depends on the User's current attributes
    // reads, then writes; a team PATCH of several operations is BEGIN, the team's lock, one
    // statement per operation, the team's version with its events, COMMIT.
    expect(large).toEqual({ create: 1, filterLookup: 1, page: 1, patch: 1, patchOther: 2, put: 1, teamPatch: 1, teamPatchMixed: 6, delete: 1 });
  });

  it('reads a token at most once a second, however many requests use it', async () => {
    const idp = await connectIdp(app.database.orm, app.baseUrl);
    tokenReads = 0;
    const started = Date.now();
    await Promise.all(Array.from({ length: 50 }, () => idp.send('GET', '/Users?count=1')));
    const seconds = Math.ceil((Date.now() - started) / 1000);
    expect(tokenReads).toBeGreaterThanOrEqual(1);
    expect(tokenReads).toBeLessThanOrEqual(seconds + 1);
  });
});
