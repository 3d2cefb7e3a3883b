import type { IncomingMessage, ServerResponse } from 'node:http';

/** A connect-style step on Node's own request and response (body-parser's parsers are). */
export type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * A body parser (express.json) whose size limit answers at once. body-parser finds a body too
 * large as soon as it is (from Content-Length, or as the bytes pass the limit), but then reads off
 * the rest of the request before it hands on its 413 — so a client that declares 10 MB, or keeps
 * trickling, is answered only when it stops or the request timeout cuts it off. Here the 413 goes
 * out the moment the limit is known to be passed, with `Connection: close`; what the client still
 * sends is discarded and the connection closed after the answer.
 *
 * The limit counts the bytes as sent; body-parser still holds a compressed body's decoded size to it.
 */
export function answerOversizedBodiesAtOnce(parse: NodeMiddleware, limitBytes: number): NodeMiddleware {
  return (req, res, next) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limitBytes) {
      refuse(req, res, next, limitBytes);
      return;
    }
    let refused = false;
    let seen = 0;
    const count = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen <= limitBytes || refused) return;
      refused = true;
      req.off('data', count);
      refuse(req, res, next, limitBytes);
    };
    const stopCounting = () => req.off('data', count);
    parse(req, res, (error?: unknown) => {
      stopCounting();
      if (!refused) next(error);
    });
    // Count only a body the parser is reading: listening to one it skipped would start the stream
    // flowing with nobody to take what comes.
    if (!req.complete && req.listenerCount('data') > 0) {
      req.on('data', count);
      req.once('end', stopCounting);
    }
  };
}

function refuse(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void, limitBytes: number): void {
  res.setHeader('Connection', 'close');
  // Whatever still arrives is read off and dropped, never buffered; Node closes the connection
  // once the answer is sent.
  req.resume();
  next(payloadTooLarge(limitBytes));
}

/** The error body-parser itself raises for a body over the limit, which both doors' error tables map. */
function payloadTooLarge(limitBytes: number): Error {
  return Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413, statusCode: 413, expose: true, limit: limitBytes });
}
