import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/** What a response is told to carry or drop. */
type HeaderStep = readonly [name: string, value: string | undefined];

/**
 * helmet's security headers (its defaults, with inline styles allowed for the portal's Radix
 * components and no upgrade-insecure-requests), worked out once. helmet itself rebuilds its
 * Content-Security-Policy string on every response, because directives may be functions of the
 * request; none of ours is, so every response gets the same headers, set from this list.
 */
export function securityHeaders(): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const middleware = helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: { 'style-src': ["'self'", "'unsafe-inline'"], 'upgrade-insecure-requests': null },
    },
  });
  const steps: HeaderStep[] = [];
  const recorder = {
    setHeader: (name: string, value: unknown) => steps.push([name, String(value)]),
    removeHeader: (name: string) => steps.push([name, undefined]),
    getHeader: () => undefined,
  };
  let finished = false as boolean;
  middleware({ method: 'GET', url: '/', headers: {} } as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error !== undefined) throw error instanceof Error ? error : new Error('helmet refused its own configuration', { cause: error });
    finished = true;
  });
  // helmet sets its headers and calls on at once; one that waited would be a request-dependent policy.
  if (!finished || steps.length === 0) throw new Error('helmet did not set its headers synchronously: they cannot be worked out once');
  return (_req, res, next) => {
    for (const [name, value] of steps) {
      if (value === undefined) res.removeHeader(name);
      else res.setHeader(name, value);
    }
    next();
  };
}
