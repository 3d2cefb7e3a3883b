import { Query, Resolver } from 'type-graphql';
import { version } from '../../version.js';

@Resolver()
export class ServerResolver {
  @Query(() => String, { description: 'The version of the Roster server answering this request — its package version, as in `npm run start` logs.' })
  version(): string {
    return version;
  }
}
