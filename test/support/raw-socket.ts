import net from 'node:net';

export interface RawConnection {
  readonly socket: net.Socket;
  /** Everything received, once the server has closed the connection, and after how long. */
  readonly closed: Promise<{ received: string; afterMs: number }>;
}

/** A plain TCP connection to a local server, for clients HTTP libraries will not imitate (trickling, stalling, never reading). */
export function connectRaw(port: number): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    const closed = new Promise<{ received: string; afterMs: number }>((done) => socket.on('close', () => done({ received, afterMs: Date.now() - started })));
    socket.once('connect', () => resolve({ socket, closed }));
    socket.once('error', reject);
  });
}
