import { registerEnumType } from 'type-graphql';
import { Role } from '../../../core/access.ts';
import { ReplyIntent, ReplySentiment } from '../../../core/ai/ai.types.ts';
import { AiDecisionKind, AiDecisionStatus, MessageChannel, MessageDirection, MessagePurpose, MessageStatus, ProposalStatus, TaskKind, TaskStatus } from '../../../core/autopilot/autopilot.types.ts';
import { ProviderCredential } from '../../../core/autopilot/workspace.service.ts';
import { LeadImportStatus } from '../../../core/leads/lead-import.ts';
import { LeadOrderField, TimelineKind } from '../../../core/leads/lead.types.ts';
import { ImportField } from '../../../core/leads/import/column-choices.ts';
import { Delimiter, TextEncoding } from '../../../core/leads/import/text-format.ts';
import { LeadAction, LeadStatus, TransitionTrigger } from '../../../core/lifecycle/lead-lifecycle.ts';

// Every closed set of values is a GraphQL enum, named in UPPER_CASE; the domain keeps its own
// values (often lower-case, as stored) and type-graphql maps between the two.

export const ActorType = { USER: 'user', API_KEY: 'api_key', SYSTEM: 'system', PROVIDER: 'provider' } as const;
export const SortDirection = { ASC: 'ASC', DESC: 'DESC' } as const;
export const RoleEnum = { OWNER: Role.OWNER, ADMIN: Role.ADMIN, MEMBER: Role.MEMBER, VIEWER: Role.VIEWER } as const;
export const ImportIssueKind = { INVALID: 'invalid', DUPLICATE: 'duplicate', WARNING: 'warning' } as const;
export { ImportField };
export const ImportRowOutcome = { IMPORT: 'IMPORT', INVALID: 'INVALID', DUPLICATE: 'DUPLICATE', SKIP: 'SKIP' } as const;
/** A tenant's providers: closed sets, stored in lower case. */
export const AiProviderEnum = { DEFAULT: 'default', OFFLINE: 'offline', OPENAI: 'openai', GEMINI: 'gemini' } as const;
export const ChannelProviderEnum = { DEFAULT: 'default', OUTBOX: 'outbox', SENDGRID: 'sendgrid' } as const;
export const PaymentsProviderEnum = { DEFAULT: 'default', OFFLINE: 'offline', STRIPE: 'stripe' } as const;
export const TextChannelProviderEnum = { DEFAULT: 'default', OFF: 'off', OUTBOX: 'outbox', TWILIO: 'twilio' } as const;
export {
  AiDecisionKind, AiDecisionStatus, Delimiter, LeadImportStatus, MessageChannel, MessageDirection, MessagePurpose, MessageStatus,
  ProposalStatus, ProviderCredential, ReplyIntent, ReplySentiment, TaskKind, TaskStatus, TextEncoding, TimelineKind,
};

registerEnumType(LeadStatus, { name: 'LeadStatus', description: 'Where a lead is in its lifecycle; exactly one at a time.' });
registerEnumType(LeadAction, { name: 'LeadAction', description: 'Something a caller can do to a lead; see Lead.allowedActions.' });
registerEnumType(TransitionTrigger, { name: 'TransitionTrigger', description: 'What caused a status change.' });
registerEnumType(RoleEnum, { name: 'Role', description: 'owner and admin reach every tenant of the agency; member and viewer only their tenants; viewer cannot change anything.' });
registerEnumType(ActorType, { name: 'ActorType' });
registerEnumType(LeadOrderField, { name: 'LeadOrderField' });
registerEnumType(SortDirection, { name: 'SortDirection' });
registerEnumType(ImportIssueKind, { name: 'ImportIssueKind', description: 'INVALID and DUPLICATE rows were not imported; a row with a WARNING was.' });
registerEnumType(ImportField, { name: 'ImportField', description: 'Where a column of an imported file goes: a lead field, CUSTOM (a custom field) or IGNORE.' });
registerEnumType(ImportRowOutcome, { name: 'ImportRowOutcome', description: 'What an import would do with a row.' });
registerEnumType(AiProviderEnum, {
  name: 'AiProvider',
  description: 'The AI that writes and reads the funnel\'s messages. DEFAULT: the server\'s (AI_PROVIDER, or OpenAI/Gemini when a key is set, else offline). OPENAI and GEMINI need an API key: the tenant\'s credential or the server\'s.',
});
registerEnumType(ChannelProviderEnum, { name: 'ChannelProvider', description: 'How email goes out. DEFAULT: SendGrid when a key is set, else the offline outbox. SENDGRID needs an API key (the tenant\'s or the server\'s).' });
registerEnumType(PaymentsProviderEnum, { name: 'PaymentsProvider', description: 'How proposals are paid. DEFAULT: Stripe when a key is set, else the offline checkout. STRIPE needs a secret key (the tenant\'s or the server\'s).' });
registerEnumType(TextChannelProviderEnum, {
  name: 'TextChannelProvider',
  description: 'How SMS or WhatsApp reaches leads without an email address (WhatsApp first, then SMS). DEFAULT: Twilio when an account is set (the workspace\'s or the server\'s), else the offline outbox\'s thread. OFF: leads are not reached on this channel. TWILIO needs the TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN credentials and a sender (the tenant\'s or the server\'s).',
});
registerEnumType(ReplyIntent, { name: 'ReplyIntent', description: 'What a reply means.' });
registerEnumType(ReplySentiment, { name: 'ReplySentiment', description: 'How a reply sounds.' });
registerEnumType(MessageDirection, { name: 'MessageDirection', description: 'OUT: to the lead; IN: a reply from the lead.' });
registerEnumType(MessageChannel, { name: 'MessageChannel', description: 'How a message travels: EMAIL, SMS or WHATSAPP.' });
registerEnumType(MessagePurpose, { name: 'MessagePurpose', description: 'What a message is for; REPLY is a message from the lead.' });
registerEnumType(MessageStatus, {
  name: 'MessageStatus',
  description: 'Where a message is: COMPOSING (the AI writes it), DRAFT (to check and send), QUEUED, SENDING, SENT (the provider accepted it), DELIVERED and READ (as the provider reports them, for SMS and WhatsApp), FAILED, SUPPRESSED (the address is on the suppression list), RECEIVED (a reply).',
});
registerEnumType(ProposalStatus, { name: 'ProposalStatus', description: 'DRAFT (editable), SENT (awaiting payment), PAID, SUPERSEDED (a newer version replaced the draft).' });
registerEnumType(AiDecisionKind, { name: 'AiDecisionKind', description: 'What the AI was asked to do; CORRECTION is a user\'s correction of a classification.' });
registerEnumType(AiDecisionStatus, { name: 'AiDecisionStatus', description: 'OK, or FAILED (see error).' });
registerEnumType(TaskKind, { name: 'TaskKind', description: 'ONBOARDING (the checklist after payment), ANSWER_QUESTION, FOLLOW_UP (a scheduled call, say) or MANUAL.' });
registerEnumType(TaskStatus, { name: 'TaskStatus' });
registerEnumType(TimelineKind, { name: 'TimelineEntryKind', description: 'What a timeline entry records.' });
registerEnumType(LeadImportStatus, { name: 'LeadImportStatus' });
registerEnumType(ProviderCredential, { name: 'ProviderCredential', description: 'A provider credential a tenant may store (encrypted; never shown again).' });
registerEnumType(TextEncoding, { name: 'ImportEncoding', description: 'The encoding a file was read in.' });
registerEnumType(Delimiter, { name: 'CsvDelimiter', description: 'The character between cells: COMMA, SEMICOLON, TAB or PIPE.' });
