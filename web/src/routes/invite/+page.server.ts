import { fail, redirect } from '@sveltejs/kit';
import { GqlError } from '#lib/graphql-error.ts';
import { serverGql } from '#lib/server/gateway.ts';
import { setSessionCookie } from '#lib/server/session.ts';
import type { Role } from '#lib/types.ts';
import type { Actions, PageServerLoad } from './$types';

const PREVIEW = /* GraphQL */ `
  query Invitation($token: String!) {
    invitation(token: $token) { email name role agencyName invitedBy expiresAt }
  }
`;
const ACCEPT = /* GraphQL */ `
  mutation AcceptInvitation($token: String!, $password: String!) {
    acceptInvitation(token: $token, password: $password) { token tenants(first: 1) { nodes { id } } }
  }
`;

export interface InvitationPreview {
  email: string;
  name: string;
  role: Role;
  agencyName: string;
  invitedBy: string | null;
  expiresAt: string;
}

/** What the link offers, or why it does not work (used, expired, revoked, or not a link at all). */
export const load = (async ({ url, locals }) => {
  const token = url.searchParams.get('token') ?? '';
  if (!token) return { token, invitation: null, problem: 'This page needs the link from your invitation email.' };
  try {
    const { invitation } = await serverGql<{ invitation: InvitationPreview }>(PREVIEW, { token }, { client: locals.client });
    return { token, invitation, problem: null };
  } catch (error) {
    if (error instanceof GqlError) return { token, invitation: null, problem: error.message };
    throw error;
  }
}) satisfies PageServerLoad;

export const actions = {
  /** Creates the account with the chosen password and signs this browser in. */
  default: async ({ request, cookies, url, locals }) => {
    const form = await request.formData();
    const token = String(form.get('token') ?? '');
    const password = String(form.get('password') ?? '');
    if (password !== String(form.get('confirm') ?? '')) return fail(400, { message: 'The two passwords are not the same.', field: 'confirm' });
    let firstTenant: string | undefined;
    try {
      const { acceptInvitation } = await serverGql<{ acceptInvitation: { token: string; tenants: { nodes: { id: string }[] } } }>(ACCEPT, { token, password }, { client: locals.client });
      setSessionCookie(cookies, acceptInvitation.token, url);
      firstTenant = acceptInvitation.tenants.nodes[0]?.id;
    } catch (error) {
      if (error instanceof GqlError) return fail(error.code === 'RATE_LIMITED' ? 429 : 400, { message: error.fieldMessage('password') ? `The password ${error.fieldMessage('password')}.` : error.message, field: error.fields[0]?.field ?? null });
      throw error;
    }
    redirect(303, firstTenant ? `/t/${firstTenant}/board` : '/');
  },
} satisfies Actions;
