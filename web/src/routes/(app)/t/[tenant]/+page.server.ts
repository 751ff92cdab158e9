import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

export const load = (({ params }) => redirect(307, `/t/${params.tenant}/board`)) satisfies PageServerLoad;
