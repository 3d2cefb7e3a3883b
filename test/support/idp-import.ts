import http from 'node:http';

/**
 * An identity provider's initial import, as Okta runs it (SCIM-CLIENTS.md): for each user a
 * `userName eq` lookup, a create when none is found, then one update — Okta's pathless
 * deactivation for even users, Entra's `Replace displayName` for odd ones — with `concurrency`
 * users in flight over keep-alive connections. Every request's outcome is kept, so a test can
 * check afterwards that what the client saw acknowledged is in the database, and nothing else.
 */
export type Operation = 'lookup' | 'create' | 'patch';

export interface Outcome {
  readonly op: Operation;
  readonly user: number;
  readonly userName: string;
  /** The HTTP status, or 0 when no answer came (the socket error is in `error`). */
  readonly status: number;
  readonly error?: string;
  /** performance.now() when the request was sent and when its answer (or error) was complete. */
  readonly sentAt: number;
  readonly answeredAt: number;
  readonly retryAfter: string | undefined;
  /** The server's `Connection` header: `close` when it asked the client to reconnect. */
  readonly connection: string | undefined;
  readonly body: string;
  /** The member's id, where the answer said it. */
  readonly id?: string;
}

export interface ImportTarget {
  readonly port: number;
  readonly basePath: string;
  readonly token: string;
}

export interface ImportOptions {
  readonly concurrency: number;
  /** Users 0 … count-1, unless stopped first. */
  readonly count: number;
  /** POST without looking up first, as an IdP re-sending creates whose answers it lost. */
  readonly createOnly?: boolean;
  /** How long a worker pauses after a failed step before its next user (default 25 ms; an IdP backs off). */
  readonly backoffMs?: number;
  /** userName of user `i` (default `user<i>@import.example`). */
  readonly userName?: (i: number) => string;
}

export interface ImportRun {
  readonly outcomes: Outcome[];
  /** Starts no further users; those in flight finish their step. */
  stop(): void;
  /** Resolves when every worker has finished. */
  readonly done: Promise<void>;
}

const userSchema = 'urn:ietf:params:scim:schemas:core:2.0:User';
const patchOp = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export const importUserName = (i: number): string => `user${String(i).padStart(5, '0')}@import.example`;

/** Okta's create body (SCIM-CLIENTS.md, "User life cycle" 2). */
export function oktaCreateBody(userName: string, i: number): Record<string, unknown> {
  return {
    schemas: [userSchema],
    userName,
    name: { givenName: 'Ada', familyName: `Import ${i}` },
    emails: [{ primary: true, value: userName, type: 'work' }],
    displayName: `Ada Import ${i}`,
    externalId: `00u${String(i).padStart(8, '0')}`,
    groups: [],
    password: 'throw-away-1',
    active: true,
  };
}

/** The update user `i` gets; `renamedTo` is what an Entra-style rename sets. */
export const renamedTo = (i: number): string => `Renamed ${i}`;
export function updateBody(i: number): Record<string, unknown> {
  return i % 2 === 0
    ? { schemas: [patchOp], Operations: [{ op: 'replace', value: { active: false } }] }
    : { schemas: [patchOp], Operations: [{ op: 'Replace', path: 'displayName', value: renamedTo(i) }] };
}

export function startImport(target: ImportTarget, options: ImportOptions): ImportRun {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const outcomes: Outcome[] = [];
  const nameOf = options.userName ?? importUserName;
  let next = 0;
  let stopped = false;

  const send = (op: Operation, user: number, method: string, path: string, body?: unknown): Promise<Outcome> =>
    new Promise((resolve) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const sentAt = performance.now();
      const base = { op, user, userName: nameOf(user), sentAt };
      const request = http.request(
        {
          agent,
          host: '127.0.0.1',
          port: target.port,
          method,
          path: `${target.basePath}${path}`,
          headers: {
            authorization: `Bearer ${target.token}`,
            'user-agent': 'Okta SCIM Client 1.0.0',
            ...(payload ? { 'content-type': 'application/scim+json', 'content-length': String(payload.length) } : {}),
          },
          timeout: 30_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (error) => finish({ ...base, status: 0, error: error.message, body: '' }));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            finish({
              ...base,
              status: res.statusCode ?? 0,
              body: text,
              retryAfter: res.headers['retry-after'],
              connection: res.headers.connection,
              ...idOf(text),
            });
          });
        },
      );
      let finished = false;
      const finish = (outcome: Omit<Outcome, 'answeredAt' | 'retryAfter' | 'connection'> & Partial<Outcome>) => {
        if (finished) return;
        finished = true;
        const complete: Outcome = { retryAfter: undefined, connection: undefined, ...outcome, answeredAt: performance.now() };
        outcomes.push(complete);
        resolve(complete);
      };
      request.on('timeout', () => request.destroy(new Error('no answer within 30 s')));
      request.on('error', (error: NodeJS.ErrnoException) => finish({ ...base, status: 0, error: error.code ?? error.message, body: '' }));
      request.end(payload);
    });

  /** Whether every step of user `i` succeeded. */
  const importOne = async (i: number): Promise<boolean> => {
    const userName = nameOf(i);
    let id: string | undefined;
    if (!options.createOnly) {
      const found = await send('lookup', i, 'GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}&startIndex=1&count=100`);
      if (found.status !== 200) return false;
      id = found.id;
    }
    if (id === undefined) {
      const created = await send('create', i, 'POST', '/Users', oktaCreateBody(userName, i));
      // An existing user: what an IdP re-sending a create expects (it then links by lookup).
      if (created.status === 409 && options.createOnly) return true;
      if (created.status !== 201) return false;
      id = created.id;
    }
    const patched = await send('patch', i, 'PATCH', `/Users/${id}`, updateBody(i));
    return patched.status === 200 || patched.status === 204;
  };

  const worker = async () => {
    while (!stopped && next < options.count) {
      if (!(await importOne(next++))) await new Promise((resolve) => setTimeout(resolve, options.backoffMs ?? 25));
    }
  };
  const done = Promise.all(Array.from({ length: options.concurrency }, worker)).then(() => agent.destroy());
  return {
    outcomes,
    stop: () => {
      stopped = true;
    },
    done,
  };
}

/** The member's id from a User or a one-hit ListResponse. */
function idOf(text: string): { id?: string } {
  try {
    const body = JSON.parse(text) as { id?: unknown; Resources?: { id?: unknown }[] };
    const id = body.id ?? body.Resources?.[0]?.id;
    return typeof id === 'string' ? { id } : {};
  } catch {
    return {};
  }
}

/** Waits until `count` outcomes have arrived (or `timeoutMs` passes). */
export async function outcomesReach(run: ImportRun, count: number, timeoutMs = 20_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; run.outcomes.length < count;) {
    if (Date.now() > deadline) throw new Error(`only ${run.outcomes.length} of ${count} answers within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
