import { FilterError, type AttrPath, type CompareOp, type Filter, type Literal } from './ast.js';
import { literalOf, tokenize, type Token } from './lexer.js';

const compareOps = new Set<string>(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'lt', 'ge', 'le']);
/** Deepest nesting of parentheses, `not` and brackets accepted (bounds recursion). */
export const maxFilterDepth = 32;

// ATTRNAME = ALPHA *(nameChar); nameChar = "-" / "_" / DIGIT / ALPHA (RFC 7643 §2.1); "$ref" as in members.$ref.
const attrName = /^(?:[A-Za-z][A-Za-z0-9_-]*|\$ref)$/;

/**
 * Parses an attribute path: `[URI ":"] ATTRNAME *1subAttr` (RFC 7644 §3.4.2.2). A URN prefix
 * ends at the last ":"; dots before it belong to the URN (`…:enterprise:2.0:User:manager.value`).
 * @throws FilterError for anything that is not a path
 */
export function parseAttrPath(text: string, position = 0): AttrPath {
  let uri: string | undefined;
  let rest = text;
  if (/^urn:/i.test(text)) {
    const cut = text.lastIndexOf(':');
    uri = text.slice(0, cut);
    rest = text.slice(cut + 1);
  }
  const parts = rest.split('.');
  const [attr, sub, extra] = parts;
  if (!attr || !attrName.test(attr) || extra !== undefined || (sub !== undefined && !attrName.test(sub))) {
    throw new FilterError(`"${text}" at position ${position} is not an attribute path.`, position);
  }
  return { ...(uri ? { uri } : {}), attr, ...(sub ? { sub } : {}) };
}

/**
 * A recursive-descent parser for RFC 7644 §3.4.2.2 filters, with `not` binding tighter than
 * `and`, and `and` tighter than `or`. Also accepts Entra's `emails[type eq "work"].value eq "x"`
 * (a value path followed by a sub-attribute comparison), read as
 * `emails[type eq "work" and value eq "x"]`.
 */
class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): Filter {
    const filter = this.orExpression(false);
    const next = this.peek();
    if (next.type !== 'end') throw new FilterError(`Unexpected ${describe(next)} at position ${next.position}.`, next.position);
    return filter;
  }

  // FILTER = logExp with "or" binding loosest
  private orExpression(inValuePath: boolean): Filter {
    let left = this.andExpression(inValuePath);
    while (this.isKeyword(this.peek(), 'or')) {
      this.index++;
      left = { kind: 'logical', op: 'or', left, right: this.andExpression(inValuePath) };
    }
    return left;
  }

  // logExp = FILTER SP "and" SP FILTER
  private andExpression(inValuePath: boolean): Filter {
    let left = this.unary(inValuePath);
    while (this.isKeyword(this.peek(), 'and')) {
      this.index++;
      left = { kind: 'logical', op: 'and', left, right: this.unary(inValuePath) };
    }
    return left;
  }

  // *1"not" "(" FILTER ")" / "(" FILTER ")" / attrExp / valuePath
  private unary(inValuePath: boolean): Filter {
    const token = this.peek();
    if (this.isKeyword(token, 'not')) {
      this.index++;
      this.expect('lparen', '"(" after "not"');
      const filter = this.nested(() => this.orExpression(inValuePath));
      this.expect('rparen', '")"');
      return { kind: 'not', filter };
    }
    if (token.type === 'lparen') {
      this.index++;
      const filter = this.nested(() => this.orExpression(inValuePath));
      this.expect('rparen', '")"');
      return filter;
    }
    return this.attributeExpression(inValuePath);
  }

  // attrExp = (attrPath SP "pr") / (attrPath SP compareOp SP compValue); valuePath = attrPath "[" valFilter "]"
  private attributeExpression(inValuePath: boolean): Filter {
    const token = this.next();
    if (token.type !== 'word') throw new FilterError(`Expected an attribute name at position ${token.position}, found ${describe(token)}.`, token.position);
    const path = parseAttrPath(token.text, token.position);
    if (this.peek().type === 'lbracket') {
      if (inValuePath) throw new FilterError(`A value filter cannot contain another one (position ${this.peek().position}).`, this.peek().position);
      if (path.sub)
        throw new FilterError(`"${token.text}[" at position ${token.position}: a value filter applies to an attribute, not a sub-attribute.`, token.position);
      this.index++;
      const inner = this.nested(() => this.orExpression(true));
      this.expect('rbracket', '"]"');
      const after = this.peek();
      if (after.type === 'word' && after.text.startsWith('.')) {
        // Entra: emails[type eq "work"].value eq "x"
        this.index++;
        const sub = parseAttrPath(after.text.slice(1), after.position + 1);
        if (sub.uri || sub.sub) throw new FilterError(`"${after.text}" at position ${after.position} is not a sub-attribute.`, after.position);
        const condition = this.condition({ attr: sub.attr });
        return { kind: 'valuePath', path, filter: { kind: 'logical', op: 'and', left: inner, right: condition } };
      }
      return { kind: 'valuePath', path, filter: inner };
    }
    return this.condition(path);
  }

  /** `pr` or `compareOp compValue` after a path. */
  private condition(path: AttrPath): Filter {
    const op = this.next();
    if (op.type === 'word' && op.text.toLowerCase() === 'pr') return { kind: 'present', path };
    if (op.type !== 'word' || !compareOps.has(op.text.toLowerCase())) {
      throw new FilterError(`Expected an operator (eq, ne, co, sw, ew, gt, lt, ge, le, pr) at position ${op.position}, found ${describe(op)}.`, op.position);
    }
    const valueToken = this.next();
    const value: Literal | undefined = literalOf(valueToken);
    if (value === undefined)
      throw new FilterError(
        `Expected a value (a "string", a number, true, false or null) at position ${valueToken.position}, found ${describe(valueToken)}.`,
        valueToken.position,
      );
    return { kind: 'compare', op: op.text.toLowerCase() as CompareOp, path, value };
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > maxFilterDepth) throw new FilterError(`The filter nests deeper than ${maxFilterDepth} levels.`, this.peek().position);
    const result = parse();
    this.depth--;
    return result;
  }

  private isKeyword(token: Token, keyword: string): boolean {
    return token.type === 'word' && token.text.toLowerCase() === keyword;
  }

  private expect(type: Token['type'], what: string): void {
    const token = this.next();
    if (token.type !== type) throw new FilterError(`Expected ${what} at position ${token.position}, found ${describe(token)}.`, token.position);
  }

  private peek(): Token {
    return this.tokens[this.index] ?? { type: 'end', position: 0 };
  }

  private next(): Token {
    const token = this.peek();
    if (token.type !== 'end') this.index++;
    return token;
  }
}

function describe(token: Token): string {
  switch (token.type) {
    case 'end':
      return 'the end of the filter';
    case 'word':
      return `"${token.text}"`;
    case 'string':
      return `the string ${JSON.stringify(token.value)}`;
    case 'number':
      return `the number ${token.value}`;
    default:
      return `"${{ lparen: '(', rparen: ')', lbracket: '[', rbracket: ']' }[token.type]}"`;
  }
}

/**
 * Parses a SCIM filter into an AST.
 * @throws FilterError (→ 400 invalidFilter) with the position of the problem
 */
export function parseFilter(input: string): Filter {
  if (input.trim() === '') throw new FilterError('The filter is empty.', 0);
  return new Parser(tokenize(input)).parse();
}
