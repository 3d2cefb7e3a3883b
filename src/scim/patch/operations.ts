import { ScimError } from '../scim-error.js';
import { pick } from '../users/user.mapper.js';

/** Most operations one PATCH may carry; identity providers send a handful. */
export const maxOperations = 1000;

/** One PatchOp operation, checked for shape (RFC 7644 §3.5.2). */
export interface Operation {
  readonly index: number;
  /** The op as sent (for messages). */
  readonly opName: unknown;
  /** Lower-cased: `add`, `replace` or `remove` ("Replace" is Entra's spelling). */
  readonly op: 'add' | 'replace' | 'remove';
  /** The path, trimmed; undefined when absent or empty. */
  readonly path: string | undefined;
  readonly value: unknown;
}

/** Runs `work` for one operation, prefixing any SCIM error with the operation it came from. */
export function inOperation<T>(index: number, opName: unknown, path: unknown, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof ScimError)
      throw new ScimError(
        error.status,
        `Operations[${index}] (${String(opName)}${typeof path === 'string' ? ` ${path}` : ''}): ${error.detail}`,
        error.scimType,
      );
    throw error;
  }
}

/**
 * The operations of a PatchOp body: a non-empty `Operations` array (at most 1,000) of objects with
 * a known op, in any letter case, and a string path when there is one.
 * @throws ScimError 400 naming the first operation that is not well-formed
 */
export function readOperations(body: Record<string, unknown>): Operation[] {
  const operations = pick(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0)
    throw new ScimError(400, 'A PATCH body needs a non-empty "Operations" array (RFC 7644 §3.5.2).', 'invalidSyntax');
  if (operations.length > maxOperations) throw new ScimError(400, `At most ${maxOperations} operations per PATCH.`, 'invalidValue');
  return operations.map((operation: unknown, index) => {
    if (typeof operation !== 'object' || operation === null || Array.isArray(operation))
      throw new ScimError(400, `Operations[${index}] must be an object.`, 'invalidSyntax');
    const entry = operation as Record<string, unknown>;
    const opName = pick(entry, 'op');
    const path = pick(entry, 'path');
    return inOperation(index, opName, path, () => {
      const op = typeof opName === 'string' ? opName.toLowerCase() : undefined;
      if (op !== 'add' && op !== 'replace' && op !== 'remove')
        throw new ScimError(400, `Unknown op ${JSON.stringify(opName)}; use add, replace or remove.`, 'invalidValue');
      if (path !== undefined && path !== null && typeof path !== 'string') throw new ScimError(400, '"path" must be a string.', 'invalidPath');
      return { index, opName, op, path: typeof path === 'string' && path.trim() !== '' ? path.trim() : undefined, value: pick(entry, 'value') };
    });
  });
}
