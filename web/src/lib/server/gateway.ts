import { readGraphqlResponse } from '../graphql-error.ts';

/**
 * Where the gateway is, for server-side requests. The gateway sets CRM_GATEWAY_URL to its own
 * address before every request it hands us; read it per call (Kit's env modules snapshot the
 * environment at start-up, before the gateway knows its port). `vite dev` falls back to :4000.
 */
export function gatewayUrl(): string {
  return (process.env.CRM_GATEWAY_URL || 'http://127.0.0.1:4000').replace(/\/+$/, '');
}

/** The person a server-side call is made for: their address and browser, as the gateway told us. */
export interface ClientInfo {
  address: string | null;
  userAgent: string | null;
}

export interface CallOptions {
  token?: string | null;
  tenantId?: string | null;
  /** Passed on to the gateway (with the key it shares with this process) for sign-in limits and session hints. */
  client?: ClientInfo | null;
}

/**
 * Headers that tell the gateway whom a call is for. The gateway trusts them only with the key it put
 * in this process's environment (CRM_INTERNAL_KEY); without one (\`vite dev\`) they are not sent.
 */
function clientHeaders(client: ClientInfo | null | undefined): Record<string, string> {
  const key = process.env.CRM_INTERNAL_KEY;
  if (!client || !key) return {};
  return {
    'x-crm-internal-key': key,
    ...(client.address ? { 'x-crm-client-address': client.address } : {}),
    ...(client.userAgent ? { 'x-crm-client-agent': client.userAgent.slice(0, 300) } : {}),
  };
}

/** One GraphQL request from the server to the gateway, as the signed-in user. */
export async function serverGql<T>(query: string, variables: Record<string, unknown> = {}, options: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...clientHeaders(options.client) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.tenantId) headers['x-tenant-id'] = options.tenantId;
  const response = await fetch(`${gatewayUrl()}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return readGraphqlResponse<T>(response);
}
