import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Organization } from '../../domain/organizations/organization.entity.js';
import { featuresOf, type OrganizationFeatures } from '../../domain/organizations/organization.features.js';
import { ActivityEventConnection } from '../activity/activity.type.js';
import { PageArgs } from '../common/page-args.js';
import { toConnection, type ConnectionValue } from '../common/connection.js';
import { actorOf, type GraphQLContext } from '../context.js';
import type { ActivityEvent } from '../../domain/activity/activity-event.entity.js';
import { SignInInput, SignInPayload, SignOutPayload } from './viewer.inputs.js';
import { OrganizationFeaturesObject, OrganizationObject, ViewerObject } from './viewer.types.js';

@Resolver()
export class ViewerResolver {
  @Query(() => ViewerObject, { description: 'The signed-in admin and their organization.' })
  async viewer(@Ctx() context: GraphQLContext): Promise<ViewerObject> {
    const actor = actorOf(context);
    const organization = await context.services.organizations.current(actor);
    return { admin: { id: actor.adminId, email: actor.email, role: actor.role }, organization };
  }

  @Mutation(() => SignInPayload, { description: 'Signs in with email and password; sets the session cookie and returns the token for API clients.' })
  async signIn(@Arg('input', () => SignInInput) input: SignInInput, @Ctx() context: GraphQLContext): Promise<SignInPayload> {
    const { token, expiresAt, admin } = await context.services.auth.signIn(input.email, input.password);
    context.sessionCookie.set(token, expiresAt);
    return { token, expiresAt, viewer: { admin, organization: admin.organization } };
  }

  @Mutation(() => SignOutPayload, { description: 'Ends the current session at once and clears the cookie.' })
  async signOut(@Ctx() context: GraphQLContext): Promise<SignOutPayload> {
    await context.services.auth.signOut(actorOf(context));
    context.sessionCookie.clear();
    return { signedOut: true };
  }
}

@Resolver(() => OrganizationObject)
export class OrganizationResolver {
  @FieldResolver(() => OrganizationFeaturesObject, { description: 'What the plan includes.' })
  features(@Root() organization: Organization): OrganizationFeatures {
    return featuresOf(organization.plan);
  }

  @FieldResolver(() => ActivityEventConnection, { description: 'Every change in the organization, newest first.' })
  async activity(@Args(() => PageArgs) page: PageArgs, @Ctx() context: GraphQLContext): Promise<ConnectionValue<ActivityEvent>> {
    const actor = actorOf(context);
    const items = await context.services.activity.listForOrganization(actor, page);
    return toConnection(items, () => context.services.activity.countForOrganization(actor));
  }
}
