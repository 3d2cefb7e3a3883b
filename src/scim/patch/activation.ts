import { booleanValue } from '../users/user.mapper.js';
import { readOperations } from './operations.js';
import { userSchemaId } from '../schemas.js';

/** `active`, alone or URN-qualified with the core User schema, in any letter case (RFC 7643 §2.1). */
function isActive(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === 'active' || lower === `${userSchemaId.toLowerCase()}:active`;
}

/**
 * The `active` value a User PATCH sets, when that is all it does: Okta's deactivate and
 * reactivate (one pathless `replace` of `{active}`) and Entra's (`Replace` path `active`, the
 * value as the string "False" without the compliance flag). Such a PATCH does not depend on the
 * User's current attributes, so it needs no read before its write. Anything else — another
 * attribute, a filter, a remove, a value that is not a boolean — is undefined here and goes
 * through the full PATCH engine (which also produces its errors).
 */
export function activationOf(body: Record<string, unknown>): boolean | undefined {
  let operations;
  try {
    operations = readOperations(body);
  } catch {
    return undefined;
  }
  let active: boolean | undefined;
  for (const { op, path, value } of operations) {
    if (op === 'remove') return undefined;
    let raw: unknown;
    if (path !== undefined) {
      if (!isActive(path)) return undefined;
      raw = value;
    } else {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
      const keys = Object.keys(value);
      if (keys.length !== 1 || !isActive(keys[0] ?? '')) return undefined;
      raw = (value as Record<string, unknown>)[keys[0] ?? ''];
    }
    try {
      active = booleanValue(raw, 'active');
    } catch {
      return undefined;
    }
    if (active === undefined) return undefined;
  }
  return active;
}
