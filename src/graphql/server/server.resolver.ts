import { Query, Resolver } from 'type-graphql';
import { version } from '../../version.js';

@Resolver()
export class ServerResolver {
  @Query(() => String, { description: 'The version of the Roster server answering this request.' })
  version(): string {
    return version;
  }
}
