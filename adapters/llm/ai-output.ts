import { z } from 'zod';
import { AiOutputError, type AiResult } from '../../core/ai/ai-assistant.ts';

/** Validates what a provider produced; a mismatch is an AiOutputError carrying the raw output for the decision log. */
export function parseAiOutput<T>(schema: z.ZodType<T>, value: unknown, provider: string, raw: unknown = value): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new AiOutputError(`${provider} output does not match the schema: ${z.prettifyError(result.error)}`, raw);
  return result.data;
}

/** Parses a model's JSON text, then validates it. */
export function parseAiJson<T>(schema: z.ZodType<T>, content: string, provider: string): T {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    throw new AiOutputError(`${provider} returned text that is not JSON`, content);
  }
  return parseAiOutput(schema, value, provider, content);
}

/** Runs one AI call and reports it with its provider, model and wall-clock latency. */
export async function timedResult<T>(provider: string, model: string, call: () => Promise<T> | T): Promise<AiResult<T>> {
  const started = performance.now();
  const output = await call();
  return { output, provider, model, latencyMs: Math.round(performance.now() - started) };
}
