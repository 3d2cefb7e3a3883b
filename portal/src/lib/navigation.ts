/**
 * Where to go after signing in: back to the page the admin was on, but only to a path of this
 * portal. Anything else (another origin, `//host`, a `\` trick browsers read as a slash, the
 * sign-in page itself) goes to the groups list instead, so the link cannot send anyone away.
 */
export const homePath = '/groups';
export const signInPath = '/sign-in';

export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return homePath;
  // Control characters (a tab or newline inside `/\t/host`) are dropped by URL parsing.
  for (let i = 0; i < next.length; i++) if (next.charCodeAt(i) < 0x20) return homePath;
  if (next === signInPath || next.startsWith(`${signInPath}?`) || next.startsWith(`${signInPath}/`)) return homePath;
  return next;
}

/** The sign-in link for a page: `/sign-in?next=<that page>`, and `reason=expired` when a session ran out. */
export function signInLink(from: { pathname: string; search: string }, expired: boolean): string {
  const params = new URLSearchParams();
  const next = from.pathname + from.search;
  if (safeNext(next) !== homePath || next === homePath) params.set('next', next);
  if (expired) params.set('reason', 'expired');
  const query = params.toString();
  return query ? `${signInPath}?${query}` : signInPath;
}
