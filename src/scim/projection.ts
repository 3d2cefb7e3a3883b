import { parseAttrPath } from './filter/parser.js';
import { ScimError } from './scim-error.js';
import { FilterError } from './filter/ast.js';

/** Returned whatever `attributes` says (RFC 7643 §7 "returned: always"). */
const alwaysReturned = new Set(['id', 'schemas', 'meta']);

function keyOf(resource: Record<string, unknown>, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(resource).find((key) => key.toLowerCase() === lower);
}

interface Selection {
  readonly top: string;
  readonly sub?: string;
}

function selections(paths: readonly string[], schemaIds: readonly string[]): Selection[] {
  return paths.map((path) => {
    try {
      const parsed = parseAttrPath(path);
      // A URN-qualified core attribute is the plain attribute; an extension's is under its URN key.
      if (parsed.uri && !schemaIds.slice(0, 1).some((id) => id.toLowerCase() === parsed.uri?.toLowerCase())) {
        return { top: parsed.uri, sub: parsed.attr };
      }
      return { top: parsed.attr, ...(parsed.sub ? { sub: parsed.sub } : {}) };
    } catch (error) {
      if (error instanceof FilterError) throw new ScimError(400, `"${path}" is not an attribute path.`, 'invalidValue');
      throw error;
    }
  });
}

/**
 * Applies `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5) to a rendered resource:
 * `attributes` keeps only those (plus id, schemas, meta); `excludedAttributes` drops them.
 * `schemaIds` lists the core schema first, so `urn:…:core:2.0:User:userName` means `userName`.
 */
export function project(
  resource: Record<string, unknown>,
  attributes: readonly string[],
  excluded: readonly string[],
  schemaIds: readonly string[],
): Record<string, unknown> {
  if (attributes.length > 0) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(resource)) if (alwaysReturned.has(key)) out[key] = resource[key];
    for (const { top, sub } of selections(attributes, schemaIds)) {
      const key = keyOf(resource, top);
      if (!key) continue;
      const value = resource[key];
      if (sub && value && typeof value === 'object' && !Array.isArray(value)) {
        const subKey = keyOf(value as Record<string, unknown>, sub);
        if (subKey) out[key] = { ...(out[key] ?? {}), [subKey]: (value as Record<string, unknown>)[subKey] };
      } else if (sub && Array.isArray(value)) {
        out[key] = value.map((entry: unknown) => {
          const subKey = entry && typeof entry === 'object' ? keyOf(entry as Record<string, unknown>, sub) : undefined;
          return subKey ? { [subKey]: (entry as Record<string, unknown>)[subKey] } : {};
        });
      } else {
        out[key] = value;
      }
    }
    return out;
  }
  if (excluded.length === 0) return resource;
  const out = { ...resource };
  for (const { top, sub } of selections(excluded, schemaIds)) {
    const key = keyOf(out, top);
    if (!key || alwaysReturned.has(key)) continue;
    if (sub && out[key] && typeof out[key] === 'object' && !Array.isArray(out[key])) {
      const inner = { ...(out[key] as Record<string, unknown>) };
      const subKey = keyOf(inner, sub);
      if (subKey) Reflect.deleteProperty(inner, subKey);
      out[key] = inner;
    } else if (!sub) {
      Reflect.deleteProperty(out, key);
    }
  }
  return out;
}

/** Whether a projection leaves out an attribute entirely (so it need not be loaded, e.g. members). */
export function isExcluded(name: string, attributes: readonly string[], excluded: readonly string[]): boolean {
  const lower = name.toLowerCase();
  const mentions = (paths: readonly string[]) =>
    paths.some((path) => path.toLowerCase() === lower || path.toLowerCase().startsWith(`${lower}.`) || path.toLowerCase().endsWith(`:${lower}`));
  return attributes.length > 0 ? !mentions(attributes) : excluded.some((path) => path.toLowerCase() === lower || path.toLowerCase().endsWith(`:${lower}`));
}
