import { buildSchema } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { ServerResolver } from './server/server.resolver.js';

/** Every resolver class of the API; the SDL in `schema/schema.graphql` is printed from these. */
export const resolvers = [ServerResolver] as const;

/** Builds the executable schema. Inputs are validated with class-validator before resolvers run. */
export function buildGraphQLSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers, validate: { forbidUnknownValues: false }, emitSchemaFile: false });
}
