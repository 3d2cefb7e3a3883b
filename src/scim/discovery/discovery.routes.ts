import { sendScim, type ScimRoute } from '../http.js';
import type { ScimPaging } from '../list-query.js';
import { ScimError } from '../scim-error.js';
import { enterpriseSchemaId, groupSchemaId, listResponseSchema, schemas, userSchemaId, type AttributeDefinition } from '../schemas.js';

/** Attribute definitions with RFC 7643 §7 defaults filled in, as clients expect to read them. */
function render(attribute: AttributeDefinition): Record<string, unknown> {
  return {
    name: attribute.name,
    type: attribute.type,
    multiValued: attribute.multiValued ?? false,
    description: attribute.description,
    required: attribute.required ?? false,
    caseExact: attribute.caseExact ?? false,
    mutability: attribute.mutability ?? 'readWrite',
    returned: attribute.returned ?? 'default',
    uniqueness: attribute.uniqueness ?? 'none',
    ...(attribute.referenceTypes ? { referenceTypes: attribute.referenceTypes } : {}),
    ...(attribute.subAttributes ? { subAttributes: attribute.subAttributes.map(render) } : {}),
  };
}

function list(resources: unknown[]) {
  return { schemas: [listResponseSchema], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources };
}

/**
 * /ServiceProviderConfig, /ResourceTypes, /Schemas (RFC 7644 §4): what this server really
 * supports, so clients that read them configure themselves correctly.
 */
export function discoveryRoutes(publicUrl: string, paging: ScimPaging): ScimRoute[] {
  const resourceTypes = (baseUrl: string) => [
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'Members of this group',
      schema: userSchemaId,
      schemaExtensions: [{ schema: enterpriseSchemaId, required: false }],
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/User` },
    },
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'Teams inside this group',
      schema: groupSchemaId,
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/Group` },
    },
  ];
  const schemaResources = (baseUrl: string) =>
    schemas.map((schema) => ({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
      id: schema.id,
      name: schema.name,
      description: schema.description,
      attributes: schema.attributes.map(render),
      meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${schema.id}` },
    }));
  /** A read of a fixed document: nothing to wait for. */
  const get = (answer: (id: string, baseUrl: string) => unknown): ScimRoute['methods'] => ({
    GET: {
      handle: (req, res, { baseUrl }) => {
        sendScim(res, 200, answer(req.id, baseUrl));
        return Promise.resolve();
      },
    },
  });

  return [
    {
      template: '/ServiceProviderConfig',
      methods: get((_id, baseUrl) => ({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
        documentationUri: `${publicUrl}/graphql`,
        patch: { supported: true },
        bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
        filter: { supported: true, maxResults: paging.maxCount },
        changePassword: { supported: false },
        sort: { supported: true },
        etag: { supported: true },
        authenticationSchemes: [
          {
            type: 'oauthbearertoken',
            name: 'Bearer token',
            description: "One of the group's SCIM tokens, created by its admins: `Authorization: Bearer <token>`.",
            primary: true,
          },
        ],
        // Only what RFC 7643 §5 defines: a strict client validates this document against it, and
        // an attribute of an undeclared schema makes it reject the whole configuration.
        meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
      })),
    },
    { template: '/ResourceTypes', methods: get((_id, baseUrl) => list(resourceTypes(baseUrl))) },
    {
      template: '/ResourceTypes/:id',
      methods: get((id, baseUrl) => {
        const found = resourceTypes(baseUrl).find((type) => type.id === id);
        if (!found) throw new ScimError(404, `No resource type "${id}"; there are User and Group.`);
        return found;
      }),
    },
    { template: '/Schemas', methods: get((_id, baseUrl) => list(schemaResources(baseUrl))) },
    {
      template: '/Schemas/:id',
      methods: get((id, baseUrl) => {
        const found = schemaResources(baseUrl).find((schema) => schema.id.toLowerCase() === id.toLowerCase());
        if (!found) throw new ScimError(404, `No schema "${id}".`);
        return found;
      }),
    },
  ];
}
