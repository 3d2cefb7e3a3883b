import type { Filter } from '../filter/ast.js';
import type { ResourceSchemas } from '../filter/to-condition.js';
import { ScimError } from '../scim-error.js';
import { findAttribute, type AttributeDefinition } from '../schemas.js';
import { inOperation, readOperations } from './operations.js';
import { parsePatchPath, type PatchPath } from './path.js';

type Json = Record<string, unknown>;
type Op = 'add' | 'replace' | 'remove';

/** Core attributes without a schema entry of their own that are still kept (roles, …). */
const keptCoreAttributes = ['roles', 'entitlements', 'ims', 'photos', 'x509Certificates'];
const readOnly = new Set(['id', 'meta', 'groups', 'schemas']);

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function keyIn(object: Json, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(object).find((key) => key.toLowerCase() === lower);
}

function get(object: Json, name: string): unknown {
  const key = keyIn(object, name);
  return key === undefined ? undefined : object[key];
}

/** Sets `object[name]`, reusing the spelling already there (names are case-insensitive). */
function set(object: Json, name: string, value: unknown): void {
  Object.defineProperty(object, keyIn(object, name) ?? name, { value, enumerable: true, writable: true, configurable: true });
}

function remove(object: Json, name: string): void {
  const key = keyIn(object, name);
  if (key !== undefined) Reflect.deleteProperty(object, key);
}

/** A value as comparable text: scalars as themselves, anything else as JSON. */
function scalarText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

/** Evaluates a value filter against one element of a multi-valued attribute. */
function matches(filter: Filter, element: Json): boolean {
  switch (filter.kind) {
    case 'logical':
      return filter.op === 'and'
        ? matches(filter.left, element) && matches(filter.right, element)
        : matches(filter.left, element) || matches(filter.right, element);
    case 'not':
      return !matches(filter.filter, element);
    case 'present': {
      const value = get(element, filter.path.attr);
      return value !== undefined && value !== null && value !== '';
    }
    case 'compare': {
      let value = get(element, filter.path.attr);
      if (filter.path.sub && isObject(value)) value = get(value, filter.path.sub);
      if (filter.value === null) return filter.op === 'eq' ? value == null : filter.op === 'ne' ? value != null : false;
      if (value === undefined || value === null) return filter.op === 'ne';
      const [a, b] = typeof value === 'string' && typeof filter.value === 'string' ? [value.toLowerCase(), filter.value.toLowerCase()] : [value, filter.value];
      const [sa, sb] = [scalarText(a), scalarText(b)];
      switch (filter.op) {
        case 'eq':
          return sa === sb;
        case 'ne':
          return sa !== sb;
        case 'co':
          return sa.includes(sb);
        case 'sw':
          return sa.startsWith(sb);
        case 'ew':
          return sa.endsWith(sb);
        case 'gt':
          return a > b;
        case 'ge':
          return a >= b;
        case 'lt':
          return a < b;
        case 'le':
          return a <= b;
      }
      return false;
    }
    case 'valuePath':
      return false;
  }
}

/** `type eq "work" and primary eq true` → `{type: "work", primary: true}`: the element an add creates. */
function equalities(filter: Filter): Json {
  if (filter.kind === 'compare' && filter.op === 'eq' && !filter.path.sub) return { [filter.path.attr]: filter.value };
  if (filter.kind === 'logical' && filter.op === 'and') return { ...equalities(filter.left), ...equalities(filter.right) };
  return {};
}

interface Target {
  /** The object holding the attribute: the resource, or an extension's object under its URN. */
  readonly container: Json;
  readonly name: string;
  readonly definition: AttributeDefinition | undefined;
}

/** Finds (creating extension objects when writing) where a path's attribute lives. */
function locate(document: Json, path: PatchPath, resource: ResourceSchemas, create: boolean): Target | undefined {
  const { uri, attr } = path.attribute;
  const isCore = !uri || uri.toLowerCase() === resource.core.id.toLowerCase();
  if (isCore) {
    if (readOnly.has(attr.toLowerCase())) throw new ScimError(400, `"${attr}" is read-only.`, 'mutability');
    const definition = findAttribute(resource.core.attributes, attr);
    if (definition) return { container: document, name: definition.name, definition };
    // Unqualified names of extension attributes are accepted too (clients send them).
    const extension = !uri ? resource.extensions.find((schema) => findAttribute(schema.attributes, attr)) : undefined;
    if (extension) return locate(document, { ...path, attribute: { ...path.attribute, uri: extension.id } }, resource, create);
    const kept = keptCoreAttributes.find((name) => name.toLowerCase() === attr.toLowerCase());
    if (kept) return { container: document, name: kept, definition: { name: kept, type: 'complex', multiValued: true, description: '' } };
    throw new ScimError(400, `Unknown attribute "${attr}".`, 'invalidPath');
  }
  const schema = resource.extensions.find((s) => s.id.toLowerCase() === uri.toLowerCase());
  let container = get(document, uri);
  if (!isObject(container)) {
    if (!create) return undefined;
    container = {};
    set(document, schema?.id ?? uri, container);
  }
  const definition = schema ? findAttribute(schema.attributes, attr) : undefined;
  if (schema && !definition) throw new ScimError(400, `Unknown attribute "${attr}" in ${schema.id}.`, 'invalidPath');
  return { container: container as Json, name: definition?.name ?? attr, definition };
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function addOrReplace(document: Json, op: Exclude<Op, 'remove'>, path: PatchPath, value: unknown, resource: ResourceSchemas): void {
  if (value === undefined) throw new ScimError(400, `"${op}" needs a value.`, 'invalidValue');
  const target = locate(document, path, resource, true);
  if (!target) return;
  const { container, name, definition } = target;
  const multi = definition?.multiValued === true;
  if (path.filter) {
    if (!multi) throw new ScimError(400, `"${name}" is not multi-valued, so it cannot take a [filter].`, 'invalidPath');
    const elements = (Array.isArray(get(container, name)) ? (get(container, name) as unknown[]) : []).filter(isObject);
    const hits = elements.filter((element) => matches(path.filter as Filter, element));
    if (hits.length === 0) {
      // Entra sets attributes of entries that do not exist yet (phoneNumbers[type eq "work"].value
      // for a user without phones): create the entry rather than fail with noTarget (ssoready#249).
      const created = { ...equalities(path.filter), ...(path.subAfterFilter ? { [path.subAfterFilter]: value } : isObject(value) ? value : { value }) };
      set(container, name, [...elements, created]);
      return;
    }
    for (const hit of hits) {
      if (path.subAfterFilter) set(hit, path.subAfterFilter, value);
      else if (isObject(value)) {
        if (op === 'replace') for (const key of Object.keys(hit)) Reflect.deleteProperty(hit, key);
        for (const [key, inner] of Object.entries(value)) set(hit, key, inner);
      } else throw new ScimError(400, `The value for "${name}[…]" must be an object.`, 'invalidValue');
    }
    set(container, name, elements);
    return;
  }
  if (path.attribute.sub) {
    const current = get(container, name);
    const object = isObject(current) ? current : {};
    set(object, path.attribute.sub, value);
    set(container, name, object);
    return;
  }
  if (multi) {
    const current = Array.isArray(get(container, name)) ? (get(container, name) as unknown[]) : [];
    set(container, name, op === 'add' ? [...current, ...asArray(value)] : asArray(value));
  } else if (definition?.type === 'complex' && isObject(value)) {
    // A complex attribute takes the given sub-attributes; the others stay (RFC 7644 §3.5.2.1/.3).
    const current = get(container, name);
    set(container, name, { ...(isObject(current) ? current : {}), ...value });
  } else {
    set(container, name, value);
  }
}

function removeAt(document: Json, path: PatchPath, value: unknown, resource: ResourceSchemas): void {
  const target = locate(document, path, resource, false);
  if (!target) return;
  const { container, name, definition } = target;
  const current = get(container, name);
  if (path.filter) {
    if (!Array.isArray(current)) return;
    const filter = path.filter;
    if (path.subAfterFilter) {
      for (const element of current.filter(isObject)) if (matches(filter, element)) remove(element, path.subAfterFilter);
      set(container, name, current);
    } else {
      set(
        container,
        name,
        current.filter((element) => !isObject(element) || !matches(filter, element)),
      );
    }
    return;
  }
  if (path.attribute.sub) {
    if (isObject(current)) remove(current, path.attribute.sub);
    return;
  }
  if (definition?.multiValued && value !== undefined && Array.isArray(current)) {
    // Entra removes members by listing them in `value`: remove exactly those, never everyone
    // (MicrosoftDocs/azure-docs#30826).
    const drop = new Set(asArray(value).map((item) => String(isObject(item) ? get(item, 'value') : item)));
    set(
      container,
      name,
      current.filter((element) => !drop.has(String(isObject(element) ? get(element, 'value') : element))),
    );
    return;
  }
  remove(container, name);
}

/** A pathless add/replace: each key of the value is a path (plain, dotted or URN-qualified). */
function applyPathless(document: Json, op: Exclude<Op, 'remove'>, value: unknown, resource: ResourceSchemas): void {
  if (!isObject(value)) throw new ScimError(400, `"${op}" without a path needs an object value.`, 'invalidValue');
  for (const [key, inner] of Object.entries(value)) {
    const lower = key.toLowerCase();
    if (readOnly.has(lower)) continue; // e.g. Okta's rename sends {id, displayName}; id is read-only
    if (lower === resource.core.id.toLowerCase()) {
      applyPathless(document, op, inner, resource);
      continue;
    }
    const extension = resource.extensions.find((schema) => schema.id.toLowerCase() === lower);
    if (extension) {
      if (!isObject(inner)) throw new ScimError(400, `"${key}" must be an object.`, 'invalidValue');
      for (const [attribute, attributeValue] of Object.entries(inner))
        addOrReplace(document, op, parsePatchPath(`${extension.id}:${attribute}`), attributeValue, resource);
      continue;
    }
    if (lower.startsWith('urn:') && isObject(inner) && !resource.extensions.some((schema) => lower.startsWith(`${schema.id.toLowerCase()}:`))) {
      // A schema we do not know: kept as the client sent it. Its attribute names may contain dots
      // and must stay keys, never become nested objects (Entra re-sends the PATCH forever otherwise).
      const current = get(document, key);
      set(document, key, { ...(isObject(current) ? current : {}), ...inner });
      continue;
    }
    addOrReplace(document, op, parsePatchPath(key), inner, resource);
  }
}

/**
 * A path that is a published schema's URN itself, not an attribute in it: the whole extension
 * (`"path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"`), or the core schema.
 * Read against the schemas the server publishes first, since the attribute grammar would take the
 * last URN segment for an attribute (`…:2.0` + `User`).
 */
function wholeSchemaOf(pathText: string, resource: ResourceSchemas): { core: true } | { core: false; id: string } | undefined {
  const lower = pathText.toLowerCase();
  if (lower === resource.core.id.toLowerCase()) return { core: true };
  const extension = resource.extensions.find((schema) => schema.id.toLowerCase() === lower);
  return extension ? { core: false, id: extension.id } : undefined;
}

function applyToWholeSchema(document: Json, op: Op, schema: { core: true } | { core: false; id: string }, value: unknown, resource: ResourceSchemas): void {
  if (op === 'remove') {
    if (schema.core) throw new ScimError(400, `The core schema cannot be removed; remove its attributes instead.`, 'invalidPath');
    const key = Object.keys(document).find((name) => name.toLowerCase() === schema.id.toLowerCase());
    if (key !== undefined) Reflect.deleteProperty(document, key);
    return;
  }
  // Its value is the schema's object: the attributes given are set, the others stay (§3.5.2.1/.3).
  if (!isObject(value)) throw new ScimError(400, `"${op}" at a schema URN needs the schema's object as value.`, 'invalidValue');
  applyPathless(document, op, schema.core ? value : { [schema.id]: value }, resource);
}

/**
 * Applies a PatchOp body (RFC 7644 §3.5.2) to a rendered resource and returns the new document.
 * Strict where it matters (unknown ops and paths, read-only attributes, prototype keys) and
 * lenient where identity providers need it: ops in any letter case (Entra's "Replace"), pathless
 * values with dotted and URN keys (Entra with aadOptscim062020), filtered writes to entries that do
 * not exist yet, removal by value list. All operations apply, or the error names the first that
 * failed and nothing is written.
 */
export function applyPatch(resource: Json, body: Json, schemas: ResourceSchemas): Json {
  const document = structuredClone(resource);
  Reflect.deleteProperty(document, 'meta');
  for (const { index, opName, op, path: pathText, value } of readOperations(body)) {
    inOperation(index, opName, pathText, () => {
      const wholeSchema = pathText ? wholeSchemaOf(pathText, schemas) : undefined;
      if (wholeSchema) {
        applyToWholeSchema(document, op, wholeSchema, value, schemas);
        return;
      }
      const path = pathText ? parsePatchPath(pathText) : undefined;
      if (op === 'remove') {
        if (!path) throw new ScimError(400, '"remove" needs a path.', 'noTarget');
        removeAt(document, path, value, schemas);
      } else if (path) {
        addOrReplace(document, op, path, value, schemas);
      } else {
        applyPathless(document, op, value, schemas);
      }
    });
  }
  return document;
}
