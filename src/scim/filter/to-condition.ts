import type { Condition } from '../../domain/shared/condition.js';
import { findAttribute, metaFields, type AttributeDefinition, type SchemaDefinition } from '../schemas.js';
import { FilterError, pathToString, type AttrPath, type Filter } from './ast.js';
import { parseAttrPath } from './parser.js';

/** The schemas a resource type's filters may name: its core schema first, then its extensions. */
export interface ResourceSchemas {
  readonly core: SchemaDefinition;
  readonly extensions: readonly SchemaDefinition[];
}

function unknown(path: AttrPath): never {
  throw new FilterError(`Unknown attribute "${pathToString(path)}": it is not in the schema, or it cannot be filtered on.`, 0);
}

/** The schema a path names: by its URN prefix, else the core schema, else an extension having the attribute. */
function schemaOf(path: AttrPath, resource: ResourceSchemas): SchemaDefinition {
  const all = [resource.core, ...resource.extensions];
  if (path.uri) return all.find((schema) => schema.id.toLowerCase() === path.uri?.toLowerCase()) ?? unknown(path);
  return all.find((schema) => findAttribute(schema.attributes, path.attr)) ?? resource.core;
}

/**
 * Resolves a path to a condition builder on the domain field it names. Multi-valued attributes with
 * a sub-attribute (`emails.value co "x"`) become "some element matches".
 */
function resolve(path: AttrPath, resource: ResourceSchemas, build: (field: string) => Condition): Condition {
  if (!path.uri && path.attr.toLowerCase() === 'meta') {
    const field = path.sub ? metaFields[path.sub.toLowerCase()] : undefined;
    return field ? build(field) : unknown(path);
  }
  const attribute = findAttribute(schemaOf(path, resource).attributes, path.attr);
  if (!attribute?.field && !(attribute?.subAttributes && path.sub)) return unknown(path);
  if (!path.sub) {
    if (attribute.type === 'complex' && !attribute.multiValued) return unknown(path);
    return build(attribute.field ?? unknown(path));
  }
  const sub = findAttribute(attribute.subAttributes ?? [], path.sub);
  if (!sub?.field) return unknown(path);
  if (attribute.multiValued) return { kind: 'any', field: attribute.field ?? unknown(path), condition: build(sub.field) };
  return build(sub.field);
}

/** Inside `attr[...]`, names are the multi-valued attribute's sub-attributes. */
function resolveSub(path: AttrPath, parent: AttributeDefinition, build: (field: string) => Condition): Condition {
  const sub = path.uri || path.sub ? undefined : findAttribute(parent.subAttributes ?? [], path.attr);
  if (!sub?.field) throw new FilterError(`Unknown attribute "${pathToString(path)}" inside ${parent.name}[…].`, 0);
  return build(sub.field);
}

function translate(filter: Filter, resource: ResourceSchemas, parent?: AttributeDefinition): Condition {
  const on = (path: AttrPath, build: (field: string) => Condition) => (parent ? resolveSub(path, parent, build) : resolve(path, resource, build));
  switch (filter.kind) {
    case 'logical':
      return { kind: filter.op, left: translate(filter.left, resource, parent), right: translate(filter.right, resource, parent) };
    case 'not':
      return { kind: 'not', condition: translate(filter.filter, resource, parent) };
    case 'present':
      return on(filter.path, (field) => ({ kind: 'present', field }));
    case 'compare':
      return on(filter.path, (field) => ({ kind: 'compare', op: filter.op, field, value: filter.value }));
    case 'valuePath': {
      const attribute = filter.path.uri ? undefined : findAttribute(schemaOf(filter.path, resource).attributes, filter.path.attr);
      if (!attribute?.multiValued || !attribute.field)
        throw new FilterError(`"${pathToString(filter.path)}[…]": only multi-valued attributes take a value filter.`, 0);
      return { kind: 'any', field: attribute.field, condition: translate(filter.filter, resource, attribute) };
    }
  }
}

/**
 * A parsed SCIM filter in the domain's terms. Attribute names are matched case-insensitively
 * against the resource's schemas; an unknown one is an error, never "match everything".
 * @throws FilterError (→ 400 invalidFilter)
 */
export function toCondition(filter: Filter, resource: ResourceSchemas): Condition {
  return translate(filter, resource);
}

/**
 * The domain field a single-valued attribute path names (for `sortBy`).
 * @throws FilterError for unknown or multi-valued attributes
 */
export function fieldOf(pathText: string, resource: ResourceSchemas): string {
  const condition = resolve(parseAttrPath(pathText), resource, (field) => ({ kind: 'present', field }));
  if (condition.kind !== 'present') throw new FilterError(`"${pathText}" is multi-valued and cannot be sorted on.`, 0);
  return condition.field;
}
