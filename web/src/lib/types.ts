/** The shapes the dashboard reads from the GraphQL API (see gateway/schema.graphql). */
export type LeadStatus = 'NEW' | 'CONTACTED' | 'INTERESTED' | 'PROPOSAL_SENT' | 'PAID' | 'LOST';
export type Role = 'OWNER' | 'ADMIN' | 'MEMBER' | 'VIEWER';
export type LeadAction =
  | 'REOPEN'
  | 'ADD_NOTE' | 'CLASSIFY_REPLY' | 'CLOSE_AS_LOST' | 'CREATE_TASK' | 'DELETE' | 'EDIT' | 'GENERATE_OUTREACH'
  | 'GENERATE_PROPOSAL' | 'MANAGE_CLIENT' | 'MARK_INTERESTED' | 'MODIFY_PROPOSAL' | 'ONBOARD' | 'SCHEDULE_CALL'
  | 'SEND_FOLLOW_UP' | 'SEND_OUTREACH' | 'SEND_PAYMENT_LINK' | 'SEND_PROPOSAL';
export type ReplyIntent = 'ASKING_PRICE' | 'INTERESTED' | 'NOT_INTERESTED' | 'OUT_OF_OFFICE' | 'QUESTION' | 'UNSUBSCRIBE' | 'WRONG_PERSON';

export interface User {
  id: string;
  name: string;
  email: string;
  role: Role;
  tenantIds?: string[] | null;
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

export interface Money {
  amount: number;
  currency: string;
}

export interface TenantOverview {
  tenantId: string;
  name: string;
  autopilot: boolean;
  conversionRate: number;
  totalLeads: number;
  messagesSentThisWeek: number;
  revenue: Money[];
  leadsByStatus: { status: string; count: number }[];
}

export interface ReplyClassification {
  intent: ReplyIntent;
  confidence: number;
  sentiment: string;
  language: string;
  reasoning: string;
  corrected: boolean;
}

export interface Message {
  id: string;
  leadId: string | null;
  direction: 'in' | 'out';
  purpose: string;
  status: string;
  channel: string;
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
  unitAmount: number;
  serviceId: string | null;
}

export interface Proposal {
  id: string;
  title: string;
  summary: string;
  status: string;
  currency: string;
  total: number;
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
  kind: string;
  provider: string;
  model: string;
  reasoning: string | null;
  status: string;
  error: string | null;
  latencyMs: number;
  createdAt: string;
}

export interface Task {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  status: string;
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
  messages: Message[];
  proposal: Proposal | null;
  aiDecisions: AiDecision[];
  tasks: Task[];
}

export interface Service {
  id: string;
  name: string;
  description: string;
  priceMin: number;
  priceMax: number;
  currency: string;
}

export interface ApiKey {
  id: string;
  name: string;
  hint: string;
  role: Role;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

export interface AutopilotSettings {
  autopilot: boolean;
  aiProvider: string;
  aiModel: string | null;
  channelProvider: string;
  paymentsProvider: string;
  currency: string;
  dailySendLimit: number;
  credentialsSet: string[];
  onboardingChecklist: string[];
  sender: { name: string; email: string; company: string; pitch: string };
  inboundWebhookUrl: string;
  stripeWebhookUrl: string;
}

export interface OutboxEntry {
  messageId: string;
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

export interface ImportResult {
  fileErrors: string[];
  import: { id: string; rowsRead: number; imported: number; invalid: number; duplicates: number; status: string; filename: string | null };
  issues: ImportIssue[];
}
