/** A resource's version as a weak entity tag (RFC 7644 §3.14): `W/"3"`. */
export function etagOf(version: number): string {
  return `W/"${version}"`;
}

/** The tags of an If-Match / If-None-Match header (`*` matches anything). */
function tagsOf(header: string): string[] {
  return header.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
}

function matches(header: string, version: number): boolean {
  const current = `"${version}"`;
  return tagsOf(header).some((tag) => tag === '*' || tag === current);
}

/** If-None-Match on GET: true when the client's copy is current (→ 304). */
export function isNotModified(header: string | undefined, version: number): boolean {
  return header !== undefined && matches(header, version);
}

/**
 * If-Match as a precondition for the domain to check at the moment of the write (so two writers
 * holding the same ETag cannot both succeed); undefined when the client sent none.
 */
export function ifMatchOf(header: string | undefined): ((version: number) => boolean) | undefined {
  return header === undefined ? undefined : (version) => matches(header, version);
}
