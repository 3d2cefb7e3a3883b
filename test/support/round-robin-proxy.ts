import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  readonly port: number;
  readonly baseUrl: string;
  /** How many requests each upstream answered, in the order given. */
  readonly answered: number[];
  close(): Promise<void>;
}

/** The header naming which upstream (0, 1, …) answered a request. */
export const upstreamHeader = 'x-test-upstream';

/**
 * A load balancer in front of several instances: each request goes to the next upstream in turn,
 * over keep-alive connections of its own, and its answer says which one answered (`upstreamHeader`).
 */
export async function startRoundRobinProxy(upstreamPorts: readonly number[]): Promise<RoundRobinProxy> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const answered = upstreamPorts.map(() => 0);
  let next = 0;
  const server = http.createServer((req, res) => {
    const index = next++ % upstreamPorts.length;
    const forward = http.request(
      { agent, host: '127.0.0.1', port: upstreamPorts[index], method: req.method, path: req.url, headers: req.headers },
      (upstream) => {
        answered[index] = (answered[index] ?? 0) + 1;
        res.writeHead(upstream.statusCode ?? 502, { ...upstream.headers, [upstreamHeader]: String(index) });
        upstream.pipe(res);
      },
    );
    forward.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { [upstreamHeader]: String(index) });
      res.end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    answered,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
