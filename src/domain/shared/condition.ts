import { DomainError } from './domain-error.js';

/**
 * A transport-free query condition over a resource's fields, named in the domain's terms
 * (`givenName`, `emails`, `department`). The SCIM facade translates filters into it; the domain
 * compiles it to SQL with parameters, so no filter is ever evaluated by loading rows.
 */
export type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'lt' | 'ge' | 'le';
export type ConditionValue = string | number | boolean | null;

export type Condition =
  | { readonly kind: 'and' | 'or'; readonly left: Condition; readonly right: Condition }
  | { readonly kind: 'not'; readonly condition: Condition }
  | { readonly kind: 'present'; readonly field: string }
  | { readonly kind: 'compare'; readonly op: CompareOp; readonly field: string; readonly value: ConditionValue }
  /** Some element of a multi-valued field matches `condition` (whose fields are the element's). */
  | { readonly kind: 'any'; readonly field: string; readonly condition: Condition };

export type FieldType = 'text' | 'boolean' | 'datetime' | 'uuid' | 'number';

/** How one field is stored: an SQL expression over the row alias, its type and case sensitivity. */
export interface ScalarField {
  readonly kind: 'scalar';
  readonly sql: (alias: string) => string;
  readonly type: FieldType;
  /** Text compared exactly (externalId, id) rather than case-insensitively (userName, names). */
  readonly caseExact?: boolean;
  /** The column already holds lower-cased text (user_name_key): compare it with lower(value), indexed. */
  readonly lowered?: boolean;
}

/** A JSONB array of objects (emails, phone numbers, addresses) or a membership table (members). */
export interface MultiField {
  readonly kind: 'multi';
  /** SQL producing the elements as rows aliased `alias` (e.g. `jsonb_array_elements(m.emails) as e`). */
  readonly from: (rowAlias: string, alias: string) => string;
  /** The element's sub-fields. */
  readonly fields: Readonly<Record<string, ScalarField>>;
  /** Sub-field a bare comparison means (`emails co "x"` compares `value`). */
  readonly defaultField: string;
}

export type FieldCatalogue = Readonly<Record<string, ScalarField | MultiField>>;

export interface CompiledCondition {
  readonly sql: string;
  readonly params: unknown[];
}

/** JSONB element text: `e->>'value'`. */
export const jsonText = (key: string) => (alias: string) => `(${alias}->>'${key}')`;
/** JSONB element boolean: `(e->>'primary')::boolean`. */
export const jsonBoolean = (key: string) => (alias: string) => `((${alias}->>'${key}')::boolean)`;

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const isoDate = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class Compiler {
  readonly params: unknown[] = [];
  private aliases = 0;

  constructor(
    private readonly catalogue: FieldCatalogue,
    private readonly firstParam: number,
  ) {}

  compile(condition: Condition, alias: string, fields: Readonly<Record<string, ScalarField | MultiField>> = this.catalogue): string {
    switch (condition.kind) {
      case 'and':
      case 'or':
        return `(${this.compile(condition.left, alias, fields)} ${condition.kind} ${this.compile(condition.right, alias, fields)})`;
      case 'not':
        // Comparisons with a missing value are NULL, which WHERE treats as false; only under `not`
        // must it become false explicitly (so `not (title eq "x")` includes members without one).
        // Leaves stay bare, so an index on the column serves them.
        return `(not coalesce(${this.compile(condition.condition, alias, fields)}, false))`;
      case 'present':
      case 'compare': {
        const field = this.field(fields, condition.field);
        if (field.kind === 'multi') {
          // `emails pr` / `emails co "x"`: some element has it (default sub-field for comparisons).
          const element = `e${this.aliases++}`;
          const inner =
            condition.kind === 'present'
              ? this.present(this.sub(field, field.defaultField), element)
              : this.compare(this.sub(field, field.defaultField), element, condition.op, condition.value, condition.field);
          return `exists (select 1 from ${field.from(alias, element)} where ${inner})`;
        }
        return condition.kind === 'present' ? this.present(field, alias) : this.compare(field, alias, condition.op, condition.value, condition.field);
      }
      case 'any': {
        const field = this.field(fields, condition.field);
        if (field.kind !== 'multi')
          throw new DomainError('VALIDATION_FAILED', `"${condition.field}" is not multi-valued, so it cannot take a [filter].`, 'filter');
        const element = `e${this.aliases++}`;
        return `exists (select 1 from ${field.from(alias, element)} where ${this.compile(condition.condition, element, field.fields)})`;
      }
    }
  }

  private field(fields: Readonly<Record<string, ScalarField | MultiField>>, name: string): ScalarField | MultiField {
    const field = fields[name];
    if (!field) throw new DomainError('VALIDATION_FAILED', `"${name}" cannot be filtered on.`, 'filter');
    return field;
  }

  private sub(field: MultiField, name: string): ScalarField {
    const sub = field.fields[name];
    if (!sub) throw new DomainError('VALIDATION_FAILED', `"${name}" cannot be filtered on.`, 'filter');
    return sub;
  }

  private param(value: unknown): string {
    this.params.push(value);
    return `$${this.firstParam + this.params.length - 1}`;
  }

  private present(field: ScalarField, alias: string): string {
    const expression = field.sql(alias);
    return field.type === 'text' ? `(${expression} <> '')` : `(${expression} is not null)`;
  }

  /** One comparison, NULL-safe: a missing value never matches, and `not` of it does. */
  private compare(field: ScalarField, alias: string, op: CompareOp, value: ConditionValue, name: string): string {
    const column = field.sql(alias);
    if (value === null) {
      if (op === 'eq') return `(${column} is null)`;
      if (op === 'ne') return `(${column} is not null)`;
      throw new DomainError('VALIDATION_FAILED', `"${name} ${op} null" compares with nothing; use "pr" or "eq null".`, 'filter');
    }
    if (op === 'co' || op === 'sw' || op === 'ew') {
      if (field.type !== 'text') throw new DomainError('VALIDATION_FAILED', `"${name} ${op}" needs a text attribute.`, 'filter');
      const text = field.lowered ? String(value).toLowerCase() : String(value);
      const pattern = op === 'co' ? `%${escapeLike(text)}%` : op === 'sw' ? `${escapeLike(text)}%` : `%${escapeLike(text)}`;
      return `(${column} ${field.caseExact || field.lowered ? 'like' : 'ilike'} ${this.param(pattern)})`;
    }
    if (field.type === 'boolean' && op !== 'eq' && op !== 'ne') {
      throw new DomainError('VALIDATION_FAILED', `"${name} ${op}": booleans can only be compared with eq or ne.`, 'filter');
    }
    const rhs = this.operand(field, value, name);
    if (rhs === undefined) return op === 'ne' ? 'true' : 'false';
    const lhs = field.type === 'text' && !field.caseExact && !field.lowered ? `lower(${column})` : column;
    if (op === 'ne') return `(${lhs} is distinct from ${rhs})`;
    const sqlOp = { eq: '=', gt: '>', lt: '<', ge: '>=', le: '<=' }[op];
    return `(${lhs} ${sqlOp} ${rhs})`;
  }

  /** The value as an SQL operand of the field's type; undefined when it can never match. */
  private operand(field: ScalarField, value: string | number | boolean, name: string): string | undefined {
    switch (field.type) {
      case 'boolean': {
        // Entra writes booleans as "True"/"False" strings elsewhere; accept them here too.
        const bool =
          typeof value === 'boolean' ? value : typeof value === 'string' && /^(true|false)$/i.test(value) ? value.toLowerCase() === 'true' : undefined;
        if (bool === undefined) throw new DomainError('VALIDATION_FAILED', `"${name}" is a boolean: compare it with true or false.`, 'filter');
        return this.param(bool);
      }
      case 'datetime':
        if (typeof value !== 'string' || !isoDate.test(value) || Number.isNaN(Date.parse(value))) {
          throw new DomainError('VALIDATION_FAILED', `"${name}" is a date-time: compare it with an ISO 8601 string such as "2024-05-13T04:42:34Z".`, 'filter');
        }
        return `${this.param(new Date(value).toISOString())}::timestamptz`;
      case 'uuid':
        if (typeof value !== 'string') throw new DomainError('VALIDATION_FAILED', `"${name}" is an id: compare it with a string.`, 'filter');
        // An id that is not a UUID names nothing (rather than failing the cast).
        return uuid.test(value) ? `${this.param(value)}::uuid` : undefined;
      case 'number':
        if (typeof value !== 'number') throw new DomainError('VALIDATION_FAILED', `"${name}" is a number.`, 'filter');
        return this.param(value);
      case 'text': {
        const text = typeof value === 'string' ? value : String(value);
        return field.caseExact ? this.param(text) : `lower(${this.param(text)})`;
      }
    }
  }
}

/**
 * Compiles a condition to an SQL boolean expression over the row alias, with parameters numbered
 * `$firstParam`, `$firstParam + 1`, …. Values are always parameters (so the text depends only on
 * the condition's shape, and a prepared statement serves every value); LIKE wildcards in them are
 * escaped, so they match literally.
 * @throws DomainError VALIDATION_FAILED (field `filter`) for unknown fields and mistyped values
 */
export function compileCondition(condition: Condition, catalogue: FieldCatalogue, alias: string, firstParam = 1): CompiledCondition {
  const compiler = new Compiler(catalogue, firstParam);
  const sql = compiler.compile(condition, alias);
  return { sql, params: compiler.params };
}
