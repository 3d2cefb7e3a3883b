import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { DomainError, type DomainErrorCode } from '../domain/shared/domain-error.js';
import type { GraphQLContext } from './context.js';
import { formattedErrorCodes } from './format-error.js';

/** What the metrics are told of each GraphQL operation (src/http/metrics keeps the counts). */
export interface GraphQLObserver {
  /**
   * An operation was answered. `operation` is its first root field (`createMember`, `groups`) or
   * `(invalid)` when the document did not parse or validate; `outcome` is `ok` or the first error's code.
   */
  operationAnswered(type: string, operation: string, outcome: string, seconds: number): void;
  domainError(code: DomainErrorCode): void;
}

/**
 * The first field the operation selects at the root, looking into fragments. After validation it
 * is a field of the schema's root type, so these labels are bounded by the schema; the client's
 * own operation names are not (anyone can send a new one with each request).
 */
function firstRootField(selectionSet: SelectionSetNode, document: DocumentNode | undefined, depth = 0): string | undefined {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) return selection.name.value;
    if (depth > 8) continue;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const name = firstRootField(selection.selectionSet, document, depth + 1);
      if (name) return name;
    } else {
      const fragment = document?.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value);
      const name = fragment?.kind === Kind.FRAGMENT_DEFINITION ? firstRootField(fragment.selectionSet, document, depth + 1) : undefined;
      if (name) return name;
    }
  }
  return undefined;
}

function labelsOf(operation: OperationDefinitionNode | undefined, document: DocumentNode | undefined): { type: string; name: string } {
  if (!operation) return { type: 'unknown', name: '(invalid)' };
  return { type: operation.operation, name: firstRootField(operation.selectionSet, document) ?? '(invalid)' };
}

/**
 * Counts and times every operation, and the domain errors it raised. Error codes are those
 * format-error.ts answers (a closed set); anything else would be a bug and counts as `OTHER`.
 */
export function operationMetricsPlugin(observer: GraphQLObserver): ApolloServerPlugin<GraphQLContext> {
  return {
    requestDidStart() {
      const started = performance.now();
      return Promise.resolve({
        didEncounterErrors({ errors }) {
          for (const error of errors) if (error.originalError instanceof DomainError) observer.domainError(error.originalError.code);
          return Promise.resolve();
        },
        willSendResponse({ response, operation, document }) {
          const { type, name } = labelsOf(operation, document);
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const code = errors?.[0]?.extensions?.code;
          const outcome = errors === undefined || errors.length === 0 ? 'ok' : typeof code === 'string' && formattedErrorCodes.has(code) ? code : 'OTHER';
          observer.operationAnswered(type, name, outcome, (performance.now() - started) / 1_000);
          return Promise.resolve();
        },
      });
    },
  };
}
