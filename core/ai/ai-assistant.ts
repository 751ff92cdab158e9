import type { AnswerDraft, ConversationTurn, LeadProfile, OutreachDraft, ProposalDraft, ReplyClassification, SenderIdentity, ServiceOffering } from './ai.types.ts';

/** What an AI call returns: the validated output and what is logged as the AI decision. */
export interface AiResult<T> {
  output: T;
  /** Provider id and model, e.g. { provider: 'openai', model: 'gpt-4o' }. */
  provider: string;
  model: string;
  latencyMs: number;
}

/** Raised when a provider's answer does not match the schema (retried, then logged as failed). */
export class AiOutputError extends Error {
  constructor(
    message: string,
    readonly raw: unknown,
  ) {
    super(message);
    this.name = 'AiOutputError';
  }
}

/** Raised when the provider cannot be reached or refuses (network, 429, 5xx): retry later. */
export class AiUnavailableError extends Error {
  constructor(
    message: string,
    readonly retryable = true,
  ) {
    super(message);
    this.name = 'AiUnavailableError';
  }
}

export interface WriteOutreachInput {
  /** The recipient: the business the email is written to (the buyer). */
  lead: LeadProfile;
  /** The tenant: who writes, and what it sells (the seller). */
  sender: SenderIdentity;
  /** 0 for the first message, 1.. for follow-ups. */
  step: number;
  /** The names of the services in the sender's catalog: what it sells, when the pitch does not say. */
  offers?: string[];
}

export interface ClassifyReplyInput {
  lead: LeadProfile | null;
  subject: string | null;
  body: string;
  /** When the reply arrived (default: now): relative and year-less dates ("back Monday", "till 3 Jan") are read from this day. */
  receivedAt?: Date;
  /** Our own address (the tenant's sender), which a reply may quote but never refers the lead to. */
  senderEmail?: string | null;
}

export interface WriteProposalInput {
  lead: LeadProfile;
  sender: SenderIdentity;
  catalog: ServiceOffering[];
  conversation: ConversationTurn[];
}

export interface DraftAnswerInput {
  lead: LeadProfile;
  sender: SenderIdentity;
  question: string;
}

/**
 * Port: the AI behind the funnel. Implementations validate their output against the schemas in
 * ai.types.ts and throw AiOutputError when it does not match, AiUnavailableError when they cannot answer.
 */
export interface AiAssistant {
  readonly id: string;
  writeOutreach(input: WriteOutreachInput): Promise<AiResult<OutreachDraft>>;
  classifyReply(input: ClassifyReplyInput): Promise<AiResult<ReplyClassification>>;
  writeProposal(input: WriteProposalInput): Promise<AiResult<ProposalDraft>>;
  draftAnswer(input: DraftAnswerInput): Promise<AiResult<AnswerDraft>>;
}
