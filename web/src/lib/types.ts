/** The shapes the dashboard reads from the GraphQL API (see gateway/schema.graphql). */
export type LeadStatus = 'NEW' | 'CONTACTED' | 'INTERESTED' | 'PROPOSAL_SENT' | 'PAID' | 'LOST';
export type Role = 'OWNER' | 'ADMIN' | 'MEMBER' | 'VIEWER';
export type LeadAction =
  | 'REOPEN'
  | 'ADD_NOTE' | 'CLASSIFY_REPLY' | 'CLOSE_AS_LOST' | 'CREATE_TASK' | 'DELETE' | 'EDIT' | 'GENERATE_OUTREACH'
  | 'GENERATE_PROPOSAL' | 'MANAGE_CLIENT' | 'MARK_INTERESTED' | 'MODIFY_PROPOSAL' | 'ONBOARD' | 'SCHEDULE_CALL'
  | 'SEND_FOLLOW_UP' | 'SEND_OUTREACH' | 'SEND_PAYMENT_LINK' | 'SEND_PROPOSAL';
export type ReplyIntent = 'ASKING_PRICE' | 'INTERESTED' | 'NOT_INTERESTED' | 'OUT_OF_OFFICE' | 'QUESTION' | 'UNSUBSCRIBE' | 'WRONG_PERSON';
export type ReplySentiment = 'POSITIVE' | 'NEUTRAL' | 'NEGATIVE';
export type MessageDirection = 'IN' | 'OUT';
export type MessagePurpose = 'OUTREACH' | 'FOLLOW_UP' | 'PROPOSAL' | 'WELCOME' | 'ANSWER' | 'REPLY';
export type MessageStatus = 'COMPOSING' | 'DRAFT' | 'QUEUED' | 'SENDING' | 'SENT' | 'DELIVERED' | 'READ' | 'FAILED' | 'SUPPRESSED' | 'RECEIVED';
export type MessageChannel = 'EMAIL' | 'SMS' | 'WHATSAPP';
export type ProposalStatus = 'DRAFT' | 'SENT' | 'PAID' | 'SUPERSEDED';
export type TaskKind = 'ONBOARDING' | 'ANSWER_QUESTION' | 'FOLLOW_UP' | 'MANUAL';
export type TaskStatus = 'OPEN' | 'DONE';
export type AiDecisionKind = 'WRITE_OUTREACH' | 'CLASSIFY_REPLY' | 'WRITE_PROPOSAL' | 'DRAFT_ANSWER' | 'CORRECTION';
export type ProviderCredential = 'OPENAI_API_KEY' | 'GEMINI_API_KEY' | 'SENDGRID_API_KEY' | 'STRIPE_SECRET_KEY' | 'STRIPE_WEBHOOK_SECRET';

/** A page of a list (a Relay connection) as the dashboard reads it. */
export interface Connection<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface User {
  id: string;
  name: string;
  email: string;
  role: Role;
  tenantIds?: string[] | null;
}
/** A signed-in session of the current user. */
export interface SessionInfo {
  id: string;
  current: boolean;
  userAgent: string | null;
  address: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

/** A pending invitation to the agency. */
export interface Invitation {
  id: string;
  email: string;
  name: string;
  role: Role;
  tenantIds: string[];
  invitedBy: { id: string | null; name: string } | null;
  createdAt: string;
  expiresAt: string;
  lastSentAt: string | null;
}

/** An account email (invitation, password reset) the offline outbox kept. */
export interface AccountEmail {
  messageId: string;
  kind: 'INVITATION' | 'PASSWORD_RESET';
  toAddress: string;
  fromAddress: string;
  subject: string;
  text: string;
  deliveredAt: string;
}

export interface Tenant {
  id: string;
  name: string;
}
export interface Agency {
  id: string;
  name: string;
}

/** A lead as a board card or a table row shows it. */
export interface LeadSummary {
  id: string;
  businessName: string;
  contactName: string | null;
  email: string | null;
  phone: string | null;
  city: string | null;
  industry: string | null;
  source: string | null;
  tags: string[];
  score: number | null;
  status: LeadStatus;
  assigneeId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** What the caller may do now (the API decides: state, history and role). */
  allowedActions: LeadAction[];
  /** For a lost lead, the status a reopen returns it to. */
  lostFrom: LeadStatus | null;
}

/** A row of the leads table: the summary plus what the edit form needs. */
export interface LeadRow extends LeadSummary {
  website: string | null;
  country: string | null;
  companySize: string | null;
}

/** An exact amount: minor units as a string of digits (past 2^53 a JS number would round it). */
export interface Money {
  amount: string;
  currency: string;
  /** Digits after the decimal point (ISO 4217 minor unit): 2 for INR, 0 for JPY. */
  exponent: number;
}

export interface Currency {
  code: string;
  name: string;
  exponent: number;
}

/** A tenant at a glance; when its figures could not be computed they are null and `error` says why. */
export interface TenantOverview {
  tenantId: string;
  name: string;
  error: string | null;
  autopilot: boolean | null;
  conversionRate: number | null;
  totalLeads: number | null;
  messagesSentThisWeek: number | null;
  revenue: Money[] | null;
  pipelineValue: Money[] | null;
  leadsByStatus: { status: LeadStatus; count: number }[] | null;
}

export interface ReplyClassification {
  intent: ReplyIntent;
  confidence: number;
  sentiment: ReplySentiment;
  language: string;
  reasoning: string;
  corrected: boolean;
}

export interface Message {
  id: string;
  leadId: string | null;
  direction: MessageDirection;
  purpose: MessagePurpose;
  status: MessageStatus;
  channel: MessageChannel;
  subject: string | null;
  text: string | null;
  fromAddress: string | null;
  toAddress: string | null;
  sentAt: string | null;
  createdAt: string;
  error: string | null;
  classification: ReplyClassification | null;
}

export interface ProposalLineItem {
  description: string;
  quantity: number;
  unitAmount: Money;
  /** unitAmount × quantity. */
  amount: Money;
  serviceId: string | null;
}

export interface Proposal {
  id: string;
  title: string;
  summary: string;
  status: ProposalStatus;
  currency: string;
  total: Money;
  validUntil: string;
  expectedResults: string[];
  lineItems: ProposalLineItem[];
  paymentUrl: string | null;
  paymentProvider: string | null;
  sentAt: string | null;
  paidAt: string | null;
  createdAt: string;
  version: number;
}

export interface AiDecision {
  id: string;
  kind: AiDecisionKind;
  provider: string;
  model: string;
  reasoning: string | null;
  status: 'OK' | 'FAILED';
  error: string | null;
  latencyMs: number;
  createdAt: string;
}

export interface Task {
  id: string;
  kind: TaskKind;
  title: string;
  body: string | null;
  status: TaskStatus;
  dueAt: string | null;
  createdAt: string;
  leadId: string | null;
}

export interface TimelineEntry {
  id: string;
  kind: string;
  fromStatus: LeadStatus | null;
  toStatus: LeadStatus | null;
  trigger: string | null;
  reason: string | null;
  data: Record<string, unknown>;
  actor: { type: string; name: string; id: string | null };
  createdAt: string;
}

export interface LeadDetail extends LeadSummary {
  website: string | null;
  country: string | null;
  companySize: string | null;
  customFields: Record<string, unknown>;
  importId: string | null;
  /** The latest messages (see LEAD_LISTS in queries.ts); olderMessages says that earlier ones exist. */
  messages: Message[];
  olderMessages: boolean;
  proposal: Proposal | null;
  aiDecisions: AiDecision[];
  tasks: Task[];
}

export interface Service {
  id: string;
  name: string;
  description: string;
  priceMin: Money;
  priceMax: Money;
  currency: string;
}

export interface ApiKey {
  id: string;
  name: string;
  hint: string;
  role: Role;
  /** Null once the person who created it has left the agency. */
  createdBy: { id: string; name: string } | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

export interface AutopilotSettings {
  autopilot: boolean;
  aiProvider: 'DEFAULT' | 'OFFLINE' | 'OPENAI' | 'GEMINI';
  aiModel: string | null;
  channelProvider: 'DEFAULT' | 'OUTBOX' | 'SENDGRID';
  paymentsProvider: 'DEFAULT' | 'OFFLINE' | 'STRIPE';
  currency: string;
  dailySendLimit: number;
  credentialsSet: ProviderCredential[];
  onboardingChecklist: string[];
  sender: { name: string; email: string; company: string; pitch: string };
  /** Null unless the caller is an owner or admin (it carries a secret). */
  inboundWebhookUrl: string | null;
  stripeWebhookUrl: string;
}

export interface OutboxEntry {
  messageId: string;
  /** EMAIL, or the lead's SMS or WhatsApp thread. */
  channel: MessageChannel;
  toAddress: string | null;
  fromAddress: string | null;
  subject: string | null;
  text: string;
  deliveredAt: string;
}

export interface ImportIssue {
  row: number;
  field: string;
  kind: string;
  reason: string;
  existingLeadId: string | null;
}

export interface ImportFormat {
  encoding: 'UTF_8' | 'UTF_16LE' | 'UTF_16BE' | 'WINDOWS_1252' | null;
  delimiter: 'COMMA' | 'SEMICOLON' | 'TAB' | 'PIPE' | null;
  headerRow: number | null;
}

export interface ImportResult {
  fileErrors: string[];
  fileWarnings: string[];
  format: ImportFormat;
  import: { id: string; rowsRead: number; imported: number; invalid: number; duplicates: number; skipped: number; warnings: number; status: 'RUNNING' | 'COMPLETED' | 'FAILED'; filename: string | null };
  issues: ImportIssue[];
}

/** Where a column goes: a lead field, CUSTOM (a custom field named customKey) or IGNORE. */
export type ImportField = 'BUSINESS_NAME' | 'CONTACT_NAME' | 'FIRST_NAME' | 'LAST_NAME' | 'EMAIL' | 'PHONE' | 'WEBSITE' | 'INDUSTRY'
  | 'CITY' | 'COUNTRY' | 'SOURCE' | 'COMPANY_SIZE' | 'TAGS' | 'CUSTOM' | 'IGNORE';

export interface ImportColumn {
  index: number;
  header: string;
  field: ImportField;
  customKey: string | null;
  samples: string[];
}

export interface ImportPreviewRow {
  row: number;
  outcome: 'IMPORT' | 'INVALID' | 'DUPLICATE' | 'SKIP';
  lead: { businessName: string; contactName: string | null; email: string | null; phone: string | null; city: string | null; country: string | null } | null;
  issues: Array<{ field: string; kind: string; reason: string }>;
}

export interface ImportPreview {
  format: ImportFormat;
  columns: ImportColumn[];
  rows: ImportPreviewRow[];
  fileErrors: string[];
  fileWarnings: string[];
}

/** A column's target chosen in the mapping step (by position). */
export interface ColumnChoice {
  index: number;
  field: ImportField;
  customKey?: string | null;
}
