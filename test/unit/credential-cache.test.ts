import { describe, expect, it } from 'vitest';
import { CredentialCache } from '../../src/domain/shared/credential-cache.js';

describe('CredentialCache', () => {
  it('trusts a value for the TTL from when its read began, so a slow read does not stretch it', async () => {
    const cache = new CredentialCache<{ revoked: boolean }>({ ttlMs: 300 });
    // The row is read (not revoked), then the answer is slow to come back (a busy database).
    const value = await cache.resolve('pub', () => new Promise((resolve) => setTimeout(() => resolve({ revoked: false }), 400)));
    expect(value).toEqual({ revoked: false });
    expect(cache.get('pub')).toBeUndefined();
  });

  it('reads a credential once for a burst of checks, and forgets it when invalidated', async () => {
    const cache = new CredentialCache<{ id: string }>({ ttlMs: 60_000 });
    let reads = 0;
    const load = () => new Promise<{ id: string }>((resolve) => setTimeout(() => resolve({ id: String(++reads) }), 20));
    const burst = await Promise.all(Array.from({ length: 10 }, () => cache.resolve('k', load)));
    expect(burst.every((found) => found?.id === '1')).toBe(true);
    expect(reads).toBe(1);
    cache.invalidate('k');
    expect((await cache.resolve('k', load))?.id).toBe('2');
  });

  it('does not keep what a read begun before an invalidation returned', async () => {
    const cache = new CredentialCache<{ revoked: boolean }>({ ttlMs: 60_000 });
    // Read before the revocation committed: it saw the token as valid.
    const stale = cache.resolve('pub', () => new Promise((resolve) => setTimeout(() => resolve({ revoked: false }), 50)));
    cache.invalidate('pub');
    expect(await stale).toEqual({ revoked: false });
    expect(cache.get('pub')).toBeUndefined();
  });
});
