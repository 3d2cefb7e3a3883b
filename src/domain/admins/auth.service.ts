import type { EntityManager } from '@mikro-orm/postgresql';
import type { AdminActor } from '../shared/actor.js';
import { DomainError } from '../shared/domain-error.js';
import { Admin } from './admin.entity.js';
import { decoyHash, verifyPassword } from './password.js';
import { Session } from './session.entity.js';
import { hashSessionToken, looksLikeSessionToken, newSessionToken } from './session-token.js';

export interface AuthSettings {
  /** How long a session lasts from sign-in. */
  readonly sessionTtlMs: number;
}

export interface SignedIn {
  /** The opaque session token: returned once, to be kept by the client (cookie or bearer). */
  readonly token: string;
  readonly expiresAt: Date;
  readonly admin: Admin;
}

/** Admin sign-in, sessions and sign-out. */
export class AuthService {
  constructor(
    private readonly em: EntityManager,
    private readonly settings: AuthSettings,
  ) {}

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

  /** The admin behind a presented session token, or null if it is malformed, unknown or expired. */
  async authenticate(token: string, requestId: string | null): Promise<AdminActor | null> {
    if (!looksLikeSessionToken(token)) return null;
    const session = await this.em.findOne(Session, { tokenHash: hashSessionToken(token), expiresAt: { $gt: new Date() } }, { populate: ['admin'] });
    if (!session) return null;
    const { admin } = session;
    return { kind: 'admin', adminId: admin.id, organizationId: admin.organization.id, role: admin.role, email: admin.email, sessionId: session.id, requestId };
  }

  /** Ends the actor's session at once: the token stops working on the next request. */
  async signOut(actor: AdminActor): Promise<void> {
    await this.em.nativeDelete(Session, { id: actor.sessionId });
  }
}
