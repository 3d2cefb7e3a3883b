import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { actorOf, type GraphQLContext } from '../context.js';
import { CreateScimTokenInput, CreateScimTokenPayload, RevokeScimTokenInput, RevokeScimTokenPayload } from './scim-token.inputs.js';
import { ScimTokenObject } from './scim-token.type.js';

@Resolver(() => ScimTokenObject)
export class ScimTokenResolver {
  @Mutation(() => CreateScimTokenPayload, { description: 'Creates a named token for a SCIM group. The token is in this answer only: copy it now.' })
  async createScimToken(
    @Arg('input', () => CreateScimTokenInput) input: CreateScimTokenInput,
    @Ctx() context: GraphQLContext,
  ): Promise<CreateScimTokenPayload> {
    const { token, scimToken } = await context.services.scimTokens.create(actorOf(context), input.groupId, {
      name: input.name,
      expiresAt: input.expiresAt ?? null,
    });
    return { token, scimToken };
  }

  @Mutation(() => RevokeScimTokenPayload, { description: 'Revokes a token: the next request with it is refused.' })
  async revokeScimToken(
    @Arg('input', () => RevokeScimTokenInput) input: RevokeScimTokenInput,
    @Ctx() context: GraphQLContext,
  ): Promise<RevokeScimTokenPayload> {
    return { scimToken: await context.services.scimTokens.revoke(actorOf(context), input.id) };
  }
}
