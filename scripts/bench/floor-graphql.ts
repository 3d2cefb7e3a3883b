/**
 * The GraphQL floor: Apollo Server on plain `node:http` over Roster's tables, answering the
 * benchmark's one query with two statements — the page of members, then the teams of all of
 * them at once through a DataLoader. No authentication, no query limits. Roster's GraphQL CPU per
 * operation is compared with this one's.
 *
 * Runs as plain JavaScript under `node` (transpiled by floor-build.ts), never through tsx.
 * Environment: DATABASE_URL, PORT, DB_POOL_MAX.
 */
import http from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import DataLoader from 'dataloader';
import pg from 'pg';

const env = process.env;
const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: Number(env.DB_POOL_MAX ?? '10'), idleTimeoutMillis: 0 });
pool.on('error', (error) => process.stderr.write(`pool: ${error.message}\n`));

const typeDefs = `#graphql
  type Query { group(id: ID!): Group }
  type Group { id: ID! members(first: Int): MemberConnection }
  type MemberConnection { edges: [MemberEdge!]! }
  type MemberEdge { node: Member! }
  type Member { id: ID! userName: String! emails: [Email!]! teams: [Team!]! }
  type Email { value: String! type: String primary: Boolean }
  type Team { id: ID! displayName: String! }
`;

interface MemberRow {
  id: string;
  user_name: string;
  emails: { value: string; type?: string; primary?: boolean }[];
}
interface TeamRow {
  member_id: string;
  id: string;
  display_name: string;
}
interface Context {
  teams: DataLoader<string, TeamRow[]>;
}

const membersPage = {
  name: 'members-page',
  text: 'select id, user_name, emails from member where group_id = $1 order by user_name_key limit $2',
};
const teamsOfMembers = {
  name: 'teams-of-members',
  text: `select tm.member_id, t.id, t.display_name from team_membership tm join team t on t.id = tm.team_id
    where tm.member_id = any($1::uuid[]) order by t.display_name_key`,
};

/** One statement for the teams of every member of the page, grouped back per member. */
async function loadTeams(memberIds: readonly string[]): Promise<TeamRow[][]> {
  const { rows } = await pool.query<TeamRow>({ ...teamsOfMembers, values: [memberIds] });
  const byMember = new Map<string, TeamRow[]>(memberIds.map((id) => [id, []]));
  for (const row of rows) byMember.get(row.member_id)?.push(row);
  return memberIds.map((id) => byMember.get(id) ?? []);
}

const resolvers = {
  Query: {
    // The group is only an id to hang the page on: no statement.
    group: (_: unknown, args: { id: string }) => ({ id: args.id }),
  },
  Group: {
    members: async (group: { id: string }, args: { first?: number | null }) => {
      const { rows } = await pool.query<MemberRow>({ ...membersPage, values: [group.id, args.first ?? 50] });
      return { edges: rows.map((node) => ({ node })) };
    },
  },
  Member: {
    userName: (member: MemberRow) => member.user_name,
    teams: (member: MemberRow, _: unknown, context: Context) => context.teams.load(member.id),
  },
  Team: {
    displayName: (team: TeamRow) => team.display_name,
  },
};

const apollo = new ApolloServer<Context>({ typeDefs, resolvers, plugins: [ApolloServerPluginLandingPageDisabled()] });
await apollo.start();

async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(key, value);
  const text = Buffer.concat(chunks).toString('utf8');
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: req.method ?? 'GET',
      headers,
      search: new URL(req.url ?? '/', 'http://floor').search,
      body: text ? JSON.parse(text) : undefined,
    },
    // A DataLoader per operation, as in Roster: batching within one query, no cache across queries.
    context: () => Promise.resolve({ teams: new DataLoader(loadTeams) }),
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    res.writeHead(500).end();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(env.PORT), '127.0.0.1', () => process.stdout.write(`floor-graphql listening on ${env.PORT ?? ''}\n`));
const stop = () => server.close(() => void apollo.stop().then(() => pool.end().then(() => process.exit(0))));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
