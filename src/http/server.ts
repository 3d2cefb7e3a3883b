import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface HttpServer {
  readonly server: http.Server;
  readonly port: number;
  /**
   * Stops accepting connections, closes idle keep-alive connections, and resolves once every
   * in-flight request has been answered.
   */
  drain(): Promise<void>;
}

export async function listen(app: Express, host: string, port: number): Promise<HttpServer> {
  const server = http.createServer(app);
  // Slightly longer than common load balancer idle timeouts, so the balancer closes first.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Responses not yet finished; at drain time they are told to close their connection afterwards.
  const active = new Set<http.ServerResponse>();
  server.on('request', (_req, res: http.ServerResponse) => {
    active.add(res);
    res.on('close', () => active.delete(res));
  });
  let drained: Promise<void> | undefined;
  return {
    server,
    port: (server.address() as AddressInfo).port,
    drain: () =>
      (drained ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        for (const res of active) if (!res.headersSent) res.setHeader('Connection', 'close');
      })),
  };
}
