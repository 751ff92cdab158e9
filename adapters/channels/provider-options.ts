import type { z } from 'zod';

/**
 * Validates a provider's options once, at construction, so a bad configuration fails at start-up
 * with the offending field named (never its value: it may be a secret).
 */
export function parseProviderOptions<S extends z.ZodType>(provider: string, schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(options)';
  throw new Error(`${provider}: invalid option "${field}": ${issue?.message ?? 'invalid'}`);
}
