import { parseArgs } from 'node:util';
import { UsageError } from './cli-errors.js';

/** One option of a command: how it is parsed, shown in the usage line and explained in its help. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** Shown after the option in usage, e.g. `<email>` or `FREE|PRO`; string options only. */
  readonly placeholder?: string;
  readonly required?: boolean;
  readonly description: string;
}

export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
}

export type OptionValues = Readonly<Record<string, string | boolean | undefined>>;

export type ParsedArguments =
  { readonly kind: 'help'; readonly command?: string } | { readonly kind: 'run'; readonly command: string; readonly values: OptionValues };

const helpWords = new Set(['--help', '-h', 'help']);

/**
 * Reads `<command> [options]`. Help is asked for by `--help`/`-h`/`help` in place of the command,
 * `help <command>`, or `--help` among a command's options (whatever else is there).
 * @throws UsageError for no command, an unknown command, an unknown option, a missing or
 *   superfluous value, or a stray argument
 */
export function parseArguments(args: readonly string[], commands: readonly CommandSpec[]): ParsedArguments {
  const [first, ...rest] = args;
  if (first === undefined) throw new UsageError('No command given.');
  const find = (name: string) => commands.find((c) => c.name === name);
  if (helpWords.has(first)) {
    if (rest[0] === undefined) return { kind: 'help' };
    if (!find(rest[0])) throw new UsageError(`Unknown command "${rest[0]}".`);
    return { kind: 'help', command: rest[0] };
  }
  if (first.startsWith('-')) throw new UsageError(`Unknown option "${first}" before the command: put the command first.`);
  const command = find(first);
  if (!command) throw new UsageError(`Unknown command "${first}".`);

  // Not strict: parseArgs' own errors are long and name no command; the tokens are checked here.
  const { tokens } = parseArgs({
    args: rest,
    options: { ...parseOptionsOf(command), help: { type: 'boolean', short: 'h' } },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  if (tokens.some((t) => t.kind === 'option' && t.name === 'help')) return { kind: 'help', command: command.name };
  const values: Record<string, string | boolean> = {};
  for (const token of tokens) {
    if (token.kind === 'positional') throw new UsageError(`Unexpected argument "${token.value}" for ${command.name}.`, command.name);
    if (token.kind !== 'option') continue;
    const spec = command.options[token.name];
    if (!spec) throw new UsageError(`Unknown option "${token.rawName}" for ${command.name}.`, command.name);
    if (spec.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value.`, command.name);
      values[token.name] = true;
    } else {
      // `--name --plan PRO` would otherwise name the organization "--plan" (strict parseArgs refuses it too).
      if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-'))) {
        throw new UsageError(
          `${token.rawName} needs a value${spec.placeholder ? ` (${spec.placeholder})` : ''}; write --${token.name}=<value> if it starts with "-".`,
          command.name,
        );
      }
      values[token.name] = token.value;
    }
  }
  for (const [name, spec] of Object.entries(command.options)) {
    if (spec.required && values[name] === undefined) throw new UsageError(`--${name} is required: ${spec.description}.`, command.name);
  }
  return { kind: 'run', command: command.name, values };
}

function parseOptionsOf(command: CommandSpec): Record<string, { type: 'string' | 'boolean' }> {
  return Object.fromEntries(Object.entries(command.options).map(([name, spec]) => [name, { type: spec.type }]));
}

/** `create-admin --organization <id> --email <email> [--role OWNER|ADMIN|VIEWER]`: the command's usage line. */
export function synopsisOf(command: CommandSpec): string {
  const parts = Object.entries(command.options).map(([name, spec]) => {
    const option = spec.type === 'string' ? `--${name} ${spec.placeholder ?? '<value>'}` : `--${name}`;
    return spec.required ? option : `[${option}]`;
  });
  return [command.name, ...parts].join(' ');
}

const invocation = 'roster';

/** The list of commands, one usage line each, for `roster --help` and after a mistake. */
export function generalUsage(commands: readonly CommandSpec[]): string {
  return [
    `Usage: ${invocation} <command> [options]   (from a checkout: npm run cli -- <command> [options])`,
    '',
    'Commands:',
    ...commands.flatMap((c) => [`  ${synopsisOf(c)}`, `      ${c.summary}`]),
    `  help [<command>]`,
    `      Shows this list, or one command's options (so does <command> --help).`,
    '',
    'The database is DATABASE_URL, or else the embedded PostgreSQL under DATA_DIR: that of the',
    'Roster server running on it, or one started for the command. Pending migrations are applied first.',
    '',
  ].join('\n');
}

/** One command's usage line, what it does and each option, for `roster <command> --help`. */
export function commandUsage(command: CommandSpec): string {
  const options = Object.entries(command.options).map(([name, spec]) => [
    spec.type === 'string' ? `--${name} ${spec.placeholder ?? '<value>'}` : `--${name}`,
    spec.required ? spec.description : `${spec.description} (optional)`,
  ]);
  const width = Math.max(...options.map(([left]) => left?.length ?? 0), '--help'.length);
  return [
    `Usage: ${invocation} ${synopsisOf(command)}`,
    '',
    command.summary,
    '',
    'Options:',
    ...[...options, ['--help', 'show this help']].map(([left = '', right = '']) => `  ${left.padEnd(width)}  ${right}`),
    '',
  ].join('\n');
}
