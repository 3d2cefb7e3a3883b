import { LRUCache } from 'lru-cache';

/**
 * What an instance remembers of credentials it has checked (SCIM tokens, admin sessions), so a
 * busy identity provider costs one lookup a second instead of one per request. Entries live
 * `ttlMs` (one second by default): a revocation, sign-out or expiry made through another instance
 * takes effect here within that time, and at once when made through this one (it invalidates).
 * Unknown credentials are remembered too (as null), so a flood of bad tokens cannot hammer the
 * database. Only the digest of a secret is kept, never the secret.
 */
export class CredentialCache<V extends object> {
  private readonly entries: LRUCache<string, { value: V | null }> | undefined;
  /** Reads under way, so a burst of requests with one new credential reads it once. */
  private readonly loading = new Map<string, Promise<V | null>>();
  /** Bumped by every invalidation: a read that started before one must not be remembered. */
  private invalidations = 0;

  private readonly ttlMs: number;

  constructor(options: { ttlMs: number; maxEntries?: number }) {
    this.ttlMs = options.ttlMs;
    // ttlMs 0 remembers nothing: every check reads the database (tests, scripts).
    this.entries = options.ttlMs > 0 ? new LRUCache({ max: options.maxEntries ?? 10_000, ttl: options.ttlMs, ttlAutopurge: false }) : undefined;
  }

  /** The remembered value, or what `load` reads (once, however many callers ask at the same time). */
  async resolve(key: string, load: () => Promise<V | null>): Promise<V | null> {
    const known = this.get(key);
    if (known !== undefined) return known;
    let pending = this.loading.get(key);
    if (!pending) {
      const generation = this.invalidations;
      const startedAt = Date.now();
      pending = load().then(
        (value) => {
          if (this.loading.get(key) === pending) this.loading.delete(key);
          // Trusted for ttlMs from when the read began, not ended: a slow read must not stretch
          // how long a revocation elsewhere can go unseen.
          const remaining = this.ttlMs - (Date.now() - startedAt);
          if (generation === this.invalidations && remaining > 0) this.entries?.set(key, { value }, { ttl: remaining });
          return value;
        },
        (error: unknown) => {
          if (this.loading.get(key) === pending) this.loading.delete(key);
          throw error;
        },
      );
      this.loading.set(key, pending);
    }
    return pending;
  }

  /** The remembered value (null: known not to exist), or undefined when it must be read. */
  get(key: string): V | null | undefined {
    return this.entries?.get(key)?.value;
  }

  set(key: string, value: V | null): void {
    this.entries?.set(key, { value });
  }

  invalidate(key: string): void {
    this.invalidations++;
    this.entries?.delete(key);
    this.loading.delete(key);
  }

  /** Forgets every entry the predicate picks (a deleted group's tokens, a reset admin's sessions). */
  invalidateWhere(predicate: (value: V) => boolean): void {
    this.invalidations++;
    this.loading.clear();
    if (!this.entries) return;
    for (const [key, entry] of this.entries.entries()) if (entry.value && predicate(entry.value)) this.entries.delete(key);
  }
}
