import { FilterError, type Literal } from './ast.js';

export type Token =
  | { readonly type: 'lparen' | 'rparen' | 'lbracket' | 'rbracket'; readonly position: number }
  /** An attribute path or a keyword (and, or, not, pr, eq, …, true, false, null): decided by the parser. */
  | { readonly type: 'word'; readonly text: string; readonly position: number }
  | { readonly type: 'string'; readonly value: string; readonly position: number }
  | { readonly type: 'number'; readonly value: number; readonly position: number }
  | { readonly type: 'end'; readonly position: number };

/** Longest filter accepted: real filters are short; a cap bounds the work a request can cause. */
export const maxFilterLength = 2048;

// ATTRNAME chars plus ":" (URN prefixes) and "." (sub-attributes, versions like "2.0" in URNs).
const wordChar = /[A-Za-z0-9_:.$-]/;
const numberPattern = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/;

/**
 * Splits a filter into tokens. Strings are JSON strings (RFC 7644 §3.4.2.2: "compValue … JSON
 * string"), decoded with JSON.parse so every escape means what JSON says.
 * @throws FilterError on control characters, unterminated strings, stray characters or excess length
 */
export function tokenize(input: string): Token[] {
  if (input.length > maxFilterLength) throw new FilterError(`The filter is longer than ${maxFilterLength} characters.`, maxFilterLength);
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i] as string;
    const code = c.charCodeAt(0);
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (code < 0x20 || code === 0x7f) {
      throw new FilterError(`Control character U+${code.toString(16).padStart(4, '0').toUpperCase()} at position ${i}.`, i);
    } else if (c === '(' || c === ')' || c === '[' || c === ']') {
      tokens.push({ type: ({ '(': 'lparen', ')': 'rparen', '[': 'lbracket', ']': 'rbracket' } as const)[c], position: i });
      i++;
    } else if (c === '"') {
      const start = i;
      i++;
      while (i < input.length && input[i] !== '"') {
        const ch = input.charCodeAt(i);
        if (ch < 0x20) throw new FilterError(`Control character U+${ch.toString(16).padStart(4, '0').toUpperCase()} at position ${i}.`, i);
        i += input[i] === '\\' ? 2 : 1;
      }
      if (i >= input.length) throw new FilterError(`Unterminated string starting at position ${start}.`, start);
      i++;
      let value: unknown;
      try {
        value = JSON.parse(input.slice(start, i));
      } catch {
        throw new FilterError(`Invalid escape in the string starting at position ${start}.`, start);
      }
      tokens.push({ type: 'string', value: value as string, position: start });
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      const match = numberPattern.exec(input.slice(i));
      const next = match ? input[i + match[0].length] : undefined;
      if (match && (next === undefined || !wordChar.test(next))) {
        tokens.push({ type: 'number', value: Number(match[0]), position: i });
        i += match[0].length;
      } else {
        i = readWord(input, i, tokens);
      }
    } else if (wordChar.test(c)) {
      i = readWord(input, i, tokens);
    } else {
      throw new FilterError(`Unexpected character "${c}" at position ${i}.`, i);
    }
  }
  tokens.push({ type: 'end', position: input.length });
  return tokens;
}

function readWord(input: string, start: number, tokens: Token[]): number {
  let i = start;
  while (i < input.length && wordChar.test(input[i] as string)) i++;
  tokens.push({ type: 'word', text: input.slice(start, i), position: start });
  return i;
}

export function literalOf(token: Token): Literal | undefined {
  if (token.type === 'string' || token.type === 'number') return token.value;
  if (token.type === 'word') {
    const word = token.text.toLowerCase();
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
  }
  return undefined;
}
