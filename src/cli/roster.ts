/**
 * Operator commands: `npm run cli -- <command> [options]` (or `node dist/src/cli/roster.js` in an
 * image). Uses the same configuration as the server (DATABASE_URL, or the embedded PostgreSQL
 * under DATA_DIR when the server is not running on it) and applies pending migrations first.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { applyMigrations } from '../db/migrator.js';
import { generatePassword } from '../domain/admins/password.js';
import { OrganizationPlan } from '../domain/organizations/organization.entity.js';
import { AdminRole } from '../domain/shared/actor.js';
import { DomainError } from '../domain/shared/domain-error.js';
import { createServices } from '../domain/services.js';
import { createLogger } from '../logger.js';

const usage = `Usage: npm run cli -- <command> [options]

Commands:
  create-organization --name <name> [--plan FREE|PRO]
      Creates an organization and prints its id.
  create-admin --organization <id> --email <email> [--role OWNER|ADMIN|VIEWER] [--password <password>]
      Creates an admin. Without --password, a random one is generated and printed once.
  reset-password --email <email> [--password <password>]
      Sets a new password (random and printed once without --password) and ends the admin's sessions.
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${usage}`);
  process.exit(2);
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, option: string): T {
  if (value === undefined) return fallback;
  const upper = value.toUpperCase() as T;
  if (!allowed.includes(upper)) fail(`--${option} must be one of ${allowed.join(', ')} (got "${value}").`);
  return upper;
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    plan: { type: 'string' },
    organization: { type: 'string' },
    email: { type: 'string' },
    role: { type: 'string' },
    password: { type: 'string' },
  },
});
const command = positionals[0];
if (!command || !['create-organization', 'create-admin', 'reset-password'].includes(command))
  fail(command ? `Unknown command "${command}".` : 'No command given.');

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}
const logger = createLogger({ logLevel: 'warn' });
const database = await openDatabase(config, logger);
try {
  await applyMigrations(database.orm, logger);
  const services = createServices(database.orm.em.fork(), { sessionTtlMs: config.auth.sessionTtlMs });
  if (command === 'create-organization') {
    const name = values.name ?? fail('--name is required.');
    const organization = await services.organizations.createOrganization(
      name,
      oneOf(values.plan, Object.values(OrganizationPlan), OrganizationPlan.FREE, 'plan'),
    );
    process.stdout.write(`Created organization "${organization.name}" (${organization.plan}) with id ${organization.id}\n`);
  } else if (command === 'create-admin') {
    const organizationId = values.organization ?? fail('--organization is required (the id printed by create-organization).');
    const email = values.email ?? fail('--email is required.');
    const password = values.password ?? generatePassword();
    const admin = await services.organizations.createAdmin(
      organizationId,
      email,
      password,
      oneOf(values.role, Object.values(AdminRole), AdminRole.ADMIN, 'role'),
    );
    process.stdout.write(`Created ${admin.role} ${admin.email}${values.password ? '' : ` with password ${password} (shown once; it is not stored)`}\n`);
  } else {
    const email = values.email ?? fail('--email is required.');
    const password = values.password ?? generatePassword();
    if (!(await services.organizations.resetPassword(email, password))) fail(`No admin with the email ${email}.`);
    process.stdout.write(`Reset the password of ${email}${values.password ? '' : ` to ${password} (shown once)`}; their sessions are ended.\n`);
  }
} catch (error) {
  if (error instanceof DomainError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  } else {
    throw error;
  }
} finally {
  await database.close();
}
