import { FilterError, type AttrPath, type Filter } from '../filter/ast.js';
import { tokenize } from '../filter/lexer.js';
import { parseAttrPath, parseFilter } from '../filter/parser.js';
import { ScimError } from '../scim-error.js';

/**
 * A PATCH path (RFC 7644 §3.5.2): `attrPath` or `valuePath [subAttr]`, e.g. `name.givenName`,
 * `emails[type eq "work"].value`, `members[value eq "2819c223"]`,
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager`.
 */
export interface PatchPath {
  readonly attribute: AttrPath;
  /** The value filter, for `attr[filter]`. */
  readonly filter?: Filter;
  /** The sub-attribute after `attr[filter]`. */
  readonly subAfterFilter?: string;
}

const forbidden = /(^|[.:[\]\s])(__proto__|constructor|prototype)([.:[\]\s]|$)/i;

/**
 * Parses a PATCH path with the filter lexer and parser (never by splitting strings).
 * @throws ScimError 400 invalidPath naming the problem
 */
export function parsePatchPath(text: string): PatchPath {
  if (forbidden.test(text)) throw new ScimError(400, `The path "${text}" names a forbidden attribute.`, 'invalidPath');
  try {
    const tokens = tokenize(text);
    const [head, next] = tokens;
    if (head?.type !== 'word') throw new FilterError(`The path must start with an attribute name.`, 0);
    const attribute = parseAttrPath(head.text, head.position);
    if (next?.type === 'end') return { attribute };
    if (next?.type !== 'lbracket') throw new FilterError(`Unexpected text after "${head.text}".`, next?.position ?? 0);
    // The filter runs to the matching "]"; brackets cannot nest inside a value filter.
    const close = tokens.findIndex((token, i) => i > 1 && token.type === 'rbracket');
    const closing = tokens[close];
    if (close < 0 || !closing) throw new FilterError('Missing "]".', text.length);
    const filter = parseFilter(text.slice(next.position + 1, closing.position));
    const after = tokens[close + 1];
    if (!after || after.type === 'end') return { attribute, filter };
    if (after.type === 'word' && after.text.startsWith('.') && tokens[close + 2]?.type === 'end') {
      const sub = parseAttrPath(after.text.slice(1), after.position + 1);
      if (sub.uri || sub.sub) throw new FilterError(`"${after.text}" is not a sub-attribute.`, after.position);
      return { attribute, filter, subAfterFilter: sub.attr };
    }
    throw new FilterError(`Unexpected text after "]".`, after.position);
  } catch (error) {
    if (error instanceof FilterError) throw new ScimError(400, `Invalid path "${text}": ${error.message}`, 'invalidPath');
    throw error;
  }
}
