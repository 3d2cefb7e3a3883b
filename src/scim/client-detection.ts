import type { IncomingMessage } from 'node:http';
import { ScimClient } from '../domain/scim-connections/scim-connection.entity.js';

/**
 * Which identity provider a request looks like. Okta sends `User-Agent: Okta SCIM Client 1.0.0`;
 * Entra sometimes sends no User-Agent, but its tenant URL flag (`aadOptscim062020`) and its
 * capitalised PATCH ops ("Replace", "Add") give it away (SCIM-CLIENTS.md).
 */
export function detectClient(req: IncomingMessage & { originalUrl?: string; body?: unknown }): ScimClient {
  const agent = (req.headers['user-agent'] ?? '').toLowerCase();
  if (agent.includes('okta')) return ScimClient.OKTA;
  if (agent.includes('onelogin')) return ScimClient.ONELOGIN;
  if (agent.includes('jumpcloud')) return ScimClient.JUMPCLOUD;
  if (agent.includes('azure') || agent.includes('microsoft') || agent.includes('entra') || agent.includes('aad')) return ScimClient.ENTRA;
  // The raw URL: parsing the query string for one flag would cost more than looking for it.
  if ((req.originalUrl || req.url || '').includes('aadOptscim062020')) return ScimClient.ENTRA;
  const operations = (req.body as { Operations?: unknown } | undefined)?.Operations;
  if (
    Array.isArray(operations) &&
    operations.some((op: unknown) => typeof (op as { op?: unknown }).op === 'string' && /^(Add|Replace|Remove)$/.test((op as { op: string }).op))
  ) {
    return ScimClient.ENTRA;
  }
  return ScimClient.OTHER;
}
