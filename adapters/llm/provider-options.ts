import type { z } from 'zod';

/** Validates a provider's options at construction; the error names each bad field but never echoes a value (keys are secrets). */
export function parseProviderOptions<T extends z.ZodType>(schema: T, options: unknown, provider: string): z.output<T> {
  const result = schema.safeParse(options);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`);
  throw new Error(`Invalid ${provider} options: ${problems.join('; ')}`);
}
