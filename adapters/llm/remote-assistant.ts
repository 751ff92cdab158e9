import type { AiAssistant, AiResult, ClassifyReplyInput, DraftAnswerInput, WriteOutreachInput, WriteProposalInput } from '../../core/ai/ai-assistant.ts';
import type { AnswerDraft, OutreachDraft, ProposalDraft, ReplyClassification } from '../../core/ai/ai.types.ts';
import { parseAiJson, timedResult } from './ai-output.ts';
import { aiTasks, type AiTask } from './ai-tasks.ts';
import { settleReplyClassification } from './reply-output.ts';

/**
 * What every hosted model shares: the four tasks, each one request whose JSON answer is checked
 * against the task's schema. A provider only says how to ask (`ask`) and what it is called.
 */
export abstract class RemoteAssistant implements AiAssistant {
  abstract readonly id: string;
  abstract readonly model: string;
  protected abstract readonly label: string;
  protected readonly now: () => Date;

  constructor(clock: { now?: () => Date }) {
    this.now = clock.now ?? (() => new Date());
  }

  /** Sends one task to the provider and returns the JSON text of its answer. */
  protected abstract ask<I, O>(task: AiTask<I, O>, input: I): Promise<string>;

  writeOutreach(input: WriteOutreachInput): Promise<AiResult<OutreachDraft>> {
    return this.run(aiTasks.writeOutreach, input);
  }

  /** The model is told the day the reply arrived; its answer is then held to the product's rules (see settleReplyClassification). */
  async classifyReply(input: ClassifyReplyInput): Promise<AiResult<ReplyClassification>> {
    const receivedAt = input.receivedAt ?? this.now();
    const result = await this.run(aiTasks.classifyReply, { ...input, receivedAt });
    const context = { receivedAt, leadEmail: input.lead?.email ?? null, senderEmail: input.senderEmail ?? null };
    return { ...result, output: settleReplyClassification(result.output, context) };
  }

  writeProposal(input: WriteProposalInput): Promise<AiResult<ProposalDraft>> {
    return this.run(aiTasks.writeProposal, input);
  }

  draftAnswer(input: DraftAnswerInput): Promise<AiResult<AnswerDraft>> {
    return this.run(aiTasks.draftAnswer, input);
  }

  private run<I, O>(task: AiTask<I, O>, input: I): Promise<AiResult<O>> {
    return timedResult(this.id, this.model, async () => parseAiJson(task.schema, await this.ask(task, input), this.label));
  }
}
