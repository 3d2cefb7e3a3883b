import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * `roster_scim_<public id: 16 hex>_<secret: 43 base64url>_<crc32: 8 hex>`.
 * The prefix lets secret scanners recognise a leaked token; the public id finds the row through a
 * unique index; the secret (256 random bits) is stored only as SHA-256; the CRC-32 of everything
 * before it rejects typos and random strings without a database query.
 */
const shape = /^roster_scim_([0-9a-f]{16})_([A-Za-z0-9_-]{43})_([0-9a-f]{8})$/;

export interface ParsedScimToken {
  readonly publicId: string;
  readonly secretHash: Buffer;
}

function checksum(body: string): string {
  return crc32(body).toString(16).padStart(8, '0');
}

/** SHA-256 of the secret; the one-shot `hash` skips the Hash object that runs on every request. */
export function hashSecret(secret: string): Buffer {
  return hash('sha256', secret, 'buffer');
}

/** A new token: the plaintext (shown once) and what is stored. */
export function newScimToken(): { token: string; publicId: string; secretHash: string; lastFour: string } {
  const publicId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const body = `roster_scim_${publicId}_${secret}`;
  const token = `${body}_${checksum(body)}`;
  return { token, publicId, secretHash: hashSecret(secret).toString('hex'), lastFour: token.slice(-4) };
}

/** Parses and checks the checksum; null for anything that cannot be one of our tokens. */
export function parseScimToken(token: string): ParsedScimToken | null {
  const match = shape.exec(token);
  if (!match) return null;
  const [, publicId, secret, sum] = match as unknown as [string, string, string, string];
  if (checksum(token.slice(0, -9)) !== sum) return null;
  return { publicId, secretHash: hashSecret(secret) };
}

/** Constant-time comparison of a presented secret's digest with the stored one. */
export function secretMatches(presented: Buffer, stored: Buffer): boolean {
  return stored.length === presented.length && timingSafeEqual(stored, presented);
}
