import { generatePassword } from '../domain/admins/password.js';
import { OrganizationPlan } from '../domain/organizations/organization.entity.js';
import { AdminRole } from '../domain/shared/actor.js';
import type { Services } from '../domain/services.js';
import type { CommandSpec, OptionValues } from './arguments.js';
import { CommandError, UsageError } from './cli-errors.js';
import { formatTable } from './table.js';

/** What every command finds done before it runs. */
export interface CommandContext {
  /** Migrations applied to the database just now (every command applies the pending ones first). */
  readonly appliedMigrations: readonly string[];
}

export interface Command extends CommandSpec {
  /** Runs the command against the services and writes its result with `print`. */
  run(values: OptionValues, services: Services, print: (text: string) => void, context: CommandContext): Promise<void>;
}

const json = { type: 'boolean', description: 'print JSON (an array of objects) instead of a table' } as const;

/**
 * The operator commands. Each is a thin transport over one service method, like a resolver: the
 * rules (valid email, password length, the organization exists) live in the services.
 */
export const commands: readonly Command[] = [
  {
    name: 'migrate',
    summary: 'Applies pending migrations to the database and says which (npm run db:migrate).',
    options: {},
    run(_values, _services, print, { appliedMigrations }) {
      print(
        appliedMigrations.length === 0
          ? 'The database is up to date.\n'
          : `Applied ${appliedMigrations.length} migration(s): ${appliedMigrations.join(', ')}\n`,
      );
      return Promise.resolve();
    },
  },
  {
    name: 'create-organization',
    summary: 'Creates an organization and prints its id.',
    options: {
      name: { type: 'string', placeholder: '<name>', required: true, description: "the organization's name" },
      plan: { type: 'string', placeholder: 'FREE|PRO', description: 'its plan, FREE by default; SCIM needs PRO' },
    },
    async run(values, services, print) {
      const plan = oneOf(values.plan, Object.values(OrganizationPlan), OrganizationPlan.FREE, 'plan', 'create-organization');
      const organization = await services.organizations.createOrganization(text(values.name), plan);
      print(`Created organization "${organization.name}" (${organization.plan}) with id ${organization.id}\n`);
    },
  },
  {
    name: 'create-admin',
    summary: 'Creates an admin. Without --password, a random one is generated and printed once.',
    options: {
      organization: {
        type: 'string',
        placeholder: '<id>',
        required: true,
        description: "the organization's id (create-organization and list-organizations print it)",
      },
      email: { type: 'string', placeholder: '<email>', required: true, description: 'the email the admin signs in with' },
      role: { type: 'string', placeholder: 'OWNER|ADMIN|VIEWER', description: 'ADMIN by default; VIEWER only reads' },
      password: { type: 'string', placeholder: '<password>', description: 'at least 12 characters; random when left out' },
    },
    async run(values, services, print) {
      const role = oneOf(values.role, Object.values(AdminRole), AdminRole.ADMIN, 'role', 'create-admin');
      const password = values.password === undefined ? generatePassword() : text(values.password);
      const admin = await services.organizations.createAdmin(text(values.organization), text(values.email), password, role);
      print(`Created ${admin.role} ${admin.email}${values.password === undefined ? ` with password ${password} (shown once; it is not stored)` : ''}\n`);
    },
  },
  {
    name: 'reset-password',
    summary: "Sets a new password (random and printed once without --password) and ends the admin's sessions.",
    options: {
      email: { type: 'string', placeholder: '<email>', required: true, description: "the admin's email" },
      password: { type: 'string', placeholder: '<password>', description: 'at least 12 characters; random when left out' },
    },
    async run(values, services, print) {
      const email = text(values.email);
      const password = values.password === undefined ? generatePassword() : text(values.password);
      if (!(await services.organizations.resetPassword(email, password))) throw new CommandError(`No admin with the email ${email}.`);
      print(`Reset the password of ${email}${values.password === undefined ? ` to ${password} (shown once)` : ''}; their sessions are ended.\n`);
    },
  },
  {
    name: 'list-organizations',
    summary: 'Lists the organizations, oldest first, with their plan and number of admins.',
    options: { json },
    async run(values, services, print) {
      const organizations = await services.organizations.listOrganizations();
      print(
        listing(values, organizations, 'No organizations yet; create one with create-organization.', (rows) =>
          formatTable(
            ['ID', 'NAME', 'PLAN', 'CREATED', 'ADMINS'],
            rows.map((o) => [o.id, o.name, o.plan, timestampText(o.createdAt), String(o.adminCount)]),
          ),
        ),
      );
    },
  },
  {
    name: 'list-admins',
    summary: 'Lists the admins (never their passwords), of one organization or all, by organization and email.',
    options: { organization: { type: 'string', placeholder: '<id>', description: 'only the admins of this organization' }, json },
    async run(values, services, print) {
      const admins = await services.organizations.listAdmins(values.organization === undefined ? undefined : text(values.organization));
      print(
        listing(values, admins, 'No admins yet; create one with create-admin.', (rows) =>
          formatTable(
            ['EMAIL', 'ROLE', 'ORGANIZATION', 'ORGANIZATION ID', 'CREATED'],
            rows.map((a) => [a.email, a.role, a.organization.name, a.organization.id, timestampText(a.createdAt)]),
          ),
        ),
      );
    },
  },
];

function oneOf<T extends string>(value: string | boolean | undefined, allowed: readonly T[], fallback: T, option: string, command: string): T {
  if (value === undefined) return fallback;
  const upper = text(value).toUpperCase() as T;
  if (!allowed.includes(upper)) throw new UsageError(`--${option} must be one of ${allowed.join(', ')} (got "${text(value)}").`, command);
  return upper;
}

/** A string option's value (parseArguments has checked the type and that required ones are there). */
function text(value: string | boolean | undefined): string {
  return typeof value === 'string' ? value : '';
}

/** `2026-05-01 09:30 UTC`: minutes are enough to tell rows apart at a glance; --json has the instant. */
function timestampText(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A list command's output: JSON with --json (an empty array when empty), else the table or a sentence. */
function listing<T extends object>(values: OptionValues, rows: readonly T[], empty: string, table: (rows: readonly T[]) => string): string {
  if (values.json === true) return JSON.stringify(rows, null, 2) + '\n';
  return rows.length === 0 ? `${empty}\n` : table(rows);
}
