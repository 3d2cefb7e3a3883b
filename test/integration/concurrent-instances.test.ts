import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlOf } from '../../src/db/sql.js';
import { SharedRateLimiter } from '../../src/db/shared-rate-limiter.js';
import { ScimClient } from '../../src/domain/scim-connections/scim-connection.entity.js';
import { ScimConnectionRecorder } from '../../src/domain/scim-connections/scim-connection.recorder.js';
import { makeOrganization } from '../factories/domain.js';
import { createTestOrm } from '../support/database.js';

/** Instances flushing their batches at the same moment, each in the order it first saw the keys. */
let orm: MikroORM;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ orm, close } = await createTestOrm());
});
afterAll(() => close());

describe('background writes of two instances at once', () => {
  it('exchange throttle counts for the same tokens without deadlocking', async () => {
    const errors: unknown[] = [];
    const make = () => new SharedRateLimiter(sqlOf(orm), { prefix: 'scim', perMinute: 1_000_000, intervalMs: 1000, onError: (error) => errors.push(error) });
    const [a, b] = [make(), make()];
    const keys = Array.from({ length: 1000 }, (_, i) => `token-${i}`);
    for (let round = 0; round < 3; round++) {
      for (const key of keys) a.consume(key);
      for (const key of [...keys].reverse()) b.consume(key);
      await Promise.all([a.sync(), b.sync()]);
    }
    expect(errors).toEqual([]);
    const [row] = await sqlOf(orm).query<{ points: number }>("select points from rate_limit where key like 'scim:token-7:%'");
    expect(row?.points).toBe(6);
  });

  it('flush connection health for the same groups without deadlocking', async () => {
    const organization = await makeOrganization(orm.em.fork());
    const ids = (
      await sqlOf(orm).query<{ id: string }>(
        `insert into "group" (id, organization_id, name, kind) select gen_random_uuid(), $1, 'g' || i, 'SCIM' from generate_series(1, 300) i returning id`,
        [organization.id],
      )
    ).map((row) => row.id);
    const errors: unknown[] = [];
    const outcome = { client: ScimClient.OKTA, userAgent: null, status: 200, detail: null, requestId: null };
    for (let round = 0; round < 3; round++) {
      const [a, b] = [0, 1].map(() => new ScimConnectionRecorder(sqlOf(orm), { intervalMs: 1000, onError: (error) => errors.push(error) }));
      for (const id of ids) a!.recordRequest(id, outcome);
      for (const id of [...ids].reverse()) b!.recordRequest(id, outcome);
      await Promise.all([a!.flush(), b!.flush()]);
    }
    expect(errors).toEqual([]);
  });
});
