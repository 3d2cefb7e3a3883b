import { hash, randomBytes } from 'node:crypto';

const prefix = 'roster_session_';
const format = /^roster_session_[A-Za-z0-9_-]{43}$/;

/** A new opaque session token (256 random bits) and the digest we keep of it. */
export function newSessionToken(): { token: string; hash: string } {
  const token = prefix + randomBytes(32).toString('base64url');
  return { token, hash: hashSessionToken(token) };
}

export function hashSessionToken(token: string): string {
  return hash('sha256', token, 'hex');
}

/** Cheap shape check before any database lookup. */
export function looksLikeSessionToken(token: string): boolean {
  return format.test(token);
}
