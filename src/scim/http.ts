import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { ScimTokenActor } from '../domain/shared/actor.js';
import type { Services } from '../domain/services.js';
import { answerOversizedBodiesAtOnce } from '../http/body-limit.js';
import { ScimError, scimErrorBody } from './scim-error.js';

export const scimContentType = 'application/scim+json; charset=utf-8';

/** What every SCIM handler works with, set up by the router's authentication step. */
export interface ScimRequestContext {
  readonly actor: ScimTokenActor;
  readonly services: Services;
  /** This group's SCIM base URL (`{PUBLIC_URL}/scim/v2/{groupId}`), for `meta.location`. */
  readonly baseUrl: string;
  readonly requestId: string;
}

export function contextOf(res: Response): ScimRequestContext {
  return res.locals.scim as ScimRequestContext;
}

/**
 * Answers with SCIM JSON, straight on Node's response: express's `send` would parse the content
 * type, compute freshness and look for an ETag on every answer, none of which a SCIM answer needs
 * (ETags and If-None-Match are the resources' own, see etag.ts).
 */
export function sendScim(res: Response, status: number, body?: unknown, headers: Readonly<Record<string, string>> = {}): void {
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

/** Async handlers: a rejection goes to the SCIM error handler. */
export function handler(fn: (req: Request, res: Response) => Promise<void>): RequestHandler {
  return (req, res, next) => {
    fn(req, res).catch(next);
  };
}

/** 405 for a known path with another method, naming the allowed ones (RFC 7231 §6.5.5). */
export function methodNotAllowed(allowed: string): RequestHandler {
  return (req, _res, next) => {
    next(new ScimError(405, `${req.method} is not supported here; use ${allowed}.`, undefined, { Allow: allowed }));
  };
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

/**
 * Bodies of POST, PUT and PATCH: `application/scim+json` or `application/json` (RFC 7644 §3.1),
 * one JSON object, within the size limit. Other media types → 415; empty, malformed or truncated
 * JSON → 400 invalidSyntax; too large → 413, as soon as it is known to be (body-limit.ts).
 */
export function jsonBody(limitBytes: number): RequestHandler[] {
  const parse = answerOversizedBodiesAtOnce(
    express.json({ type: ['application/json', 'application/scim+json', 'application/*+json'], limit: limitBytes, strict: false }),
    limitBytes,
  );
  const requireMediaType: RequestHandler = (req, _res, next) => {
    const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    if (!hasBody) {
      next(new ScimError(400, 'The request body is empty; send a JSON object.', 'invalidSyntax'));
      return;
    }
    if (!req.is(['application/json', 'application/scim+json', 'application/*+json'])) {
      next(new ScimError(415, `Send the body as application/scim+json or application/json (got ${req.headers['content-type'] ?? 'no Content-Type'}).`));
      return;
    }
    next();
  };
  const requireObject = (req: Request, _res: Response, next: NextFunction) => {
    const body: unknown = req.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      next(new ScimError(400, 'The request body must be a JSON object.', 'invalidSyntax'));
      return;
    }
    checkBody(body);
    next();
  };
  return [requireMediaType, parse, requireObject];
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

export function sendError(res: Response, error: ScimError): void {
  sendScim(res, error.status, scimErrorBody(error), error.headers);
}

/** A route parameter as a string (express 5 types wildcard parameters as arrays). */
export function paramOf(req: Request, name: string): string {
  const value = (req.params as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}
