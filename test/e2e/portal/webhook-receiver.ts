import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedMessage {
  /** The request's headers (lower-case names), as the Standard Webhooks verifier takes them. */
  readonly headers: Record<string, string>;
  readonly body: string;
  /** The message's `type` (`member.created`, `webhook.test`, …). */
  readonly type: string;
}

/**
 * A webhook receiver on loopback, as a host application would run one: it keeps every request and
 * answers 200 with a short body (which the portal shows as the first part of the answer).
 */
export async function startReceiver(answer = 'ok from the test receiver') {
  const received: ReceivedMessage[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const { type } = JSON.parse(body) as { type: string };
      received.push({ headers: req.headers as Record<string, string>, body, type });
      res.writeHead(200, { 'content-type': 'text/plain' }).end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/roster`,
    received,
    /** The messages of one type, in the order they came. */
    ofType: (type: string) => received.filter((message) => message.type === type),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
