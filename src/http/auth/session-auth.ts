import type { Request, Response } from 'express';

export const sessionCookieName = 'roster_session';

/**
 * The session token a request presents: `Authorization: Bearer <token>` (scheme in any letter
 * case) for API clients, else the HttpOnly cookie browsers send.
 */
export function presentedSessionToken(req: Request): string | null {
  const header = req.headers.authorization;
  if (header) {
    const match = /^bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1] ?? null;
  }
  const cookie: unknown = (req.cookies as Record<string, unknown> | undefined)?.[sessionCookieName];
  return typeof cookie === 'string' && cookie !== '' ? cookie : null;
}

/** Cookie writer for the GraphQL context: HttpOnly, SameSite=Lax, Secure behind https. */
export function sessionCookieOn(res: Response, secure: boolean) {
  return {
    set(token: string, expiresAt: Date): void {
      res.cookie(sessionCookieName, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt });
    },
    clear(): void {
      res.clearCookie(sessionCookieName, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
    },
  };
}
