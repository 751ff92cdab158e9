import { fail, redirect } from '@sveltejs/kit';
import { GqlError } from '#lib/graphql-error.ts';
import { serverGql } from '#lib/server/gateway.ts';
import { setSessionCookie } from '#lib/server/session.ts';
import type { Actions, PageServerLoad } from './$types';

const RESET = /* GraphQL */ `
  mutation ResetPassword($token: String!, $password: String!) {
    resetPassword(token: $token, password: $password) { token }
  }
`;

export const load = (({ url }) => ({ token: url.searchParams.get('token') ?? '' })) satisfies PageServerLoad;

export const actions = {
  /** Sets the new password; every other session ends and this browser is signed in anew. */
  default: async ({ request, cookies, url, locals }) => {
    const form = await request.formData();
    const token = String(form.get('token') ?? '');
    const password = String(form.get('password') ?? '');
    if (password !== String(form.get('confirm') ?? '')) return fail(400, { message: 'The two passwords are not the same.', field: 'confirm' });
    try {
      const { resetPassword } = await serverGql<{ resetPassword: { token: string } }>(RESET, { token, password }, { client: locals.client });
      setSessionCookie(cookies, resetPassword.token, url);
    } catch (error) {
      if (error instanceof GqlError) {
        const invalidLink = Boolean(error.fieldMessage('token'));
        return fail(error.code === 'RATE_LIMITED' ? 429 : 400, { message: error.fieldMessage('password') ? `The password ${error.fieldMessage('password')}.` : error.message, invalidLink });
      }
      throw error;
    }
    redirect(303, '/');
  },
} satisfies Actions;
