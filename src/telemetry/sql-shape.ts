/**
 * A statement's shape without its values, for span attributes. Our own statements (src/db/sql.ts)
 * send values apart, as $n parameters; MikroORM's unit of work inlines them into the text before
 * it reaches node-postgres (`… where "id" = '2726…'`, an insert's emails and names), so the text
 * the pg instrumentation records would carry them. Every literal becomes `?`:
 *
 * - `'…'` strings, with `''` inside, and `E'…'` strings with backslash escapes (PostgreSQL
 *   "String Constants" and "String Constants With C-Style Escapes");
 * - `$tag$…$tag$` dollar-quoted strings;
 * - numbers that stand alone (`42`, `3.5`, `1e3`), not digits inside names (`o0`) or `$1`.
 *
 * `"…"` identifiers and comments are kept as they are. Text it cannot follow (an unterminated
 * quote) is cut at that point, so a value never leaks through a parsing gap.
 */
export function sqlShape(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"') {
      const end = closing(text, i, '"', false);
      if (end === -1) return out + '?';
      out += text.slice(i, end + 1);
      i = end + 1;
    } else if (c === "'") {
      const escapes = /[eE]$/.test(out) && !isWordChar(out.at(-2));
      const end = closing(text, i, "'", escapes);
      if (end === -1) return (escapes ? out.slice(0, -1) : out) + '?';
      out = (escapes ? out.slice(0, -1) : out) + '?';
      i = end + 1;
    } else if (c === '$' && !isWordChar(out.at(-1))) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i));
      if (tag) {
        const end = text.indexOf(tag[0], i + tag[0].length);
        if (end === -1) return out + '?';
        out += '?';
        i = end + tag[0].length;
      } else {
        // A parameter ($1) is kept whole.
        const parameter = /^\$\d+/.exec(text.slice(i))?.[0] ?? '$';
        out += parameter;
        i += parameter.length;
      }
    } else if (isDigit(c) || (c === '.' && isDigit(text[i + 1]))) {
      const number = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i))?.[0] ?? c;
      out += isWordChar(out.at(-1)) ? number : '?';
      i += number.length;
    } else if (c === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      out += text.slice(i, stop);
      i = stop;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** The index of the quote that closes the one at `start` (a doubled quote is one character), or -1. */
function closing(text: string, start: number, quote: string, backslashEscapes: boolean): number {
  for (let i = start + 1; i < text.length; i++) {
    if (backslashEscapes && text[i] === '\\') i++;
    else if (text[i] === quote) {
      if (text[i + 1] !== quote) return i;
      i++;
    }
  }
  return -1;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isWordChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_$]/.test(c);
