import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { GroupKind } from '../../src/domain/groups/group.entity.js';
import { createOrmConfig } from '../../src/db/orm-config.js';
import { createLogger } from '../../src/logger.js';
import { makeAdmin, makeGroup, makeOrganization, makeScimToken } from '../factories/domain.js';
import { testDbSettings } from './database-server.js';

/** A SCIM group with one token, and an admin of its organization, for driving a server from outside. */
export interface ScimTenant {
  readonly organizationId: string;
  readonly groupId: string;
  readonly basePath: string;
  readonly token: string;
  readonly adminToken: string;
}

/**
 * Inserts a PRO organization, a SCIM group, a token and an admin straight into the database at
 * `databaseUrl` (a built server's own, reached from the test), then lets go of it.
 */
export async function seedScimTenant(databaseUrl: string, tokens = 1): Promise<ScimTenant & { readonly extraTokens: string[] }> {
  const orm = await MikroORM.init(createOrmConfig({ databaseUrl, ...testDbSettings }, createLogger({ logLevel: 'silent' })));
  try {
    const em = orm.em.fork();
    const organization = await makeOrganization(em);
    const group = await makeGroup(em, organization, { kind: GroupKind.SCIM });
    const { token } = await makeScimToken(em, group);
    const extraTokens: string[] = [];
    for (let i = 1; i < tokens; i++) extraTokens.push((await makeScimToken(em, group, `Okta ${i}`)).token);
    const admin = await makeAdmin(em, organization);
    return { organizationId: organization.id, groupId: group.id, basePath: `/scim/v2/${group.id}`, token, adminToken: admin.token, extraTokens };
  } finally {
    await orm.close(true);
  }
}

/**
 * The URL of the embedded database a server on `dataDir` announced in its ready line (logged with
 * `***` for the password), with the password from DATA_DIR/postgres-password.
 */
export async function embeddedUrl(dataDir: string, announced: string): Promise<string> {
  const url = new URL(announced);
  url.password = encodeURIComponent((await readFile(path.join(dataDir, 'postgres-password'), 'utf8')).trim());
  return url.toString();
}
