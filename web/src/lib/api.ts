import { readGraphqlResponse } from './graphql-error.ts';

/**
 * GraphQL from the browser: same-origin POST /graphql. The httpOnly session cookie is the
 * credential (the page never sees the token); the tenant is chosen per request.
 */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}, tenantId?: string | null): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (tenantId) headers['x-tenant-id'] = tenantId;
  const response = await fetch('/graphql', { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify({ query, variables }) });
  return readGraphqlResponse<T>(response);
}

/** The same, bound to one tenant. */
export function tenantGql(tenantId: string) {
  return <T>(query: string, variables: Record<string, unknown> = {}) => gql<T>(query, variables, tenantId);
}
