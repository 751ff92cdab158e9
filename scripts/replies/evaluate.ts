import type { AiAssistant } from '../../core/ai/ai-assistant.ts';
import type { ReplyClassification } from '../../core/ai/ai.types.ts';
import { inputOf, type LabelledReply } from './corpus.ts';
import type { Scored } from './report.ts';

/** Builds the assistant a reply is read with, its clock set to when the reply arrived. */
export type AssistantAt = (now: () => Date) => AiAssistant;

/** What a failed call counts as: wrong, and named in the reasoning. */
const failed = (error: unknown): ReplyClassification => ({
  intent: 'question',
  sentiment: 'neutral',
  confidence: 0,
  reasoning: `The call failed: ${error instanceof Error ? error.message : String(error)}`,
  language: '?',
  returnDate: null,
  referral: null,
});

/**
 * Classifies every labelled reply through `classifyReply`, the product's own path, `concurrency`
 * at a time (remote providers are slow; the offline model is not), in the replies' order.
 */
export async function classifyAll(assistantAt: AssistantAt, replies: LabelledReply[], concurrency = 1): Promise<Array<Scored & { failed: boolean }>> {
  const results: Array<Scored & { failed: boolean }> = [];
  let next = 0;
  const worker = async () => {
    while (next < replies.length) {
      const position = next;
      next += 1;
      const reply = replies[position] as LabelledReply;
      const { input, now } = inputOf(reply);
      try {
        const { output } = await assistantAt(() => now).classifyReply(input);
        results[position] = { reply, result: output, failed: false };
      } catch (error) {
        results[position] = { reply, result: failed(error), failed: true };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return results;
}
