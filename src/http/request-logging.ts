import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logger.js';

/** The id pino-http gave this request (always a string here: see genReqId). */
export function requestIdOf(req: IncomingMessage): string {
  return typeof req.id === 'string' ? req.id : JSON.stringify(req.id);
}

/** A caller-supplied request id is kept only if it is short and plain, so it cannot forge log lines. */
const acceptableRequestId = /^[A-Za-z0-9._:-]{1,128}$/;

/** The path without the query; express rewrites `url` inside mounted routers, not `originalUrl`. */
function pathOf(req: IncomingMessage): string {
  const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';
  return url.split('?')[0] ?? '';
}

const quietPaths = new Set(['/healthz', '/readyz']);

/**
 * Request ids and the access log. The id comes from `X-Request-Id` when acceptable, otherwise it
 * is generated; it is echoed in the response header and on every log line of the request. The
 * access line has method, path, status and duration: no bodies, and headers never (so neither
 * `Authorization` nor cookies can reach the log).
 */
export function requestLogging(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const supplied = req.headers['x-request-id'];
      const id = typeof supplied === 'string' && acceptableRequestId.test(supplied) ? supplied : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customAttributeKeys: { responseTime: 'durationMs' },
    customProps: (req) => ({ requestId: req.id }),
    autoLogging: { ignore: (req) => quietPaths.has(pathOf(req)) },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
    serializers: {
      req: (req: { method: string; url: string; raw?: IncomingMessage }) => ({ method: req.method, path: req.raw ? pathOf(req.raw) : req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
