import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { GraphQLContext } from './context.js';
import { isDatabaseUnavailable, retryAfterSeconds } from '../db/unavailable.js';
import { DomainError } from '../domain/shared/domain-error.js';
import { formatError } from './format-error.js';
import { queryLimits } from './limits.js';
import { operationMetricsPlugin, type GraphQLObserver } from './operation-metrics.js';

/**
 * Adds the request id to every error (so a masked error can be found in the logs) and logs errors
 * that were masked, with their original message and stack, at error level.
 */
function requestIdPlugin(logger: Logger): ApolloServerPlugin<GraphQLContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const code = error.extensions.code;
            if (isDatabaseUnavailable(error.originalError)) {
              logger.warn({ requestId: contextValue.requestId, err: error.originalError, path: error.path }, 'GraphQL request failed: database unavailable');
            } else if (!(error.originalError instanceof DomainError) && (code === undefined || code === 'INTERNAL_SERVER_ERROR')) {
              logger.error({ requestId: contextValue.requestId, err: error.originalError ?? error, path: error.path }, 'GraphQL resolver failed');
            }
          }
          return Promise.resolve();
        },
        willSendResponse({ response, contextValue }) {
          if (response.body.kind === 'single' && response.body.singleResult.errors) {
            const { data, errors } = response.body.singleResult;
            // An outage with nothing else to show is a 503 the client (and its proxies) retry.
            const nothingAnswered = data == null || Object.values(data).every((value) => value === null);
            if (nothingAnswered && errors.some((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE')) {
              response.http.status = 503;
              response.http.headers.set('retry-after', String(retryAfterSeconds));
            }
            response.body.singleResult.errors = response.body.singleResult.errors.map((error) => ({
              ...error,
              extensions: { ...error.extensions, requestId: contextValue.requestId },
            }));
          }
          return Promise.resolve();
        },
      });
    },
  };
}

/**
 * Apollo Server with the product's defaults: no CDN landing page (our own offline IDE is served
 * instead), CSRF prevention on, batching off, introspection per config, errors masked; with an
 * observer, every operation is counted for the metrics.
 */
export function createApolloServer(schema: GraphQLSchema, config: Config, logger: Logger, observer?: GraphQLObserver): ApolloServer<GraphQLContext> {
  const limits = queryLimits(schema, config.graphql);
  return new ApolloServer<GraphQLContext>({
    schema,
    validationRules: limits.validationRules,
    parseOptions: { maxLexicalTokens: config.graphql.maxTokens },
    introspection: config.graphql.introspection,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    // No "did you mean" hints that describe a hidden schema when introspection is off.
    hideSchemaDetailsFromClientErrors: !config.graphql.introspection,
    formatError,
    // The process owns its signals (src/main.ts drains HTTP, then stops Apollo). Apollo's own
    // handlers would stop it at once, failing GraphQL requests still in flight, then re-send the
    // signal to the process.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are served (every answer is private to its admin), and the cache-control
      // plugin Apollo installs by default wraps every field's resolver to compute them: a page of
      // 200 members paid for it 1,600 times. Nothing is reported to Apollo's cloud either.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      requestIdPlugin(logger),
      ...(observer ? [operationMetricsPlugin(observer)] : []),
      ...limits.plugins,
    ],
  });
}
