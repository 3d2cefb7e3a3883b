import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { getNamedType, getNullableType, GraphQLError, isListType, type GraphQLSchema, type ValidationRule } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { Config } from '../config.js';
import { defaultPageSize } from '../domain/shared/page.js';

/** Lists without a `first` argument (emails, a member's teams, a group's tokens) are assumed this long. */
const assumedListLength = 10;

/**
 * A field's cost is 1 plus its children's, times how many items it can return: `first` (default 50)
 * for connections, a fixed guess for other lists. So `groups(first: 100) { members(first: 100) }`
 * costs about 10,000 and is refused above the limit before anything runs.
 */
const pagedFieldEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (field.args.some((arg) => arg.name === 'first')) {
    const first = typeof args.first === 'number' ? args.first : defaultPageSize;
    return 1 + childComplexity * Math.max(first, 1);
  }
  // A connection's edges are the page its parent field already counted with `first`.
  if (field.name === 'edges') return 1 + childComplexity;
  if (isListType(getNullableType(field.type)) && getNamedType(field.type).name !== 'String') return 1 + childComplexity * assumedListLength;
  return undefined;
};

function complexityPlugin(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ request, document, operation }) {
          // No operation of that name (Apollo answers 400 for it next): nothing to estimate.
          if (!operation) return Promise.resolve();
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              ...(request.operationName ? { operationName: request.operationName } : {}),
              variables: request.variables ?? {},
              estimators: [pagedFieldEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (error) {
            // Variables that do not fit their types: Apollo refuses them next, with 400 BAD_USER_INPUT
            // naming the variable, before anything runs.
            if (error instanceof GraphQLError) return Promise.resolve();
            throw error;
          }
          if (cost > maxCost) {
            throw new GraphQLError(
              `The query is too expensive: estimated cost ${cost}, limit ${maxCost}. Ask for smaller pages (first) or fewer nested lists.`,
              {
                extensions: { code: 'QUERY_TOO_COMPLEX', cost, maxCost, http: { status: 400 } },
              },
            );
          }
          return Promise.resolve();
        },
      });
    },
  };
}

/**
 * Depth, alias and directive limits (graphql-armor validation rules), field suggestions blocked when
 * introspection is off, and the cost limit. Document size is bounded by Apollo's `maxTokens` parse
 * option (armor's own token and cost limits are off: they turn syntax errors into 500s).
 */
export function queryLimits(schema: GraphQLSchema, config: Config['graphql']): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[] } {
  const armor = new ApolloArmor({
    maxDepth: { n: config.maxDepth },
    maxAliases: { n: config.maxAliases },
    maxDirectives: { n: 20 },
    blockFieldSuggestion: { enabled: !config.introspection },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
  }).protect();
  // armor's typings point at Apollo's CommonJS build; under NodeNext ours are the ESM ones (same shape).
  const armorPlugins = armor.plugins as unknown as ApolloServerPlugin[];
  return { plugins: [...armorPlugins, complexityPlugin(schema, config.maxCost)], validationRules: armor.validationRules };
}
