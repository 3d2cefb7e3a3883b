import http from 'node:http';
import https from 'node:https';
import { guardedLookup, literalAddressRefused, type OutboundPolicy } from './webhook-address.js';

/** What one attempt came to. */
export interface SendResult {
  /** The receiver's HTTP status; null when none came. */
  readonly status: number | null;
  readonly durationMs: number;
  /** Why no status came (refused, timed out, blocked address), or what was wrong with it (a redirect). */
  readonly error: string | null;
  /** The first 2 KB of the answer. */
  readonly responseBody: string | null;
  /** The receiver's Retry-After, in seconds from now. */
  readonly retryAfterSeconds: number | null;
}

export interface WebhookMessage {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Connections are kept open between messages to the same receiver (a queue is sent one message
 * after another); each new connection's addresses pass the lookup's check.
 */
const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 8, timeout: 30_000 });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 8, timeout: 30_000 });

/** How much of an answer is read (and kept): the rest is never read. */
export const responseBodyLimit = 2_048;

/**
 * POSTs one message: at most `timeoutMs` for the whole exchange, no redirect followed (a 3xx is a
 * failure: the receiver must give its final URL), at most 2 KB of the answer read, the address
 * checked at connect time (webhook-address.ts). Never throws: every outcome is a SendResult.
 */
export function sendWebhook(message: WebhookMessage, policy: OutboundPolicy, timeoutMs: number): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const failed = (error: string): SendResult => ({ status: null, durationMs: elapsed(), error, responseBody: null, retryAfterSeconds: null });
  let url: URL;
  try {
    url = new URL(message.url);
  } catch {
    return Promise.resolve(failed('the endpoint URL is not valid'));
  }
  if (url.protocol !== 'https:' && !(policy.allowInsecure && url.protocol === 'http:')) return Promise.resolve(failed('only https URLs are called'));
  if (literalAddressRefused(url, policy)) return Promise.resolve(failed('the address is not public'));
  return new Promise((resolve) => {
    let settled = false;
    /** `keep`: the answer was read to its end, so the connection can carry the next message. */
    const settle = (result: SendResult, keep = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!keep) request.destroy();
      resolve(result);
    };
    const transport = url.protocol === 'https:' ? https : http;
    const request = transport.request(url, {
      method: 'POST',
      headers: { ...message.headers, 'content-length': String(Buffer.byteLength(message.body)) },
      lookup: guardedLookup(policy),
      agent: url.protocol === 'https:' ? httpsAgent : httpAgent,
    });
    const timer = setTimeout(() => settle(failed(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) =>
      settle(failed(error.code === 'WEBHOOK_ADDRESS_BLOCKED' ? error.message : `${error.code ?? 'error'}: ${error.message}`)),
    );
    request.on('response', (response) => {
      const status = response.statusCode ?? null;
      const chunks: Buffer[] = [];
      let length = 0;
      const done = (ended: boolean) =>
        settle(
          {
            status,
            durationMs: elapsed(),
            error:
              status !== null && status >= 300 && status < 400 ? `redirected to ${response.headers.location ?? 'nowhere'}; redirects are not followed` : null,
            responseBody: Buffer.concat(chunks).subarray(0, responseBodyLimit).toString('utf8'),
            retryAfterSeconds: retryAfterOf(response.headers['retry-after']),
          },
          ended,
        );
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        length += chunk.length;
        if (length >= responseBodyLimit) done(false);
      });
      response.on('end', () => done(true));
      response.on('error', () => done(false));
    });
    request.end(message.body);
  });
}

/** Retry-After as seconds from now: a number of seconds or an HTTP date (RFC 9110 §10.2.3). */
function retryAfterOf(value: string | undefined): number | null {
  if (value === undefined) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - Date.now()) / 1000));
}
