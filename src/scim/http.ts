import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import express from 'express';
import typeIs from 'type-is';
import type { ScimTokenActor } from '../domain/shared/actor.js';
import type { Services } from '../domain/services.js';
import { answerOversizedBodiesAtOnce } from '../http/body-limit.js';
import { ScimError, scimErrorBody } from './scim-error.js';

export const scimContentType = 'application/scim+json; charset=utf-8';

/** What every SCIM handler works with, set up by the door's authentication step. */
export interface ScimRequestContext {
  readonly actor: ScimTokenActor;
  readonly services: Services;
  /** This group's SCIM base URL (`{PUBLIC_URL}/scim/v2/{groupId}`), for `meta.location`. */
  readonly baseUrl: string;
  readonly requestId: string;
}

/** One SCIM request as its route sees it: Node's request, read once into what the routes use. */
export interface ScimRequest {
  readonly headers: IncomingHttpHeaders;
  /** The query string's parameters, parsed as express's default ("simple") parser does: `node:querystring`. */
  readonly query: Record<string, unknown>;
  /** The route's `:id` segment, percent-decoded ('' on routes without one). */
  readonly id: string;
  /** The JSON object the request carried (routes that take a body; `{}` on the others). */
  readonly body: Record<string, unknown>;
}

export type ScimRouteHandler = (req: ScimRequest, res: ServerResponse, context: ScimRequestContext) => Promise<void>;

/** What one method of a route does, and whether it reads a JSON body first. */
export interface ScimMethodRoute {
  readonly handle: ScimRouteHandler;
  readonly body?: boolean;
}

export type ScimMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A resource path under a group's SCIM base URL and the methods it answers (any other gets 405
 * naming these, in this order); HEAD is answered as GET without the body.
 */
export interface ScimRoute {
  /** The path as a template (`/Users/:id`): metrics and traces name requests by it. */
  readonly template: string;
  readonly methods: Readonly<Partial<Record<ScimMethod, ScimMethodRoute>>>;
}

/**
 * Answers with SCIM JSON, straight on Node's response: no content negotiation, freshness check or
 * generated ETag (ETags and If-None-Match are the resources' own, see etag.ts).
 */
export function sendScim(res: ServerResponse, status: number, body?: unknown, headers: Readonly<Record<string, string>> = {}): void {
  res.statusCode = status;
  for (const name in headers) res.setHeader(name, headers[name] as string);
  if (body === undefined) {
    res.end();
    return;
  }
  const json = JSON.stringify(body);
  res.setHeader('Content-Type', scimContentType);
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(json);
}

export function sendError(res: ServerResponse, error: ScimError): void {
  sendScim(res, error.status, scimErrorBody(error), error.headers);
}

const maxJsonDepth = 64;
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

/** Refuses prototype-polluting keys and absurd nesting anywhere in a body. */
function checkBody(value: unknown, depth = 0): void {
  if (depth > maxJsonDepth) throw new ScimError(400, `The JSON body nests deeper than ${maxJsonDepth} levels.`, 'invalidSyntax');
  if (Array.isArray(value)) {
    for (const item of value) checkBody(item, depth + 1);
  } else if (value !== null && typeof value === 'object') {
    for (const key in value) {
      if (forbiddenKeys.has(key)) throw new ScimError(400, `"${key}" is not allowed as an attribute name.`, 'invalidValue');
      checkBody((value as Record<string, unknown>)[key], depth + 1);
    }
  }
}

const jsonMediaTypes = ['application/json', 'application/scim+json', 'application/*+json'];

/**
 * Reads the body of a POST, PUT or PATCH: `application/scim+json` or `application/json` (RFC 7644
 * §3.1), one JSON object, within the size limit. Other media types → 415; empty, malformed or
 * truncated JSON → 400 invalidSyntax; too large → 413, as soon as it is known to be (body-limit.ts).
 * body-parser reads and decodes it (and leaves it on `req.body`, where client detection looks).
 */
export function jsonBodyReader(limitBytes: number): (req: IncomingMessage, res: ServerResponse) => Promise<Record<string, unknown>> {
  const parse = answerOversizedBodiesAtOnce(express.json({ type: jsonMediaTypes, limit: limitBytes, strict: false }), limitBytes);
  return async (req, res) => {
    const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    if (!hasBody) throw new ScimError(400, 'The request body is empty; send a JSON object.', 'invalidSyntax');
    if (!typeIs(req, jsonMediaTypes)) {
      throw new ScimError(415, `Send the body as application/scim+json or application/json (got ${req.headers['content-type'] ?? 'no Content-Type'}).`);
    }
    const body = await new Promise<unknown>((resolve, reject) => {
      parse(req, res, (error?: unknown) => {
        if (error === undefined) resolve((req as IncomingMessage & { body?: unknown }).body);
        else reject(error instanceof Error ? error : new Error('the body could not be read', { cause: error }));
      });
    });
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new ScimError(400, 'The request body must be a JSON object.', 'invalidSyntax');
    checkBody(body);
    return body as Record<string, unknown>;
  };
}

/** Body-parser's own errors, as SCIM errors. */
export function fromBodyParserError(error: unknown): ScimError | undefined {
  switch ((error as { type?: unknown } | null)?.type) {
    case 'entity.parse.failed':
      return new ScimError(400, 'The request body is not valid JSON (malformed or truncated).', 'invalidSyntax');
    case 'entity.too.large':
      return new ScimError(413, 'The request body is larger than this server accepts; send fewer operations or members per request.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ScimError(415, 'The request body must be UTF-8 JSON.');
    case 'request.aborted':
    case 'request.size.invalid':
      return new ScimError(400, 'The request body was cut short.', 'invalidSyntax');
    default:
      return undefined;
  }
}

/** A request header as one string (Node joins repeated ones; `set-cookie` aside, none is an array). */
export function headerOf(req: ScimRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
