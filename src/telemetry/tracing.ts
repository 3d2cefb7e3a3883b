/**
 * OpenTelemetry traces. Loaded by src/main.ts only when tracing is configured, and before anything
 * it patches is imported: instrumentation works by wrapping express, pg and graphql as they load.
 * With tracing off this module and the SDK are never imported, so they cost nothing.
 */
import { register } from 'node:module';
import { context, diag, DiagLogLevel, isSpanContextValid, trace, type DiagLogFunction } from '@opentelemetry/api';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK, resources } from '@opentelemetry/sdk-node';
import type { Logger } from '../logger.js';
import { requestIdOf } from '../http/request-logging.js';
import { scimExchangeOf } from '../scim/exchange.js';
import { sqlShape } from './sql-shape.js';
import { version } from '../version.js';

export interface Tracing {
  /** Fields for every log line: the active trace and span ids, when there is an active span. */
  readonly logFields: () => { traceId?: string; spanId?: string };
  /** From now on the SDK's own complaints (an unreachable collector, say) go to this logger. */
  readonly reportTo: (logger: Logger) => void;
  /**
   * Exports the spans still buffered and stops the SDK (graceful stop, after the HTTP server
   * drained). Never fails and takes at most a couple of seconds: an unreachable collector is
   * reported, and must not hold the exit.
   */
  readonly shutdown: () => Promise<void>;
}

/** The span attribute carrying the request id that log lines and error extensions carry too. */
const requestIdAttribute = 'roster.request_id';
/** The route template of a server span (stable HTTP semantic conventions). */
const httpRouteAttribute = 'http.route';

/** Where the pg instrumentation puts a statement's text (stable database semantic conventions). */
const queryTextAttribute = 'db.query.text';

/** How long the last spans may take to reach the collector at stop. */
const flushTimeoutMs = 2_000;

/** Paths not traced: probes poll every few seconds and would bury the requests worth seeing. */
// Probes and scrapes: frequent, and nothing to follow in them.
const untracedPaths = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Query parameters whose values stay out of spans: SCIM filters name people (userName, emails),
 * GraphQL over GET carries documents and variables, and the SDK's defaults are signed-URL secrets.
 */
const redactedQueryParams = ['filter', 'query', 'variables', 'extensions', 'access_token', 'token', 'AWSAccessKeyId', 'Signature', 'sig', 'X-Goog-Signature'];

/** Modules the ESM loader hook may wrap; everything else (our own code under tsx, say) loads untouched. */
const hookedModules = ['express', 'pg', 'graphql'];

function instrumentations() {
  return [
    new HttpInstrumentation({
      // Headers stay out of spans (Authorization, cookies; User-Agent is the SDK's one exception):
      // headersToSpanAttributes stays unset.
      ignoreIncomingRequestHook: (req) => untracedPaths.has((req.url ?? '').split('?', 1)[0] ?? ''),
      // Roster makes no outgoing HTTP requests but the span exports themselves.
      disableOutgoingRequestInstrumentation: true,
      redactedQueryParamsServer: redactedQueryParams,
      applyCustomAttributesOnSpan: (span, request) => {
        if (!('headers' in request)) return;
        const id = requestIdOf(request);
        if (id !== '') span.setAttribute(requestIdAttribute, id);
        // The SCIM door is no express router: it says itself which of its routes took the request
        // (named as the metrics name it, `/*` when none did).
        const scim = scimExchangeOf(request);
        if (scim !== undefined) {
          const route = scim.inGroup ? `/scim/v2/:groupId${scim.route ?? '/*'}` : '/scim/*';
          span.setAttribute(httpRouteAttribute, route);
          span.updateName(`${request.method ?? 'GET'} ${route}`);
        }
      },
    }),
    new ExpressInstrumentation(),
    new GraphQLInstrumentation({
      // A page of 200 members would otherwise make a span per field per member (1,600 and more):
      // no spans for plain properties, one span for a field across all items of a list, and none
      // deeper than four fields (`group.members.edges.*`: the levels whose resolvers read the
      // database; what they run below that is still traced, as pg spans).
      ignoreTrivialResolveSpans: true,
      mergeItems: true,
      depth: 4,
      // Literals in the recorded document become "*" and variables are never recorded (passwords, tokens).
      allowValues: false,
    }),
    new PgInstrumentation({
      // Statements are recorded with their $n placeholders, never with the values bound to them,
      // and with the values MikroORM inlines into its statements' text replaced by `?`.
      enhancedDatabaseReporting: false,
      requestHook: (span, { query }) => {
        span.setAttribute(queryTextAttribute, sqlShape(query.text));
      },
      // Background work (connection health, throttle counts, compaction) runs every second outside
      // any request; it would be a trace a second of its own.
      requireParentSpan: true,
    }),
  ];
}

/**
 * Starts the OpenTelemetry SDK: spans of HTTP requests, express routes, GraphQL operations and
 * resolvers, and SQL statements, exported over OTLP as the standard OTEL_* variables say
 * (endpoint, protocol, headers, sampler, batching). Service name `roster` unless
 * OTEL_SERVICE_NAME or OTEL_RESOURCE_ATTRIBUTES say otherwise. Traces only: metrics and logs
 * have their own paths (the access log, Prometheus), so the SDK sets up neither.
 */
export function startTracing(): Tracing {
  // ESM imports of the instrumented packages go through this hook (require() is patched anyway).
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url, { data: { include: hookedModules } });
  const sdk = new NodeSDK({
    // The environment's resource attributes are merged over these (OTEL_SERVICE_NAME wins).
    resource: resources.defaultResource().merge(resources.resourceFromAttributes({ 'service.name': 'roster', 'service.version': version })),
    instrumentations: instrumentations(),
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  let logger: Logger | undefined;
  return {
    logFields: () => {
      const span = trace.getSpan(context.active());
      if (span === undefined) return {};
      const ids = span.spanContext();
      return isSpanContextValid(ids) ? { traceId: ids.traceId, spanId: ids.spanId } : {};
    },
    reportTo: (to) => {
      logger = to;
      const at =
        (level: 'warn' | 'error'): DiagLogFunction =>
        (message, ...args) =>
          to[level]({ args }, `OpenTelemetry: ${message}`);
      diag.setLogger(
        { error: at('error'), warn: at('warn'), info: at('warn'), debug: at('warn'), verbose: at('warn') },
        { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true },
      );
    },
    shutdown: async () => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<Error>((resolve) => (timer = setTimeout(() => resolve(new Error(`not done within ${flushTimeoutMs} ms`)), flushTimeoutMs)));
      const outcome = await Promise.race([
        sdk.shutdown().then(
          () => undefined,
          (error: unknown) => error,
        ),
        late,
      ]);
      clearTimeout(timer);
      if (outcome !== undefined) logger?.warn({ err: outcome }, 'tracing: the last spans could not be exported');
    },
  };
}
