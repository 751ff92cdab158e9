import { readGraphqlResponse } from '../graphql-error.ts';

/**
 * Where the gateway is, for server-side requests. The gateway sets CRM_GATEWAY_URL to its own
 * address before every request it hands us; read it per call (Kit's env modules snapshot the
 * environment at start-up, before the gateway knows its port). `vite dev` falls back to :4000.
 */
export function gatewayUrl(): string {
  return (process.env.CRM_GATEWAY_URL || 'http://127.0.0.1:4000').replace(/\/+$/, '');
}

export interface CallOptions {
  token?: string | null;
  tenantId?: string | null;
}

/** One GraphQL request from the server to the gateway, as the signed-in user. */
export async function serverGql<T>(query: string, variables: Record<string, unknown> = {}, options: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.tenantId) headers['x-tenant-id'] = options.tenantId;
  const response = await fetch(`${gatewayUrl()}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return readGraphqlResponse<T>(response);
}
