import { ScimError } from './scim-error.js';

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

/**
 * If-Match on PUT, PATCH and DELETE: a stale version → 412, so a client never overwrites a
 * change it has not seen.
 */
export function checkIfMatch(header: string | undefined, version: number): void {
  if (header !== undefined && !matches(header, version)) {
    throw new ScimError(412, `The resource has changed: its version is ${etagOf(version)}, not ${header}. Read it again and retry.`);
  }
}

/** If-None-Match on GET: true when the client's copy is current (→ 304). */
export function isNotModified(header: string | undefined, version: number): boolean {
  return header !== undefined && matches(header, version);
}
