import { fail, redirect } from '@sveltejs/kit';
import { GqlError, messageOf } from '#lib/graphql-error.ts';
import { serverGql } from '#lib/server/gateway.ts';
import { setSessionCookie } from '#lib/server/session.ts';
import type { Actions } from './$types';

const SIGNUP = /* GraphQL */ `
  mutation Signup($input: SignupInput!) {
    signup(input: $input) { token tenants(first: 1) { nodes { id } } }
  }
`;

const FIELDS = ['agencyName', 'tenantName', 'name', 'email', 'password'] as const;

export const actions = {
  default: async ({ request, cookies, url, locals }) => {
    const form = await request.formData();
    const input = Object.fromEntries(FIELDS.map((f) => [f, String(form.get(f) ?? '').trim()])) as Record<(typeof FIELDS)[number], string>;
    input.password = String(form.get('password') ?? '');
    const { password: _password, ...values } = input;
    const missing = FIELDS.filter((f) => !input[f]);
    if (missing.length) return fail(400, { values, message: 'Fill in every field.', fields: missing.map((field) => ({ field, message: 'is required' })) });
    let firstTenant: string | undefined;
    try {
      const { signup } = await serverGql<{ signup: { token: string; tenants: { nodes: { id: string }[] } } }>(SIGNUP, { input }, { client: locals.client });
      setSessionCookie(cookies, signup.token, url);
      firstTenant = signup.tenants.nodes[0]?.id;
    } catch (error) {
      if (error instanceof GqlError) return fail(400, { values, message: messageOf(error), fields: error.fields });
      throw error;
    }
    redirect(303, firstTenant ? `/t/${firstTenant}/board` : '/');
  },
} satisfies Actions;
