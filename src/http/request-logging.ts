import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { accessLoggerOf, type Logger } from '../logger.js';

const requestIds = new WeakMap<IncomingMessage, string>();

/** The id this request was given (see requestLogging). */
export function requestIdOf(req: IncomingMessage): string {
  return requestIds.get(req) ?? '';
}

/** A caller-supplied request id is kept only if it is short and plain, so it cannot forge log lines. */
const acceptableRequestId = /^[A-Za-z0-9._:-]{1,128}$/;

/** The path without the query; express rewrites `url` inside mounted routers, not `originalUrl`. */
function pathOf(req: IncomingMessage): string {
  const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

const quietPaths = new Set(['/healthz', '/readyz']);

/**
 * Request ids and the access log. The id comes from `X-Request-Id` when acceptable, otherwise it
 * is generated; it is echoed in the response header and on every log line of the request. One
 * access line per request once it is answered (or abandoned by the client): method, path, status
 * and duration — no bodies, and headers never (so neither `Authorization` nor cookies can reach
 * the log). Written by hand rather than with pino-http: that made a child logger and several
 * closures per request, a measurable share of a SCIM request's CPU.
 */
export function requestLogging(logger: Logger): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const access = accessLoggerOf(logger);
  return (req, res, next) => {
    const supplied = req.headers['x-request-id'];
    const id = typeof supplied === 'string' && acceptableRequestId.test(supplied) ? supplied : randomUUID();
    requestIds.set(req, id);
    res.setHeader('X-Request-Id', id);
    const started = performance.now();
    const path = pathOf(req);
    if (quietPaths.has(path)) {
      next();
      return;
    }
    let logged = false;
    const log = (aborted: boolean) => {
      if (logged) return;
      logged = true;
      accessLine(access, req, res, { requestId: id, path, durationMs: Math.round((performance.now() - started) * 10) / 10, aborted });
    };
    res.once('finish', () => log(false));
    res.once('close', () => log(!res.writableFinished));
    next();
  };
}

function accessLine(
  logger: Logger,
  req: IncomingMessage,
  res: ServerResponse,
  line: { requestId: string; path: string; durationMs: number; aborted: boolean },
): void {
  const status = res.statusCode;
  const entry = {
    requestId: line.requestId,
    req: { method: req.method, path: line.path },
    res: { statusCode: status },
    durationMs: line.durationMs,
    ...(line.aborted ? { aborted: true } : {}),
  };
  const message = `${req.method ?? ''} ${line.path} ${status}${line.aborted ? ' (client went away)' : ''}`;
  if (status >= 500) logger.error(entry, message);
  else logger.info(entry, message);
}
