import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

// The tenant comes from the URL: encoded, so no character of it can make the Location header invalid.
export const load = (({ params }) => redirect(307, `/t/${encodeURIComponent(params.tenant)}/board`)) satisfies PageServerLoad;
