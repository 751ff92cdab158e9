import { scrub, wordsFor } from './error-words.ts';

/** A GraphQL error as the gateway reports it: a code, a user-facing message, field errors. */
export interface FieldError {
  field: string;
  message: string;
}

export class GqlError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly fields: FieldError[] = [],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'GqlError';
  }

  /** The message for a field, if the gateway named it in a VALIDATION error. */
  fieldMessage(field: string): string | undefined {
    return this.fields.find((f) => f.field === field)?.message;
  }
}

interface RawError {
  message?: unknown;
  extensions?: Record<string, unknown> & { code?: unknown; fields?: unknown };
}

/** Turns the first error of a GraphQL response into a GqlError (anything odd becomes INTERNAL). */
export function errorFrom(errors: unknown): GqlError {
  const first = (Array.isArray(errors) ? errors[0] : null) as RawError | null;
  const extensions = first?.extensions ?? {};
  const code = typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR';
  const fields = Array.isArray(extensions.fields)
    ? extensions.fields.filter((f): f is FieldError => typeof f?.field === 'string' && typeof f?.message === 'string')
    : [];
  const message = typeof first?.message === 'string' && first.message ? first.message : 'Something went wrong. Try again.';
  return new GqlError(message, code, fields, extensions);
}

/** Reads a GraphQL HTTP response: its data, or a GqlError. */
export async function readGraphqlResponse<T>(response: Response): Promise<T> {
  let body: { data?: T | null; errors?: unknown } | null = null;
  try {
    body = (await response.json()) as { data?: T | null; errors?: unknown };
  } catch {
    throw new GqlError(`The server answered ${response.status} without a GraphQL response. Try again in a moment.`, 'NETWORK');
  }
  if (body?.errors) throw errorFrom(body.errors);
  if (!body?.data) throw new GqlError(`The server answered ${response.status} without data.`, 'NETWORK');
  return body.data;
}

/** Whether the request never got an answer (offline, the server down or restarting). */
export function isNetworkError(error: unknown): boolean {
  return (error instanceof GqlError && error.code === 'NETWORK') || error instanceof TypeError;
}

/** The sentence to show a person for any thrown value: never a code, a field key, an id or an API instruction. */
export function messageOf(error: unknown): string {
  if (error instanceof GqlError) return wordsFor(error);
  if (isNetworkError(error)) return wordsFor({ code: 'NETWORK', message: '', fields: [], extensions: {} });
  if (error instanceof Error) return scrub(error.message);
  return scrub(String(error));
}
