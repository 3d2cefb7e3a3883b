import type { Router } from 'express';
import { contextOf, handler, methodNotAllowed, paramOf, sendScim } from '../http.js';
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
export function discoveryRoutes(router: Router, publicUrl: string, paging: ScimPaging): void {
  const base = (baseUrl: string) => baseUrl;

  router
    .route('/ServiceProviderConfig')
    .get(
      handler(async (_req, res) => {
        const { baseUrl } = contextOf(res);
        sendScim(res, 200, {
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
          meta: { resourceType: 'ServiceProviderConfig', location: `${base(baseUrl)}/ServiceProviderConfig` },
        });
        return Promise.resolve();
      }),
    )
    .all(methodNotAllowed('GET'));

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
  router
    .route('/ResourceTypes')
    .get(
      handler((_req, res) => {
        sendScim(res, 200, list(resourceTypes(contextOf(res).baseUrl)));
        return Promise.resolve();
      }),
    )
    .all(methodNotAllowed('GET'));
  router
    .route('/ResourceTypes/:id')
    .get(
      handler((req, res) => {
        const found = resourceTypes(contextOf(res).baseUrl).find((type) => type.id === paramOf(req, 'id'));
        if (!found) throw new ScimError(404, `No resource type "${paramOf(req, 'id')}"; there are User and Group.`);
        sendScim(res, 200, found);
        return Promise.resolve();
      }),
    )
    .all(methodNotAllowed('GET'));

  const schemaResources = (baseUrl: string) =>
    schemas.map((schema) => ({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
      id: schema.id,
      name: schema.name,
      description: schema.description,
      attributes: schema.attributes.map(render),
      meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${schema.id}` },
    }));
  router
    .route('/Schemas')
    .get(
      handler((_req, res) => {
        sendScim(res, 200, list(schemaResources(contextOf(res).baseUrl)));
        return Promise.resolve();
      }),
    )
    .all(methodNotAllowed('GET'));
  router
    .route('/Schemas/:id')
    .get(
      handler((req, res) => {
        const found = schemaResources(contextOf(res).baseUrl).find((schema) => schema.id.toLowerCase() === paramOf(req, 'id').toLowerCase());
        if (!found) throw new ScimError(404, `No schema "${paramOf(req, 'id')}".`);
        sendScim(res, 200, found);
        return Promise.resolve();
      }),
    )
    .all(methodNotAllowed('GET'));
}
