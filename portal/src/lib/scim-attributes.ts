import { formatValue } from './format';

/** One section of a member's other SCIM attributes: a custom schema extension, or the unmodelled core attributes. */
export interface ScimAttributeSection {
  /** "CustomExtensionName" for an extension; "Other core attributes" for the rest. */
  readonly title: string;
  /** The extension's URN; null for the core attributes. */
  readonly schema: string | null;
  /** Label and value in words, one per leaf (`building.code`). */
  readonly rows: readonly (readonly [string, string])[];
}

/**
 * An extension URN's readable part: `urn:…:extension:CustomExtensionName:2.0:User` reads
 * "CustomExtensionName"; a URN of another shape is shown whole.
 */
export function extensionTitle(urn: string): string {
  const parts = urn.split(':');
  const at = parts.findIndex((part) => part.toLowerCase() === 'extension');
  const name = at >= 0 ? parts[at + 1] : undefined;
  return name || urn;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An extension's value as rows, nested objects as dotted paths (`building.code`); lists stay one row. */
function leafRows(value: unknown, path = ''): [string, string][] {
  if (!isPlainObject(value)) return [[path || 'value', formatValue(value)]];
  return Object.entries(value).flatMap(([key, inner]) => leafRows(inner, path ? `${path}.${key}` : key));
}

/** `otherScimAttributes` as the member page shows them: each extension its own section, core attributes last. */
export function scimAttributeSections(attributes: readonly { readonly name: string; readonly value: unknown }[]): ScimAttributeSection[] {
  const extensions = attributes.filter((attribute) => attribute.name.toLowerCase().startsWith('urn:'));
  const core = attributes.filter((attribute) => !attribute.name.toLowerCase().startsWith('urn:'));
  const sections: ScimAttributeSection[] = extensions.map((extension) => ({
    title: extensionTitle(extension.name),
    schema: extension.name,
    rows: leafRows(extension.value),
  }));
  if (core.length > 0)
    sections.push({ title: 'Other core attributes', schema: null, rows: core.map((attribute) => [attribute.name, formatValue(attribute.value)]) });
  return sections;
}
