import type { EntityManager } from '@mikro-orm/postgresql';
import { statement, type Sql } from '../../db/sql.js';
import type { AdminActor, AdminRole } from '../shared/actor.js';
import { CredentialCache } from '../shared/credential-cache.js';
import { DomainError } from '../shared/domain-error.js';
import { timestamp } from '../shared/rows.js';
import { Admin } from './admin.entity.js';
import { decoyHash, verifyPassword } from './password.js';
import { Session } from './session.entity.js';
import { hashSessionToken, looksLikeSessionToken, newSessionToken } from './session-token.js';

export interface AuthSettings {
  /** How long a session lasts from sign-in. */
  readonly sessionTtlMs: number;
}

/** What authentication needs of a session: who it belongs to and until when. */
export interface KnownSession {
  readonly sessionId: string;
  readonly adminId: string;
  readonly organizationId: string;
  readonly role: AdminRole;
  readonly email: string;
  readonly expiresAt: number;
}

export type SessionCache = CredentialCache<KnownSession>;

const sessionByHash = statement(
  `select s.id, s.expires_at, a.id as admin_id, a.organization_id, a.role, a.email
   from session s join admin a on a.id = s.admin_id where s.token_hash = $1 and s.expires_at > now()`,
);

export interface SignedIn {
  /** The opaque session token: returned once, to be kept by the client (cookie or bearer). */
  readonly token: string;
  readonly expiresAt: Date;
  readonly admin: Admin;
}

/** Admin sign-in, sessions and sign-out. */
export class AuthService {
  constructor(
    private readonly entityManager: () => EntityManager,
    private readonly sql: Sql,
    private readonly settings: AuthSettings,
    private readonly cache: SessionCache = new CredentialCache({ ttlMs: 0 }),
  ) {}

  /** This request's EntityManager, forked on first use. */
  private get em(): EntityManager {
    return this.entityManager();
  }

  /**
   * Checks the password (scrypt, constant time) and opens a session. An unknown email costs the
   * same work as a wrong password, and both raise the same error.
   * @throws AUTH_INVALID_CREDENTIALS
   */
  async signIn(email: string, password: string): Promise<SignedIn> {
    const admin = await this.em.findOne(Admin, { emailKey: email.trim().toLowerCase() }, { populate: ['passwordHash', 'organization'] });
    const valid = await verifyPassword(password, admin?.passwordHash ?? (await decoyHash()));
    if (!admin || !valid) throw new DomainError('AUTH_INVALID_CREDENTIALS', 'The email or password is wrong.');
    const { token, hash } = newSessionToken();
    const expiresAt = new Date(Date.now() + this.settings.sessionTtlMs);
    this.em.create(Session, { admin, tokenHash: hash, expiresAt });
    await this.em.flush();
    return { token, expiresAt, admin };
  }

  /**
   * The admin behind a presented session token, or null if it is malformed, unknown or expired.
   * The session is read at most once a second per instance (see CredentialCache).
   */
  async authenticate(token: string, requestId: string | null): Promise<AdminActor | null> {
    if (!looksLikeSessionToken(token)) return null;
    const hash = hashSessionToken(token);
    const session = await this.cache.resolve(hash, async () => {
      const [row] = await this.sql.query<{ id: string; expires_at: unknown; admin_id: string; organization_id: string; role: AdminRole; email: string }>(
        sessionByHash,
        [hash],
      );
      return row
        ? {
            sessionId: row.id,
            adminId: row.admin_id,
            organizationId: row.organization_id,
            role: row.role,
            email: row.email,
            expiresAt: timestamp(row.expires_at).getTime(),
          }
        : null;
    });
    if (!session || session.expiresAt <= Date.now()) return null;
    const { sessionId, adminId, organizationId, role, email } = session;
    return { kind: 'admin', adminId, organizationId, role, email, sessionId, requestId };
  }

  /** Ends the actor's session at once: the token stops working on the next request (on other instances within a second). */
  async signOut(actor: AdminActor): Promise<void> {
    await this.em.nativeDelete(Session, { id: actor.sessionId });
    this.cache.invalidateWhere((session) => session.sessionId === actor.sessionId);
  }
}
