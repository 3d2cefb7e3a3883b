import path from 'node:path';
import { z } from 'zod';
import { parseTracingConfig, type TracingConfig } from './telemetry/tracing-config.js';

/**
 * The environment, parsed and validated once. Nothing else in the code base reads `process.env`:
 * every setting is here, typed, with its default, and documented in `.env.example` and README.
 */
export interface Config {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  /** Origin (and optional path prefix) the service is reached at; absolute URLs are built from it. */
  readonly publicUrl: string;
  /** A PostgreSQL URL, or undefined to run the embedded PostgreSQL under `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  /** Port of the embedded PostgreSQL; undefined picks a free loopback port at each start. */
  readonly embeddedPgPort: number | undefined;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly db: {
    readonly poolMax: number;
    readonly acquireTimeoutMs: number;
    readonly connectTimeoutMs: number;
    readonly statementTimeoutMs: number;
  };
  readonly graphql: {
    readonly introspection: boolean;
    readonly ide: boolean;
    /** Why the IDE is off, in the words of the setting that turned it off (undefined when on). */
    readonly ideOffBecause: string | undefined;
    /** Deepest selection nesting accepted. */
    readonly maxDepth: number;
    /** Most aliases in one document. */
    readonly maxAliases: number;
    /** Highest estimated cost (list fields count their `first`). */
    readonly maxCost: number;
    /** Most lexical tokens in one document (bounds parsing work). */
    readonly maxTokens: number;
  };
  readonly auth: {
    /** How long an admin session lasts after sign-in. */
    readonly sessionTtlMs: number;
  };
  /** How long activity events (the log and the change feed) are kept before the retention job prunes them. */
  readonly eventRetentionDays: number;
  readonly webhooks: {
    /** http URLs and non-public addresses allowed (development, loopback tests). */
    readonly allowInsecure: boolean;
    /** Seconds before each retry of a failed delivery; after the last, it is given up. */
    readonly retryScheduleSeconds: readonly number[];
  };
  readonly scim: {
    /** Page size when a SCIM client sends no `count`. */
    readonly defaultCount: number;
    /** Largest page a SCIM client gets (advertised as filter.maxResults). */
    readonly maxCount: number;
    /** Requests a minute one SCIM token may make; 0 turns throttling off. */
    readonly rateLimitPerMinute: number;
  };
  /** Create a demo organization and admin on the first start against an empty database. */
  readonly bootstrapDemo: boolean;
  readonly http: {
    readonly bodyLimitBytes: number;
    /** How long an idle keep-alive connection stays open (longer than load balancers' idle timeouts). */
    readonly keepAliveTimeoutMs: number;
    /** How long a client may take to send the request's headers. */
    readonly headersTimeoutMs: number;
    /** How long a client may take to send the whole request, body included. */
    readonly requestTimeoutMs: number;
    /** How long a connection may stall mid-request, nothing read or written (a client that never reads its answer). */
    readonly socketTimeoutMs: number;
  };
  readonly shutdownTimeoutMs: number;
  /** How long one API request may wait for the database in all (connections and statements together) before 503. */
  readonly requestDeadlineMs: number;
  /** After SIGTERM: how long to keep serving with readiness 503 before closing the listener, so load balancers move away. */
  readonly shutdownGraceMs: number;
  /** Where Prometheus metrics are served (docs/metrics.md). */
  readonly metrics: MetricsExposure;
  /** OpenTelemetry traces: off unless an OTLP endpoint is set (src/telemetry/). */
  readonly tracing: TracingConfig;
  /** Settings that are allowed but probably wrong, said loudly at start. */
  readonly warnings: readonly string[];
}

/**
 * `off`: no metrics are kept. `main`: `GET /metrics` on the main listener (unauthenticated, like
 * the health probes). `separate`: on a listener of its own at HOST:port, so the main port can be
 * public while the metrics port stays on the scrapers' network.
 */
export type MetricsExposure = { readonly kind: 'off' } | { readonly kind: 'main' } | { readonly kind: 'separate'; readonly port: number };

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const booleanWords: Record<string, boolean> = { true: true, '1': true, yes: true, on: true, false: false, '0': false, no: false, off: false };

const bool = z
  .string()
  .transform((v, ctx) => {
    const parsed = booleanWords[v.trim().toLowerCase()];
    if (parsed === undefined) {
      ctx.addIssue({ code: 'custom', message: 'must be true or false (also 1/0, yes/no, on/off)' });
      return z.NEVER;
    }
    return parsed;
  })
  .optional();

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\s*\d+\s*$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
    .optional();

/** The retry schedule: seconds to wait before each retry, comma-separated. */
const retrySchedule = z
  .string()
  .regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, 'must be seconds separated by commas, e.g. 5,300,1800')
  .transform((v) => v.split(',').map((part) => Number(part.trim())))
  .pipe(
    z
      .array(
        z
          .number()
          .int()
          .min(1, 'each wait must be at least 1 second')
          .max(7 * 86_400, 'each wait must be at most 7 days'),
      )
      .max(20, 'at most 20 retries'),
  )
  .optional();

const metricsMessage = 'must be off, on (served at /metrics on PORT) or a port number from 1 to 65535 for a listener of its own (e.g. 9464)';

const metrics = z
  .string()
  .transform((v, ctx): MetricsExposure => {
    const word = v.trim().toLowerCase();
    if (word === 'off') return { kind: 'off' };
    if (word === 'on') return { kind: 'main' };
    const port = /^\d{1,5}$/.test(word) ? Number(word) : NaN;
    if (port >= 1 && port <= 65535) return { kind: 'separate', port };
    ctx.addIssue({ code: 'custom', message: metricsMessage });
    return z.NEVER;
  })
  .optional();

const postgresUrl = z
  .string()
  .trim()
  .refine((v) => /^postgres(ql)?:\/\/[^\s]+$/.test(v) && URL.canParse(v), 'must be a URL like postgres://user:password@host:5432/database')
  .optional();

const publicUrl = z
  .string()
  .trim()
  .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), 'must be an absolute http(s) URL such as https://roster.example.com')
  .refine((v) => !URL.canParse(v) || (new URL(v).search === '' && new URL(v).hash === ''), 'must not contain a query or fragment')
  // Okta refuses SCIM base URLs containing "_" (Okta SCIM docs); SCIM URLs are built from this.
  .refine((v) => !URL.canParse(v) || !new URL(v).pathname.includes('_'), 'must not contain "_" in its path (Okta rejects such SCIM URLs)')
  .optional();

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], { error: 'must be development, production or test' }).optional(),
  HOST: z.string().trim().min(1, 'must not be empty').optional(),
  PORT: int(0, 65535),
  PUBLIC_URL: publicUrl,
  DATABASE_URL: postgresUrl,
  DATA_DIR: z.string().trim().min(1, 'must not be empty').optional(),
  EMBEDDED_PG_PORT: int(1024, 65535),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' })
    .optional(),
  DB_POOL_MAX: int(1, 1000),
  DB_ACQUIRE_TIMEOUT_MS: int(100, 600_000),
  DB_CONNECT_TIMEOUT_MS: int(100, 600_000),
  DB_STATEMENT_TIMEOUT_MS: int(100, 3_600_000),
  GRAPHQL_INTROSPECTION: bool,
  GRAPHQL_IDE: bool,
  HTTP_BODY_LIMIT_BYTES: int(1024, 100 * 1024 * 1024),
  GRAPHQL_MAX_DEPTH: int(2, 100),
  GRAPHQL_MAX_ALIASES: int(0, 1000),
  GRAPHQL_MAX_COST: int(10, 10_000_000),
  GRAPHQL_MAX_TOKENS: int(100, 1_000_000),
  SESSION_TTL_HOURS: int(1, 24 * 90),
  EVENT_RETENTION_DAYS: int(1, 3_650),
  WEBHOOK_ALLOW_HTTP: bool,
  WEBHOOK_RETRY_SCHEDULE: retrySchedule,
  BOOTSTRAP_DEMO: bool,
  SCIM_DEFAULT_COUNT: int(1, 10_000),
  SCIM_MAX_COUNT: int(1, 10_000),
  SCIM_RATE_LIMIT_PER_MINUTE: int(0, 10_000_000),
  SHUTDOWN_TIMEOUT_MS: int(100, 600_000),
  SHUTDOWN_GRACE_MS: int(0, 600_000),
  REQUEST_DEADLINE_MS: int(100, 3_600_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: int(1_000, 3_600_000),
  HTTP_HEADERS_TIMEOUT_MS: int(500, 600_000),
  HTTP_REQUEST_TIMEOUT_MS: int(500, 3_600_000),
  HTTP_SOCKET_TIMEOUT_MS: int(1_000, 3_600_000),
  METRICS: metrics,
});

type Env = Readonly<Record<string, string | undefined>>;

export interface LoadConfigOptions {
  /**
   * Who reads the configuration. `operator` (the CLI, e.g. `docker run … roster roster
   * list-organizations`) builds no URL for identity providers, so PUBLIC_URL is not required in
   * production. Default `server`.
   */
  readonly reader?: 'server' | 'operator';
}

/**
 * Parses the environment into a frozen {@link Config}.
 * Empty strings count as unset, so `FOO=` in a `.env` file falls back to the default.
 * @throws ConfigError naming every bad variable and what it allows
 */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd(), options: LoadConfigOptions = {}): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        return `${name}: ${issue.message} (got ${JSON.stringify(withoutPassword(present[name] ?? ''))})`;
      }),
    );
  }
  const e = result.data;
  const nodeEnv = e.NODE_ENV ?? 'development';
  const port = e.PORT ?? 4000;
  const introspection = e.GRAPHQL_INTROSPECTION ?? nodeEnv !== 'production';
  const ide = e.GRAPHQL_IDE ?? introspection;
  const { tracing, problems } = parseTracingConfig(present);
  if (ide && !introspection) problems.push('GRAPHQL_IDE: the IDE needs introspection; set GRAPHQL_INTROSPECTION=true or GRAPHQL_IDE=false');
  if (nodeEnv === 'production') {
    if (e.BOOTSTRAP_DEMO === true) {
      problems.push('BOOTSTRAP_DEMO: never allowed when NODE_ENV=production (it prints credentials); create admins with `npm run cli -- create-admin`');
    }
    if (e.DATABASE_URL === undefined) {
      problems.push(
        'DATABASE_URL: required when NODE_ENV=production (the embedded PostgreSQL is for development); set it to postgres://user:password@host:5432/database',
      );
    }
    if (e.PUBLIC_URL === undefined && options.reader !== 'operator') {
      problems.push(
        'PUBLIC_URL: required when NODE_ENV=production: the SCIM URLs given to identity providers are built from it, and Okta and Entra need a public https URL; set it to e.g. https://roster.example.com',
      );
    }
  }
  if ((e.HTTP_HEADERS_TIMEOUT_MS ?? 10_000) > (e.HTTP_REQUEST_TIMEOUT_MS ?? 30_000)) {
    problems.push('HTTP_HEADERS_TIMEOUT_MS: must not be longer than HTTP_REQUEST_TIMEOUT_MS (the headers are part of the request)');
  }
  if ((e.SHUTDOWN_GRACE_MS ?? 0) >= (e.SHUTDOWN_TIMEOUT_MS ?? 10_000)) {
    problems.push('SHUTDOWN_GRACE_MS: must be shorter than SHUTDOWN_TIMEOUT_MS, which also bounds the grace period');
  }
  if (e.METRICS?.kind === 'separate' && e.METRICS.port === port) {
    problems.push(`METRICS: ${port} is PORT itself; use METRICS=on to serve /metrics there, or another port for a listener of its own`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  return deepFreeze({
    nodeEnv,
    host: e.HOST ?? '127.0.0.1',
    port,
    publicUrl,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(cwd, e.DATA_DIR ?? 'data'),
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    logLevel: e.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    db: {
      poolMax: e.DB_POOL_MAX ?? 10,
      acquireTimeoutMs: e.DB_ACQUIRE_TIMEOUT_MS ?? 5_000,
      connectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS ?? 5_000,
      statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS ?? 15_000,
    },
    graphql: {
      introspection,
      ide,
      ideOffBecause: ide ? undefined : ideOffBecause(e.GRAPHQL_IDE, e.GRAPHQL_INTROSPECTION, nodeEnv),
      maxDepth: e.GRAPHQL_MAX_DEPTH ?? 12,
      maxAliases: e.GRAPHQL_MAX_ALIASES ?? 30,
      maxCost: e.GRAPHQL_MAX_COST ?? 50_000,
      maxTokens: e.GRAPHQL_MAX_TOKENS ?? 10_000,
    },
    auth: { sessionTtlMs: (e.SESSION_TTL_HOURS ?? 12) * 3_600_000 },
    eventRetentionDays: e.EVENT_RETENTION_DAYS ?? 30,
    webhooks: {
      allowInsecure: e.WEBHOOK_ALLOW_HTTP ?? false,
      retryScheduleSeconds: e.WEBHOOK_RETRY_SCHEDULE ?? [5, 300, 1_800, 7_200, 18_000, 36_000, 50_400, 72_000, 86_400],
    },
    scim: {
      defaultCount: Math.min(e.SCIM_DEFAULT_COUNT ?? 100, e.SCIM_MAX_COUNT ?? 1000),
      maxCount: e.SCIM_MAX_COUNT ?? 1000,
      rateLimitPerMinute: e.SCIM_RATE_LIMIT_PER_MINUTE ?? 12_000,
    },
    bootstrapDemo: e.BOOTSTRAP_DEMO ?? nodeEnv === 'development',
    http: {
      bodyLimitBytes: e.HTTP_BODY_LIMIT_BYTES ?? 1024 * 1024,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS ?? 65_000,
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS ?? 10_000,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS ?? 30_000,
      socketTimeoutMs: e.HTTP_SOCKET_TIMEOUT_MS ?? 60_000,
    },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS ?? 10_000,
    requestDeadlineMs: e.REQUEST_DEADLINE_MS ?? 10_000,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS ?? (nodeEnv === 'production' ? Math.min(5_000, Math.floor((e.SHUTDOWN_TIMEOUT_MS ?? 10_000) / 2)) : 0),
    // On where people run it by hand; in production only when asked for (an open /metrics tells
    // anyone who can reach it about the traffic), and off under tests unless a test asks.
    metrics: e.METRICS ?? (nodeEnv === 'development' ? { kind: 'main' } : { kind: 'off' }),
    tracing,
    warnings: nodeEnv === 'production' ? publicUrlWarnings(publicUrl) : [],
  });
}

/** {@link loadConfig} for operator commands (src/cli/roster.ts): PUBLIC_URL is not required. */
export function loadOperatorConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  return loadConfig(env, cwd, { reader: 'operator' });
}

function ideOffBecause(ide: boolean | undefined, introspection: boolean | undefined, nodeEnv: Config['nodeEnv']): string {
  if (ide === false) return 'GRAPHQL_IDE=false';
  if (introspection === false) return 'GRAPHQL_INTROSPECTION=false';
  return `off when NODE_ENV=${nodeEnv}; GRAPHQL_INTROSPECTION=true turns it on`;
}

const loopbackHosts = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)$/i;

/** In production the SCIM URLs go to cloud identity providers, which need a public https URL. */
function publicUrlWarnings(publicUrl: string): string[] {
  const url = new URL(publicUrl);
  const warnings: string[] = [];
  if (loopbackHosts.test(url.hostname)) {
    warnings.push(
      `PUBLIC_URL ${publicUrl} is a loopback address: no identity provider can reach the SCIM URLs built from it; Okta and Entra need a public https URL.`,
    );
  } else if (url.protocol !== 'https:') {
    warnings.push(`PUBLIC_URL ${publicUrl} is not https: Okta and Entra send SCIM tokens only to https URLs.`);
  }
  return warnings;
}

/** A value as it may be shown: a URL's password (postgres://user:secret@…) becomes `***`. */
function withoutPassword(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*:)[^@/?#\s]*@/i, '$1***@');
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (child !== null && typeof child === 'object') deepFreeze(child as object);
  }
  return Object.freeze(value);
}
