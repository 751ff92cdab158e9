import { fail, redirect } from '@sveltejs/kit';
import { GqlError, messageOf } from '#lib/graphql-error.ts';
import { serverGql } from '#lib/server/gateway.ts';
import { safeNext, setSessionCookie } from '#lib/server/session.ts';
import type { Actions } from './$types';

const LOGIN = /* GraphQL */ `
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) { token }
  }
`;

export const actions = {
  default: async ({ request, cookies, url, locals }) => {
    const form = await request.formData();
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!email || !password) return fail(400, { email, message: 'Enter your email and password.' });
    try {
      const { login } = await serverGql<{ login: { token: string } }>(LOGIN, { email, password }, { client: locals.client });
      setSessionCookie(cookies, login.token, url);
    } catch (error) {
      // A wrong email or password is said as the gateway says it (one message for both); the rest in people's words.
      if (error instanceof GqlError) return fail(error.code === 'UNAUTHENTICATED' ? 401 : error.code === 'RATE_LIMITED' ? 429 : 400, { email, message: error.code === 'UNAUTHENTICATED' ? error.message : messageOf(error) });
      throw error;
    }
    redirect(303, safeNext(url.searchParams.get('next')));
  },
} satisfies Actions;
