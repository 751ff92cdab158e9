import { AiOutputError, AiUnavailableError, type AiResult } from '../ai/ai-assistant.ts';
import type { AiDecision } from './autopilot.types.ts';

export const AI_OUTPUT_ATTEMPTS = 3;

export type AiOutcome<T> =
  | { ok: true; result: AiResult<T>; attempts: number }
  /** `unavailable`: the provider could not answer at all (its setup, its credentials), rather than answering badly. */
  | { ok: false; error: string; raw: unknown; attempts: number; provider: string; model: string; latencyMs: number; unavailable?: boolean };

/**
 * Calls the AI; an answer that fails its schema is asked for again, up to AI_OUTPUT_ATTEMPTS times,
 * then returned as a failure to be logged. A provider outage is thrown, for the job to retry later.
 */
export async function callAi<T>(provider: string, call: () => Promise<AiResult<T>>): Promise<AiOutcome<T>> {
  let last: AiOutputError | null = null;
  const started = Date.now();
  for (let attempt = 1; attempt <= AI_OUTPUT_ATTEMPTS; attempt += 1) {
    try {
      return { ok: true, result: await call(), attempts: attempt };
    } catch (error) {
      if (error instanceof AiUnavailableError && error.retryable) throw error;
      if (error instanceof AiUnavailableError) {
        return { ok: false, error: error.message, raw: null, attempts: attempt, provider, model: 'unknown', latencyMs: Date.now() - started, unavailable: true };
      }
      if (!(error instanceof AiOutputError)) throw error;
      last = error;
    }
  }
  return { ok: false, error: last?.message ?? 'invalid output', raw: last?.raw ?? null, attempts: AI_OUTPUT_ATTEMPTS, provider, model: 'unknown', latencyMs: Date.now() - started };
}

/** The decision record of an AI call, successful or not. */
export function decisionOf<T>(
  outcome: AiOutcome<T>,
  meta: { kind: AiDecision['kind']; leadId: string | null; messageId: string | null; input: unknown; reasoning?: (output: T) => string | null },
): Omit<AiDecision, 'id' | 'createdAt'> {
  if (outcome.ok) {
    const { result } = outcome;
    return {
      kind: meta.kind, leadId: meta.leadId, messageId: meta.messageId, status: 'ok', provider: result.provider, model: result.model,
      input: meta.input, output: result.output, reasoning: meta.reasoning?.(result.output) ?? null, error: null, attempts: outcome.attempts, latencyMs: result.latencyMs,
    };
  }
  return {
    kind: meta.kind, leadId: meta.leadId, messageId: meta.messageId, status: 'failed', provider: outcome.provider, model: outcome.model,
    input: meta.input, output: outcome.raw ?? null, reasoning: null, error: outcome.error, attempts: outcome.attempts, latencyMs: outcome.latencyMs,
  };
}
