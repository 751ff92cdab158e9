import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { CredentialName } from '../../../core/autopilot/workspace.service.ts';
import { LeadStatus } from '../../../core/lifecycle/lead-lifecycle.ts';
import { connectionType } from '../connections.ts';
import {
  AiDecisionKind, AiDecisionStatus, MessageChannel, MessageDirection, MessagePurpose, MessageStatus, ProposalStatus, ProviderCredential, ReplyIntent, ReplySentiment, TaskKind, TaskStatus,
  AiProviderEnum, ChannelProviderEnum, PaymentsProviderEnum,
} from './enums.ts';
import { NodeInterface } from './node.types.ts';
import { MinorUnitsScalar, MoneyType } from './money.types.ts';

@ObjectType('SenderIdentity')
export class SenderIdentityType {
  @Field(() => String) name!: string;
  @Field(() => String) email!: string;
  @Field(() => String) company!: string;
  @Field(() => String, { description: 'What the tenant offers, in a sentence; the AI builds outreach around it.' }) pitch!: string;
}

@ObjectType('AutopilotSettings')
export class AutopilotSettingsType {
  @Field(() => Boolean, { description: 'On: the funnel runs unattended from NEW to PAID. Off: each step is a mutation.' }) autopilot!: boolean;
  @Field(() => SenderIdentityType) sender!: SenderIdentityType;
  @Field(() => Int) dailySendLimit!: number;
  @Field(() => AiProviderEnum) aiProvider!: string;
  @Field(() => String, { nullable: true, description: 'The AI model; null: the provider\'s default.' }) aiModel!: string | null;
  @Field(() => ChannelProviderEnum) channelProvider!: string;
  @Field(() => PaymentsProviderEnum) paymentsProvider!: string;
  @Field(() => String) currency!: string;
  @Field(() => [String]) onboardingChecklist!: string[];
  @Field(() => String, { nullable: true, description: 'Where SendGrid Inbound Parse should post replies. It contains a secret: null unless the caller is an owner or admin. rotateInboundWebhookSecret replaces it.' }) inboundWebhookUrl!: string | null;
  @Field(() => String, { description: 'Where Stripe should post events for this tenant.' }) stripeWebhookUrl!: string;
  @Field(() => [ProviderCredential], { description: 'The credentials that are set (their values are never returned).' }) credentialsSet!: CredentialName[];
}

@InputType()
export class SenderIdentityInput {
  @Field(() => String, { nullable: true, description: '1-300 characters.' }) name?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true, description: '1-300 characters.' }) company?: string | null;
  @Field(() => String, { nullable: true, description: '1-300 characters.' }) pitch?: string | null;
}

@InputType()
export class AutopilotSettingsInput {
  @Field(() => Boolean, { nullable: true }) autopilot?: boolean | null;
  @Field(() => SenderIdentityInput, { nullable: true }) sender?: SenderIdentityInput | null;
  @Field(() => Int, { nullable: true, description: '0 to 1000000 emails a day.' }) dailySendLimit?: number | null;
  @Field(() => AiProviderEnum, { nullable: true, description: 'OPENAI and GEMINI are refused (VALIDATION) until their API key is set, on the workspace or the server.' }) aiProvider?: 'default' | 'offline' | 'openai' | 'gemini' | null;
  @Field(() => String, { nullable: true, description: 'The model name, 1-100 letters, digits and . _ : / @ + - (e.g. gpt-4o); "" for the provider\'s default.' }) aiModel?: string | null;
  @Field(() => ChannelProviderEnum, { nullable: true, description: 'SENDGRID is refused (VALIDATION) until its API key is set, on the workspace or the server.' }) channelProvider?: 'default' | 'outbox' | 'sendgrid' | null;
  @Field(() => PaymentsProviderEnum, { nullable: true, description: 'STRIPE is refused (VALIDATION) until its secret key is set, on the workspace or the server.' }) paymentsProvider?: 'default' | 'offline' | 'stripe' | null;
  @Field(() => String, { nullable: true }) currency?: string | null;
  @Field(() => [String], { nullable: true, description: 'At most 30 steps of 1-200 characters each.' }) onboardingChecklist?: string[] | null;
}

@ObjectType('Service')
export class ServiceType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) description!: string;
  @Field(() => MoneyType) priceMin!: MoneyType;
  @Field(() => MoneyType, { description: 'Equal to priceMin for a fixed price.' }) priceMax!: MoneyType;
  @Field(() => String) currency!: string;
}

@InputType()
export class ServiceInput {
  @Field(() => String, { description: '1-200 characters.' }) name!: string;
  @Field(() => String, { nullable: true, description: 'At most 2000 characters (it goes into every proposal the AI writes).' }) description?: string | null;
  @Field(() => MinorUnitsScalar, { description: 'Minor units of `currency` (paise, cents), e.g. "4500000".' }) priceMin!: string;
  @Field(() => MinorUnitsScalar, { nullable: true, description: 'Minor units; omit for a fixed price.' }) priceMax?: string | null;
  @Field(() => String, { description: 'ISO 4217 code, e.g. INR.' }) currency!: string;
}

@ObjectType('Referral')
export class ReferralType {
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
}

@ObjectType('ReplyClassification')
export class ReplyClassificationType {
  @Field(() => ReplyIntent) intent!: string;
  @Field(() => ReplySentiment) sentiment!: string;
  @Field(() => Float, { description: '0-1.' }) confidence!: number;
  @Field(() => String) reasoning!: string;
  @Field(() => String, { description: 'The reply\'s language as a code (en, hi for Devanagari, hinglish for Hindi in Latin script, or another the AI names): an open set.' }) language!: string;
  @Field(() => String, { nullable: true, description: 'Out of office: the first day back (YYYY-MM-DD), when the reply says or implies one.' }) returnDate!: string | null;
  @Field(() => ReferralType, { nullable: true }) referral!: ReferralType | null;
  @Field(() => Boolean, { description: 'True when a user corrected it.' }) corrected!: boolean;
}

@ObjectType('Message', { implements: NodeInterface })
export class MessageType {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true }) leadId!: string | null;
  @Field(() => MessageDirection) direction!: string;
  @Field(() => MessageChannel) channel!: string;
  @Field(() => MessagePurpose) purpose!: string;
  @Field(() => Int, { description: 'Its number among the lead\'s messages of its purpose: follow-ups count from 1, a proposal\'s message has its version, others are 0.' }) step!: number;
  @Field(() => MessageStatus) status!: string;
  @Field(() => String, { nullable: true }) subject!: string | null;
  @Field(() => String, { nullable: true }) text!: string | null;
  @Field(() => String, { nullable: true }) html!: string | null;
  @Field(() => String, { nullable: true }) fromAddress!: string | null;
  @Field(() => String, { nullable: true }) toAddress!: string | null;
  @Field(() => String, { nullable: true, description: 'RFC 5322 Message-ID.' }) rfcMessageId!: string | null;
  @Field(() => String, { nullable: true, description: 'The adapter that carried it (outbox, sendgrid; for a reply, how it arrived).' }) provider!: string | null;
  @Field(() => ID, { nullable: true }) proposalId!: string | null;
  @Field(() => ReplyClassificationType, { nullable: true }) classification!: ReplyClassificationType | null;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) sentAt!: Date | null;
}

@ObjectType('OutboxEntry', { description: 'A message the offline channel delivered, exactly as a provider would have sent it.' })
export class OutboxEntryType {
  @Field(() => String, { description: 'The Message-ID header.' }) messageId!: string;
  @Field(() => String, { nullable: true }) toAddress!: string | null;
  @Field(() => String, { nullable: true }) fromAddress!: string | null;
  @Field(() => String, { nullable: true }) subject!: string | null;
  @Field(() => String) text!: string;
  @Field(() => String, { nullable: true }) html!: string | null;
  @Field(() => GraphQLJSON) headers!: Record<string, string>;
  @Field(() => Date) deliveredAt!: Date;
}

@ObjectType('ProposalLineItem')
export class ProposalLineItemType {
  @Field(() => ID, { nullable: true }) serviceId!: string | null;
  @Field(() => String) description!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => MoneyType) unitAmount!: MoneyType;
  @Field(() => MoneyType, { description: 'unitAmount × quantity.' }) amount!: MoneyType;
}

@InputType()
export class ProposalLineItemInput {
  @Field(() => ID, { nullable: true }) serviceId?: string | null;
  @Field(() => String, { description: '1-500 characters.' }) description!: string;
  @Field(() => Int, { description: '1 to 1000000.' }) quantity!: number;
  @Field(() => MinorUnitsScalar, { description: 'Minor units of the proposal\'s currency.' }) unitAmount!: string;
}

@InputType({ description: 'Changes to a draft proposal; the total is recomputed from the lines.' })
export class UpdateProposalInput {
  @Field(() => String, { nullable: true, description: '1-200 characters.' }) title?: string | null;
  @Field(() => String, { nullable: true, description: '1-3000 characters.' }) summary?: string | null;
  @Field(() => [ProposalLineItemInput], { nullable: true, description: '1-100 lines, adding up to more than 0 (a proposal asks for a payment) and at most 9223372036854775807 minor units.' }) lineItems?: ProposalLineItemInput[] | null;
  @Field(() => [String], { nullable: true, description: 'At most 20 points of 1-300 characters each.' }) expectedResults?: string[] | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: a date that exists, from today (UTC) to two years ahead.' }) validUntil?: string | null;
}

@ObjectType('Proposal', { implements: NodeInterface })
export class ProposalType {
  @Field(() => ID) id!: string;
  @Field(() => ID) leadId!: string;
  @Field(() => Int) version!: number;
  @Field(() => ProposalStatus) status!: string;
  @Field(() => String) title!: string;
  @Field(() => String) summary!: string;
  @Field(() => [ProposalLineItemType]) lineItems!: ProposalLineItemType[];
  @Field(() => String) currency!: string;
  @Field(() => MoneyType, { description: 'The sum of the lines.' }) total!: MoneyType;
  @Field(() => [String]) expectedResults!: string[];
  @Field(() => String) validUntil!: string;
  @Field(() => String, { nullable: true, description: 'The adapter of its payment link (offline, stripe).' }) paymentProvider!: string | null;
  @Field(() => String, { nullable: true }) paymentUrl!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) sentAt!: Date | null;
  @Field(() => Date, { nullable: true }) paidAt!: Date | null;
}

@ObjectType('AiDecision', { description: 'One AI call: what went in, what came out, why, which model, how long.' })
export class AiDecisionType {
  @Field(() => ID) id!: string;
  @Field(() => AiDecisionKind) kind!: string;
  @Field(() => AiDecisionStatus) status!: string;
  @Field(() => String, { description: 'The AI adapter (offline, openai, gemini).' }) provider!: string;
  @Field(() => String) model!: string;
  @Field(() => GraphQLJSON) input!: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) output!: unknown;
  @Field(() => String, { nullable: true }) reasoning!: string | null;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => Int) attempts!: number;
  @Field(() => Int) latencyMs!: number;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType('Task')
export class TaskType {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true }) leadId!: string | null;
  @Field(() => TaskKind) kind!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) body!: string | null;
  @Field(() => TaskStatus) status!: string;
  @Field(() => Date, { nullable: true }) dueAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType('Client', { description: 'A lead that paid: onboarding started.' })
export class ClientType {
  @Field(() => ID) id!: string;
  @Field(() => ID) leadId!: string;
  @Field(() => ID, { nullable: true }) proposalId!: string | null;
  @Field(() => String) businessName!: string;
  @Field(() => String, { nullable: true }) contactName!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => MoneyType, { nullable: true, description: 'The total of the proposal the client paid.' }) amountPaid!: MoneyType | null;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType('StatusCount')
export class StatusCountType {
  @Field(() => LeadStatus) status!: LeadStatus;
  @Field(() => Int) count!: number;
}

@ObjectType('TenantOverview', { description: 'A client tenant at a glance. When its figures cannot be computed, they are null and `error` says so; the other tenants still show.' })
export class TenantOverviewType {
  @Field(() => ID) tenantId!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true, description: 'Why this tenant\'s figures could not be computed (they are null then); null when they are here.' }) error!: string | null;
  @Field(() => [StatusCountType], { nullable: true }) leadsByStatus!: StatusCountType[] | null;
  @Field(() => Int, { nullable: true }) totalLeads!: number | null;
  @Field(() => Float, { nullable: true, description: 'PAID leads over all leads, 0-1.' }) conversionRate!: number | null;
  @Field(() => [MoneyType], { nullable: true, description: 'Revenue collected (paid proposals), one entry per currency.' }) revenue!: MoneyType[] | null;
  @Field(() => [MoneyType], { nullable: true, description: 'Open pipeline: proposals sent and not paid yet, one entry per currency.' }) pipelineValue!: MoneyType[] | null;
  @Field(() => Int, { nullable: true }) messagesSentThisWeek!: number | null;
  @Field(() => Boolean, { nullable: true }) autopilot!: boolean | null;
}

export const MessageConnection = connectionType(MessageType, 'Message');
export type MessageConnection = InstanceType<typeof MessageConnection>;
export const OutboxEntryConnection = connectionType(OutboxEntryType, 'OutboxEntry');
export type OutboxEntryConnection = InstanceType<typeof OutboxEntryConnection>;
export const AiDecisionConnection = connectionType(AiDecisionType, 'AiDecision');
export type AiDecisionConnection = InstanceType<typeof AiDecisionConnection>;
export const TaskConnection = connectionType(TaskType, 'Task');
export type TaskConnection = InstanceType<typeof TaskConnection>;
export const ClientConnection = connectionType(ClientType, 'Client');
export type ClientConnection = InstanceType<typeof ClientConnection>;
export const TenantOverviewConnection = connectionType(TenantOverviewType, 'TenantOverview', 'A page of tenants at a glance (Relay connection).');
export type TenantOverviewConnection = InstanceType<typeof TenantOverviewConnection>;
