/**
 * Why a connection to PostgreSQL could not be opened, and whether waiting can help. An unreachable
 * server (down, restarting, a network cut) is worth retrying; a database that does not exist or
 * credentials the server refuses are not: start-up stops with the fix instead of retrying forever.
 */
export interface ConnectionFailure {
  /** Waiting and trying again may succeed. */
  readonly retry: boolean;
  /** One line for the operator: what is wrong and, where there is one, the fix. */
  readonly message: string;
}

/** PostgreSQL refusing the login for good: unknown database, bad password, unknown role, no pg_hba entry. */
const permanentCodes: Record<string, (url: URL, detail: string) => string> = {
  '3D000': (url) => {
    const name = decodeURIComponent(url.pathname.slice(1)) || 'postgres';
    return `database "${name}" does not exist on ${url.host}: create it (createdb -h ${url.hostname} -p ${url.port || 5432} -U ${decodeURIComponent(url.username) || 'postgres'} ${name}) or fix the name in DATABASE_URL`;
  },
  '28P01': (url) => `the server refused the password of user "${decodeURIComponent(url.username)}": fix the password in DATABASE_URL`,
  '28000': (_url, detail) => `the server refused the login (${detail}): check the user in DATABASE_URL and the server's pg_hba.conf`,
  '42501': (_url, detail) => `the user may not connect (${detail}): grant it CONNECT on the database, or use another user in DATABASE_URL`,
};

/**
 * Classifies the error of a failed connection attempt to `databaseUrl`. Unknown errors are
 * retried: a server that is restarting produces several shapes of them.
 */
export function classifyConnectionFailure(error: unknown, databaseUrl: string): ConnectionFailure {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const detail = typeof message === 'string' ? message : String(error);
  const permanent = typeof code === 'string' ? permanentCodes[code] : undefined;
  if (permanent) return { retry: false, message: permanent(new URL(databaseUrl), detail) };
  return { retry: true, message: `cannot reach PostgreSQL at ${new URL(databaseUrl).host} (${detail})` };
}
