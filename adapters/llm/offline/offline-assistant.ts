import type { AiAssistant, AiResult, ClassifyReplyInput, DraftAnswerInput, WriteOutreachInput, WriteProposalInput } from '../../../core/ai/ai-assistant.ts';
import {
  answerDraftSchema,
  outreachDraftSchema,
  proposalDraftSchema,
  replyClassificationSchema,
  type AnswerDraft,
  type OutreachDraft,
  type ProposalDraft,
  type ReplyClassification,
} from '../../../core/ai/ai.types.ts';
import { parseAiOutput, timedResult } from '../ai-output.ts';
import { writeAnswerDraft } from './answer-writer.ts';
import { writeOutreachDraft } from './outreach-writer.ts';
import { writeProposalDraft } from './proposal-writer.ts';
import { classifyReplyText } from './reply-classifier.ts';

export interface OfflineAssistantOptions {
  /** The clock for relative dates in replies without a receivedAt ("back on Monday"); injectable for tests. */
  now?: () => Date;
}

/**
 * The built-in assistant when no provider key is set: deterministic rules and templates, no network.
 * Its output goes through the same schemas as a model's, so the funnel cannot tell the difference.
 */
export class OfflineAssistant implements AiAssistant {
  static readonly id = 'offline';
  static readonly model = 'offline-rules-v1';
  readonly id = OfflineAssistant.id;
  private readonly now: () => Date;

  constructor(options: OfflineAssistantOptions = {}) {
    this.now = options.now ?? (() => new Date());
  }

  async writeOutreach(input: WriteOutreachInput): Promise<AiResult<OutreachDraft>> {
    return this.run(() => parseAiOutput(outreachDraftSchema, writeOutreachDraft(input), this.id));
  }

  async classifyReply(input: ClassifyReplyInput): Promise<AiResult<ReplyClassification>> {
    // Dates in the reply are read from the day it arrived, not the day it is classified.
    return this.run(() => parseAiOutput(replyClassificationSchema, classifyReplyText(input, input.receivedAt ?? this.now()), this.id));
  }

  async writeProposal(input: WriteProposalInput): Promise<AiResult<ProposalDraft>> {
    return this.run(() => parseAiOutput(proposalDraftSchema, writeProposalDraft(input), this.id));
  }

  async draftAnswer(input: DraftAnswerInput): Promise<AiResult<AnswerDraft>> {
    return this.run(() => parseAiOutput(answerDraftSchema, writeAnswerDraft(input), this.id));
  }

  private run<T>(write: () => T): Promise<AiResult<T>> {
    return timedResult(this.id, OfflineAssistant.model, write);
  }
}
