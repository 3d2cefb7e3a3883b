import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { Logger } from '../logger.js';
import { requestIdOf } from './request-logging.js';

interface HttpErrorBody {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

/** body-parser tags its errors with `type`; these are the client's fault, not ours. */
function classify(error: unknown): HttpErrorBody | undefined {
  const type = (error as { type?: unknown } | null)?.type;
  switch (type) {
    case 'entity.parse.failed':
      return { status: 400, code: 'BAD_REQUEST', message: 'The request body is not valid JSON.' };
    case 'entity.too.large':
      return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than the server accepts (HTTP_BODY_LIMIT_BYTES).' };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'The request body must be UTF-8 encoded JSON.' };
    case 'request.aborted':
      return { status: 400, code: 'BAD_REQUEST', message: 'The request was aborted by the client.' };
    default:
      return undefined;
  }
}

/** GraphQL clients get GraphQL-shaped errors; everything else a small JSON error object. */
function send(req: Request, res: Response, body: HttpErrorBody): void {
  const requestId = requestIdOf(req);
  if (req.path === '/graphql') {
    res.status(body.status).json({ errors: [{ message: body.message, extensions: { code: body.code, requestId } }] });
  } else {
    res.status(body.status).json({ error: { code: body.code, message: body.message, requestId } });
  }
}

export function notFoundHandler(): RequestHandler {
  return (req, res) => {
    send(req, res, { status: 404, code: 'NOT_FOUND', message: `Nothing here: ${req.method} ${req.path}. The API is at /graphql.` });
  };
}

/**
 * The last resort: whatever reaches it becomes JSON, never express's HTML error page or a stack
 * trace. Client errors keep a useful message; anything else is masked and logged with the id.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known = classify(error);
    if (known) {
      send(req, res, known);
      return;
    }
    logger.error({ requestId: requestIdOf(req), err: error }, 'unhandled error');
    send(req, res, { status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error. Quote the request id when reporting it.' });
  };
}
