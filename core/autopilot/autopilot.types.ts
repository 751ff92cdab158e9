import type { ReplyClassification, SenderIdentity } from '../ai/ai.types.ts';
import type { Money } from '../money/money.ts';

export type AiProviderSetting = 'default' | 'offline' | 'openai' | 'gemini';
export type ChannelProviderSetting = 'default' | 'outbox' | 'sendgrid';
export type PaymentsProviderSetting = 'default' | 'offline' | 'stripe';

export interface TenantSettings {
  tenantId: string;
  autopilot: boolean;
  sender: SenderIdentity;
  dailySendLimit: number;
  aiProvider: AiProviderSetting;
  aiModel: string | null;
  channelProvider: ChannelProviderSetting;
  paymentsProvider: PaymentsProviderSetting;
  currency: string;
  onboardingChecklist: string[];
  /** Part of the inbound-email webhook URL; authenticates the provider's posts. */
  inboundSecret: string;
  /** The inbound secret replaced last, while it is still accepted (see WEBHOOK_SECRET_GRACE_MS). */
  previousInboundSecret: string | null;
}

export type MessagePurpose = 'outreach' | 'follow_up' | 'proposal' | 'welcome' | 'answer' | 'reply';
export type MessageStatus = 'composing' | 'draft' | 'queued' | 'sending' | 'sent' | 'failed' | 'suppressed' | 'received';

export interface Message {
  id: string;
  leadId: string | null;
  direction: 'out' | 'in';
  channel: string;
  purpose: MessagePurpose;
  step: number;
  status: MessageStatus;
  subject: string | null;
  text: string | null;
  html: string | null;
  fromAddress: string | null;
  toAddress: string | null;
  rfcMessageId: string | null;
  inReplyTo: string | null;
  references: string[];
  provider: string | null;
  providerMessageId: string | null;
  proposalId: string | null;
  classification: (ReplyClassification & { corrected?: boolean }) | null;
  error: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export interface NewMessage {
  leadId: string | null;
  direction: 'out' | 'in';
  purpose: MessagePurpose;
  step: number;
  status: MessageStatus;
  subject?: string | null;
  text?: string | null;
  html?: string | null;
  fromAddress?: string | null;
  toAddress?: string | null;
  rfcMessageId?: string | null;
  inReplyTo?: string | null;
  references?: string[];
  proposalId?: string | null;
  provider?: string | null;
}

export interface ProposalLineItem {
  serviceId: string | null;
  description: string;
  quantity: number;
  /** Minor units of the proposal's currency. */
  unitAmount: bigint;
}

export interface Proposal {
  id: string;
  leadId: string;
  version: number;
  status: 'draft' | 'sent' | 'paid' | 'superseded';
  title: string;
  summary: string;
  lineItems: ProposalLineItem[];
  currency: string;
  /** Minor units: the sum of the lines, at most MAX_MINOR_UNITS. */
  total: bigint;
  expectedResults: string[];
  validUntil: string;
  paymentProvider: string | null;
  paymentUrl: string | null;
  paymentRef: string | null;
  createdAt: Date;
  sentAt: Date | null;
  paidAt: Date | null;
}

export interface AiDecision {
  id: string;
  leadId: string | null;
  messageId: string | null;
  kind: 'write_outreach' | 'classify_reply' | 'write_proposal' | 'draft_answer' | 'correction';
  status: 'ok' | 'failed';
  provider: string;
  model: string;
  input: unknown;
  output: unknown;
  reasoning: string | null;
  error: string | null;
  attempts: number;
  latencyMs: number;
  createdAt: Date;
}

export interface Task {
  id: string;
  leadId: string | null;
  clientId: string | null;
  kind: 'onboarding' | 'answer_question' | 'follow_up' | 'manual';
  title: string;
  body: string | null;
  status: 'open' | 'done';
  dueAt: Date | null;
  createdAt: Date;
}

export interface OutboxEntry {
  messageId: string;
  leadId: string | null;
  toAddress: string | null;
  fromAddress: string | null;
  subject: string | null;
  text: string;
  html: string | null;
  headers: Record<string, string>;
  deliveredAt: Date;
}

export interface Client {
  id: string;
  leadId: string;
  proposalId: string | null;
  businessName: string;
  contactName: string | null;
  email: string | null;
  phone: string | null;
  /** What the client paid: its paid proposal's total; null when none is linked or paid. */
  amountPaid: Money | null;
  createdAt: Date;
}

/** A tenant at a glance, for the agency overview. */
export interface TenantStats {
  leadsByStatus: Record<string, number>;
  totalLeads: number;
  /** Paid leads over all leads, 0-1. */
  conversionRate: number;
  /** Collected: paid proposals, per currency. */
  revenue: Money[];
  /** Still open: sent proposals not paid yet, per currency. */
  pipelineValue: Money[];
  messagesSentSince: number;
}
