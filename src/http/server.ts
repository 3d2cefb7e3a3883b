import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HttpServer {
  readonly server: http.Server;
  readonly port: number;
  /**
   * From now on every answer asks its client to close the connection (`Connection: close`), so
   * keep-alive clients reconnect — to another instance, once readiness has turned them away.
   */
  closeConnectionsAfterAnswers(): void;
  /**
   * Stops accepting connections, closes idle keep-alive connections, and resolves once every
   * in-flight request has been answered.
   */
  drain(): Promise<void>;
}

export interface HttpTimeouts {
  readonly keepAliveTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly socketTimeoutMs: number;
}

/**
 * Listens with every socket bounded in time (Config.http): idle keep-alive connections, headers or
 * a body trickled byte by byte (408), a connection stalled mid-request or a client that never
 * reads its answer (destroyed, its buffers freed), so hostile or broken clients cannot pile up.
 */
export async function listen(app: http.RequestListener, host: string, port: number, timeouts: HttpTimeouts): Promise<HttpServer> {
  const server = http.createServer({
    headersTimeout: timeouts.headersTimeoutMs,
    requestTimeout: timeouts.requestTimeoutMs,
    // How often Node checks the two above (its default, 30 s, would let a slow client stay that long).
    connectionsCheckingInterval: Math.max(250, Math.min(1_000, Math.floor(timeouts.headersTimeoutMs / 2))),
  });
  server.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
  server.timeout = timeouts.socketTimeoutMs;
  // Responses not yet finished; at drain time they are told to close their connection afterwards.
  const active = new Set<http.ServerResponse>();
  let closing = false;
  // Before the app's own listener, which may answer synchronously.
  server.on('request', (_req, res: http.ServerResponse) => {
    if (closing) res.setHeader('Connection', 'close');
    active.add(res);
    res.on('close', () => active.delete(res));
  });
  server.on('request', app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const closeConnectionsAfterAnswers = () => {
    closing = true;
    for (const res of active) if (!res.headersSent) res.setHeader('Connection', 'close');
  };
  let drained: Promise<void> | undefined;
  return {
    server,
    port: (server.address() as AddressInfo).port,
    closeConnectionsAfterAnswers,
    drain: () =>
      (drained ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        closeConnectionsAfterAnswers();
      })),
  };
}
