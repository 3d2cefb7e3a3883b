/**
 * The load generator: plain `node:http` requests over keep-alive connections, at most C in
 * flight, each one's latency measured from sending to the last byte of the answer. It runs in
 * the orchestrator's process, never in a server's, so the servers' CPU figures hold only their
 * own work.
 */
import http from 'node:http';

export interface HttpRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly body: string;
}

export interface Endpoint {
  readonly host: string;
  readonly port: number;
}

export interface ErrorSample {
  readonly request: string;
  readonly status: number;
  readonly problem: string;
  /** The start of the answer's body (or the socket error). */
  readonly body: string;
}

export interface LoadResult {
  /** From the first request sent to the last answer received. */
  readonly seconds: number;
  /** Per request, in ms, sorted ascending. */
  readonly latenciesMs: Float64Array;
  readonly errors: number;
  /** The first few failures, to show what went wrong. */
  readonly errorSamples: readonly ErrorSample[];
}

export interface LoadSpec {
  readonly label: string;
  readonly endpoint: Endpoint;
  readonly concurrency: number;
  readonly count: number;
  request(i: number): HttpRequest;
  check(i: number, response: HttpResponse): string | undefined;
}

const keptErrorSamples = 5;
const requestTimeoutMs = 120_000;

function send(agent: http.Agent, endpoint: Endpoint, request: HttpRequest): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const body = request.body === undefined ? undefined : Buffer.from(request.body);
    const req = http.request(
      {
        agent,
        host: endpoint.host,
        port: endpoint.port,
        method: request.method,
        path: request.path,
        headers: body === undefined ? request.headers : { ...request.headers, 'content-length': String(body.length) },
        timeout: requestTimeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${requestTimeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Progress on stderr: a line rewritten in place on a terminal, a line per tenth otherwise. */
function progressReporter(label: string, total: number): { update(done: number): void; finish(done: number, seconds: number): void } {
  const tty = process.stderr.isTTY;
  let lastTenth = 0;
  return {
    update(done) {
      if (tty) {
        process.stderr.write(`\r  ${label}: ${done}/${total}`);
        return;
      }
      const tenth = Math.floor((done * 10) / total);
      if (tenth > lastTenth && tenth < 10) {
        lastTenth = tenth;
        process.stderr.write(`  ${label}: ${done}/${total}\n`);
      }
    },
    finish(done, seconds) {
      process.stderr.write(`${tty ? '\r' : ''}  ${label}: ${done}/${total} in ${seconds.toFixed(1)} s\n`);
    },
  };
}

/** Sends `count` requests with `concurrency` in flight and collects latencies and failures. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  // One connection per request in flight, kept open for the whole phase; a fresh agent per phase,
  // so no phase reuses a connection that a server may be closing after idling through another.
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.concurrency, maxFreeSockets: spec.concurrency });
  const latencies = new Float64Array(spec.count);
  const errorSamples: ErrorSample[] = [];
  let errors = 0;
  let next = 0;
  let done = 0;
  const progress = progressReporter(spec.label, spec.count);
  const ticker = setInterval(() => progress.update(done), 500);
  const fail = (request: HttpRequest, status: number, problem: string, body: string) => {
    errors++;
    if (errorSamples.length < keptErrorSamples) errorSamples.push({ request: `${request.method} ${request.path}`, status, problem, body: body.slice(0, 500) });
  };
  const started = performance.now();
  const worker = async () => {
    while (next < spec.count) {
      const i = next++;
      const request = spec.request(i);
      const t0 = performance.now();
      try {
        const response = await send(agent, spec.endpoint, request);
        latencies[i] = performance.now() - t0;
        const problem = spec.check(i, response);
        if (problem !== undefined) fail(request, response.status, problem, response.body);
      } catch (error) {
        latencies[i] = performance.now() - t0;
        fail(request, 0, 'no answer', error instanceof Error ? error.message : String(error));
      }
      done++;
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(spec.concurrency, spec.count) }, worker));
  } finally {
    clearInterval(ticker);
    agent.destroy();
  }
  const seconds = (performance.now() - started) / 1000;
  progress.finish(done, seconds);
  return { seconds, latenciesMs: latencies.sort(), errors, errorSamples };
}
