import { fail } from '@sveltejs/kit';
import { GqlError } from '#lib/graphql-error.ts';
import { serverGql } from '#lib/server/gateway.ts';
import type { Actions } from './$types';

const REQUEST = /* GraphQL */ `
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`;

export const actions = {
  /** Always the same answer, whether or not the address has an account (the gateway's too). */
  default: async ({ request, locals }) => {
    const email = String((await request.formData()).get('email') ?? '').trim();
    if (!email) return fail(400, { email, message: 'Enter the email address you sign in with.' });
    try {
      await serverGql(REQUEST, { email }, { client: locals.client });
    } catch (error) {
      if (error instanceof GqlError) return fail(error.code === 'RATE_LIMITED' ? 429 : 400, { email, message: error.fieldMessage('email') ? `That email ${error.fieldMessage('email')}.` : error.message });
      throw error;
    }
    return { sent: true, email };
  },
} satisfies Actions;
