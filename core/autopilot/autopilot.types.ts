import type { ReplyClassification, SenderIdentity } from '../ai/ai.types.ts';
import type { WhatsAppTemplate } from '../channels/whatsapp-window.ts';
import type { Money } from '../money/money.ts';

export type AiProviderSetting = 'default' | 'offline' | 'openai' | 'gemini';
export type ChannelProviderSetting = 'default' | 'outbox' | 'sendgrid';
export type PaymentsProviderSetting = 'default' | 'offline' | 'stripe';
/** SMS and WhatsApp: "off" keeps a tenant's leads off that channel. */
export type TextChannelProviderSetting = 'default' | 'off' | 'outbox' | 'twilio';

/** Who texts come from through Twilio: a Messaging Service, or a number per channel. */
export interface TwilioSender {
  messagingServiceSid: string | null;
  smsFrom: string | null;
  whatsappFrom: string | null;
}

export interface TenantSettings {
  tenantId: string;
  autopilot: boolean;
  sender: SenderIdentity;
  dailySendLimit: number;
  aiProvider: AiProviderSetting;
  aiModel: string | null;
  channelProvider: ChannelProviderSetting;
  paymentsProvider: PaymentsProviderSetting;
  smsProvider: TextChannelProviderSetting;
  whatsappProvider: TextChannelProviderSetting;
  /** The tenant's own Twilio senders (null: the server's, TWILIO_*). */
  twilioSender: TwilioSender;
  /** The approved template sent over WhatsApp outside the 24-hour window; null: nothing is sent then. */
  whatsappTemplate: WhatsAppTemplate | null;
  currency: string;
  onboardingChecklist: string[];
  /** Part of the inbound-email webhook URL; authenticates the provider's posts. */
  inboundSecret: string;
  /** The inbound secret replaced last, while it is still accepted (see WEBHOOK_SECRET_GRACE_MS). */
  previousInboundSecret: string | null;
}

// Closed value sets keep their stored (lower-case) values; the API names them in upper case.
export const MessageDirection = { OUT: 'out', IN: 'in' } as const;
export type MessageDirection = (typeof MessageDirection)[keyof typeof MessageDirection];
export const MessageChannel = { EMAIL: 'email', SMS: 'sms', WHATSAPP: 'whatsapp' } as const;
export type MessageChannel = (typeof MessageChannel)[keyof typeof MessageChannel];
export const MessagePurpose = { OUTREACH: 'outreach', FOLLOW_UP: 'follow_up', PROPOSAL: 'proposal', WELCOME: 'welcome', ANSWER: 'answer', REPLY: 'reply' } as const;
export type MessagePurpose = (typeof MessagePurpose)[keyof typeof MessagePurpose];
export const MessageStatus = {
  COMPOSING: 'composing', DRAFT: 'draft', QUEUED: 'queued', SENDING: 'sending', SENT: 'sent', FAILED: 'failed', SUPPRESSED: 'suppressed', RECEIVED: 'received',
  // Reported by the provider after it accepted the message (SMS and WhatsApp status callbacks).
  DELIVERED: 'delivered', READ: 'read',
} as const;
export type MessageStatus = (typeof MessageStatus)[keyof typeof MessageStatus];
export const ProposalStatus = { DRAFT: 'draft', SENT: 'sent', PAID: 'paid', SUPERSEDED: 'superseded' } as const;
export type ProposalStatus = (typeof ProposalStatus)[keyof typeof ProposalStatus];
export const AiDecisionKind = { WRITE_OUTREACH: 'write_outreach', CLASSIFY_REPLY: 'classify_reply', WRITE_PROPOSAL: 'write_proposal', DRAFT_ANSWER: 'draft_answer', CORRECTION: 'correction' } as const;
export type AiDecisionKind = (typeof AiDecisionKind)[keyof typeof AiDecisionKind];
export const AiDecisionStatus = { OK: 'ok', FAILED: 'failed' } as const;
export type AiDecisionStatus = (typeof AiDecisionStatus)[keyof typeof AiDecisionStatus];
export const TaskKind = { ONBOARDING: 'onboarding', ANSWER_QUESTION: 'answer_question', FOLLOW_UP: 'follow_up', MANUAL: 'manual' } as const;
export type TaskKind = (typeof TaskKind)[keyof typeof TaskKind];
export const TaskStatus = { OPEN: 'open', DONE: 'done' } as const;
export type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];

export interface Message {
  id: string;
  leadId: string | null;
  direction: MessageDirection;
  channel: MessageChannel;
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
  /** Email unless said (see core/channels/channel-choice.ts). */
  channel?: MessageChannel;
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
  providerMessageId?: string | null;
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
  status: ProposalStatus;
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
  kind: AiDecisionKind;
  status: AiDecisionStatus;
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
  kind: TaskKind;
  title: string;
  body: string | null;
  status: TaskStatus;
  dueAt: Date | null;
  createdAt: Date;
}

export interface OutboxEntry {
  messageId: string;
  leadId: string | null;
  channel: MessageChannel;
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
