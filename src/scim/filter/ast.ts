/**
 * The SCIM filter AST (RFC 7644 §3.4.2.2). Attribute names keep the client's spelling; matching
 * against the schema is case-insensitive and happens in translation.
 */
export type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'lt' | 'ge' | 'le';

export type Literal = string | number | boolean | null;

/** `[URI ":"] ATTRNAME ["." subAttr]`, e.g. `name.givenName`, `urn:…:enterprise:2.0:User:manager.value`. */
export interface AttrPath {
  /** The schema URN prefix, when the path was qualified with one. */
  readonly uri?: string;
  readonly attr: string;
  readonly sub?: string;
}

export type Filter =
  | { readonly kind: 'logical'; readonly op: 'and' | 'or'; readonly left: Filter; readonly right: Filter }
  | { readonly kind: 'not'; readonly filter: Filter }
  | { readonly kind: 'present'; readonly path: AttrPath }
  | { readonly kind: 'compare'; readonly op: CompareOp; readonly path: AttrPath; readonly value: Literal }
  /** `emails[type eq "work"]`: some entry of a multi-valued attribute matches the inner filter. */
  | { readonly kind: 'valuePath'; readonly path: AttrPath; readonly filter: Filter };

export class FilterError extends Error {
  override name = 'FilterError';
  constructor(
    message: string,
    /** Character offset in the filter where the problem was found. */
    readonly position: number,
  ) {
    super(message);
  }
}

/** Renders a path as written in SCIM (for error messages and tests). */
export function pathToString(path: AttrPath): string {
  return `${path.uri ? `${path.uri}:` : ''}${path.attr}${path.sub ? `.${path.sub}` : ''}`;
}
