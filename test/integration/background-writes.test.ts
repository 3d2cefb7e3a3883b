import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharedRateLimiter } from '../../src/db/shared-rate-limiter.js';
import { sqlOf } from '../../src/db/sql.js';
import { GroupKind } from '../../src/domain/groups/group.entity.js';
import { ScimClient, ScimConnection, ScimRejectedAttempt, ScimRejectionCode } from '../../src/domain/scim-connections/scim-connection.entity.js';
import { ScimConnectionRecorder } from '../../src/domain/scim-connections/scim-connection.recorder.js';
import { makeGroup, makeOrganization } from '../factories/domain.js';
import { createTestOrm } from '../support/database.js';

/** The work each instance batches in memory and writes once a second, seen from the database. */
let orm: MikroORM;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ orm, close } = await createTestOrm());
});
afterAll(() => close());

const failOnError = (error: unknown) => {
  throw error;
};
const outcome = (client: ScimClient, status: number, detail: string | null = null) => ({ client, userAgent: client, status, detail, requestId: `r-${status}` });

describe('connection health, batched per instance', () => {
  it('keeps the newest outcome whichever instance writes last, and writes nothing for a deleted group', async () => {
    const em = orm.em.fork();
    const organization = await makeOrganization(em);
    const group = await makeGroup(em, organization, { kind: GroupKind.SCIM });
    const gone = await makeGroup(em, organization, { kind: GroupKind.SCIM });
    const [a, b] = [
      new ScimConnectionRecorder(sqlOf(orm), { intervalMs: 1000, onError: failOnError }),
      new ScimConnectionRecorder(sqlOf(orm), { intervalMs: 1000, onError: failOnError }),
    ];
    const t = Date.parse('2026-12-01T10:00:00Z');
    // Instance A answered an Okta success and, later, a failure; instance B answered an Entra success in between.
    a.recordRequest(group.id, outcome(ScimClient.OKTA, 200), t);
    a.recordRequest(group.id, outcome(ScimClient.OKTA, 400, 'Invalid filter'), t + 3000);
    b.recordRequest(group.id, outcome(ScimClient.ENTRA, 200), t + 2000);
    b.recordRequest(gone.id, outcome(ScimClient.ENTRA, 200), t + 2000);
    await orm.em.fork().nativeDelete('Group', { id: gone.id });
    await a.flush();
    await b.flush();
    const row = await orm.em.fork().findOneOrFail(ScimConnection, { group: group.id });
    expect(row).toMatchObject({
      client: ScimClient.OKTA,
      lastRequestAt: new Date(t + 3000),
      lastSuccessAt: new Date(t + 2000),
      lastFailureAt: new Date(t + 3000),
      lastFailureStatus: 400,
      lastFailureDetail: 'Invalid filter',
      // B's success came before A's failure: failing since that failure.
      failingSince: new Date(t + 3000),
    });
    expect(await orm.em.fork().count(ScimConnection, { group: gone.id })).toBe(0);
  });

  it('says since when requests fail: the first failure or refusal after the last success, cleared by the next success', async () => {
    const em = orm.em.fork();
    const organization = await makeOrganization(em);
    const group = await makeGroup(em, organization, { kind: GroupKind.SCIM });
    const refusedOnly = await makeGroup(em, organization, { kind: GroupKind.SCIM });
    const recorder = new ScimConnectionRecorder(sqlOf(orm), { intervalMs: 1000, onError: failOnError });
    const row = (id: string) => orm.em.fork().findOneOrFail(ScimConnection, { group: id });
    const t = Date.parse('2026-12-01T10:00:00Z');
    const refusal = { code: ScimRejectionCode.REVOKED_TOKEN, reason: 'revoked', tokenLastFour: 'abcd', tokenName: 'Okta', path: null, client: ScimClient.OKTA };

    recorder.recordRequest(group.id, outcome(ScimClient.OKTA, 200), t);
    recorder.recordRequest(group.id, outcome(ScimClient.OKTA, 500, 'Database unavailable'), t + 1000);
    recorder.recordRequest(group.id, outcome(ScimClient.OKTA, 400, 'Invalid filter'), t + 2000);
    await recorder.flush();
    expect(await row(group.id)).toMatchObject({ lastSuccessAt: new Date(t), failingSince: new Date(t + 1000) });

    // Later batches of failures, refusals among them, keep the streak's start.
    recorder.recordRejected(group.id, refusal, t + 3000);
    recorder.recordRequest(group.id, outcome(ScimClient.OKTA, 404), t + 4000);
    await recorder.flush();
    expect((await row(group.id)).failingSince).toEqual(new Date(t + 1000));

    recorder.recordRequest(group.id, outcome(ScimClient.OKTA, 200), t + 5000);
    await recorder.flush();
    expect(await row(group.id)).toMatchObject({ lastSuccessAt: new Date(t + 5000), failingSince: null, lastFailureAt: new Date(t + 4000) });

    // A refusal after the success starts a new streak.
    recorder.recordRejected(group.id, refusal, t + 6000);
    await recorder.flush();
    expect((await row(group.id)).failingSince).toEqual(new Date(t + 6000));

    // A group that has only ever refused requests: failing since the first refusal, and no request made with its tokens.
    recorder.recordRejected(refusedOnly.id, refusal, t + 7000);
    recorder.recordRejected(refusedOnly.id, refusal, t + 8000);
    await recorder.flush();
    expect(await row(refusedOnly.id)).toMatchObject({ lastRequestAt: null, client: null, lastSuccessAt: null, failingSince: new Date(t + 7000) });
  });

  it('still records the groups its tokens are used on while refusals flood in on made-up URLs', async () => {
    const em = orm.em.fork();
    const organization = await makeOrganization(em);
    const group = await makeGroup(em, organization, { kind: GroupKind.SCIM });
    const recorder = new ScimConnectionRecorder(sqlOf(orm), { intervalMs: 1000, onError: failOnError });
    const refusal = { code: ScimRejectionCode.UNKNOWN_TOKEN, reason: 'unknown', tokenLastFour: null, tokenName: null, path: null, client: ScimClient.OTHER };
    for (let i = 0; i < 6_000; i++) recorder.recordRejected(randomUUID(), refusal);
    recorder.recordRequest(group.id, outcome(ScimClient.OKTA, 200));
    await recorder.flush();
    expect(await orm.em.fork().findOneOrFail(ScimConnection, { group: group.id })).toMatchObject({ client: ScimClient.OKTA, failingSince: null });
  });

  it('keeps the latest 20 rejected attempts of a SCIM group, in order, and none for other URLs', async () => {
    const em = orm.em.fork();
    const organization = await makeOrganization(em);
    const group = await makeGroup(em, organization, { kind: GroupKind.SCIM });
    const standard = await makeGroup(em, organization, { kind: GroupKind.STANDARD });
    const recorder = new ScimConnectionRecorder(sqlOf(orm), { intervalMs: 1000, onError: failOnError });
    const attempt = (reason: string) => ({
      code: ScimRejectionCode.UNKNOWN_TOKEN,
      reason,
      tokenLastFour: null,
      tokenName: null,
      path: null,
      client: ScimClient.OTHER,
    });
    for (let i = 0; i < 15; i++) recorder.recordRejected(group.id, attempt(`r${i}`));
    recorder.recordRejected(standard.id, attempt('nope'));
    await recorder.flush();
    for (let i = 15; i < 30; i++) recorder.recordRejected(group.id, attempt(`r${i}`));
    await recorder.flush();
    const kept = await orm.em.fork().find(ScimRejectedAttempt, { group: group.id }, { orderBy: { id: 'asc' } });
    expect(kept.map((attempt) => attempt.reason)).toEqual(Array.from({ length: 20 }, (_, i) => `r${i + 10}`));
    expect(await orm.em.fork().count(ScimRejectedAttempt, { group: standard.id })).toBe(0);
  });
});

describe('the shared throttle budget', () => {
  const limiter = (perMinute: number) =>
    new SharedRateLimiter(sqlOf(orm), { prefix: `test-${Math.random()}`, perMinute, intervalMs: 1000, onError: failOnError });

  it('adds up what every instance counted once they have exchanged counts', async () => {
    const shared = `test-${Math.random()}`;
    const now = Date.parse('2026-12-01T10:00:30Z');
    const [a, b] = [0, 1].map(
      () => new SharedRateLimiter(sqlOf(orm), { prefix: shared, perMinute: 10, intervalMs: 1000, onError: failOnError, clock: () => now }),
    );
    for (let i = 0; i < 6; i++) expect(a!.consume('token', now).allowed).toBe(true);
    for (let i = 0; i < 3; i++) expect(b!.consume('token', now).allowed).toBe(true);
    await a!.sync();
    await b!.sync();
    await a!.sync();
    expect(a!.consume('token', now).allowed).toBe(true); // the 10th
    expect(a!.consume('token', now)).toEqual({ allowed: false, retryAfterSeconds: expect.any(Number) });
    await a!.sync();
    await b!.sync();
    expect(b!.consume('token', now).allowed).toBe(false);
  });

  it('slides: the previous minute weighs as much as it still overlaps, so a boundary is no free refill', () => {
    const one = limiter(10);
    const start = Date.parse('2026-12-01T10:00:50Z');
    for (let i = 0; i < 10; i++) expect(one.consume('t', start).allowed).toBe(true);
    // Five seconds into the next minute, last minute's 10 still weigh 10 × 55/60 ≈ 9.2.
    const early = one.consume('t', Date.parse('2026-12-01T10:01:05Z'));
    expect(early.allowed).toBe(true);
    const refused = one.consume('t', Date.parse('2026-12-01T10:01:05Z'));
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Half a minute on, half of last minute's weight is gone: room again.
    expect(one.consume('t', Date.parse('2026-12-01T10:01:35Z')).allowed).toBe(true);
  });
});
