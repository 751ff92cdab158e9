import { Permission as P, type Permission } from './access.ts';

/**
 * Where an operation acts: nowhere yet (sign-in, signup), the caller's agency, or one tenant (the
 * caller's API key's, or the one a signed-in user picked).
 */
export type OperationScope = 'public' | 'agency' | 'tenant';

export interface OperationRule {
  scope: OperationScope;
  /** What the caller must hold; null only for public operations. */
  permission: Permission | null;
  /** Runs the AI on demand: each call is charged to the tenant's per-minute AI budget first. */
  spendsAi?: boolean;
}

const publicOp: OperationRule = { scope: 'public', permission: null };
const agency = (permission: Permission): OperationRule => ({ scope: 'agency', permission });
const tenant = (permission: Permission): OperationRule => ({ scope: 'tenant', permission });
const spendingAi = (permission: Permission): OperationRule => ({ scope: 'tenant', permission, spendsAi: true });

/**
 * Every operation of every transport, by name: GraphQL queries, mutations and subscriptions (HTTP
 * and WebSocket alike), the REST file endpoints (named after their GraphQL twins) and provider
 * webhooks. Who may call each follows from `can` (core/access.ts), which decides by caller kind and
 * role. An operation missing here cannot be served: the gateway refuses to start.
 */
export const operationAccess = {
  // Accounts
  signup: publicOp,
  login: publicOp,
  me: agency(P.OWN_ACCOUNT),
  agency: agency(P.VIEW_DIRECTORY),
  users: agency(P.VIEW_DIRECTORY),
  updateUser: agency(P.MANAGE_USERS),
  removeUser: agency(P.MANAGE_USERS),
  inviteUser: agency(P.MANAGE_USERS),
  invitations: agency(P.MANAGE_USERS),
  resendInvitation: agency(P.MANAGE_USERS),
  revokeInvitation: agency(P.MANAGE_USERS),
  // Joining and recovering an account: the link's token is the credential.
  invitation: publicOp,
  acceptInvitation: publicOp,
  requestPasswordReset: publicOp,
  resetPassword: publicOp,
  // One's own account and sessions
  sessions: agency(P.OWN_ACCOUNT),
  logout: agency(P.OWN_ACCOUNT),
  revokeSession: agency(P.OWN_ACCOUNT),
  revokeAllSessions: agency(P.OWN_ACCOUNT),
  changePassword: agency(P.OWN_ACCOUNT),
  accountOutbox: agency(P.READ_ACCOUNT_MAIL),
  // Tenants (an API key sees only its own)
  tenants: agency(P.READ),
  currentTenant: tenant(P.READ),
  createTenant: agency(P.MANAGE_TENANTS),
  agencyOverview: agency(P.READ),
  // API keys
  apiKeys: tenant(P.MANAGE_API_KEYS),
  createApiKey: tenant(P.MANAGE_API_KEYS),
  revokeApiKey: tenant(P.MANAGE_API_KEYS),
  // Any object of the tenant by id (Relay)
  node: tenant(P.READ),
  // Leads
  leads: tenant(P.READ),
  lead: tenant(P.READ),
  history: tenant(P.READ),
  createLead: tenant(P.WRITE_LEADS),
  updateLead: tenant(P.WRITE_LEADS),
  deleteLead: tenant(P.WRITE_LEADS),
  addNote: tenant(P.WRITE_LEADS),
  moveLead: tenant(P.WRITE_LEADS),
  closeLead: tenant(P.WRITE_LEADS),
  markLeadInterested: tenant(P.OVERRIDE_LIFECYCLE),
  reopenLead: tenant(P.OVERRIDE_LIFECYCLE),
  // Import and export (GraphQL and the REST file endpoints)
  importLeadsCsv: tenant(P.WRITE_LEADS),
  previewLeadImport: tenant(P.WRITE_LEADS),
  leadImport: tenant(P.READ),
  leadImportIssues: tenant(P.READ),
  exportLeadsCsv: tenant(P.READ),
  // Settings, catalog, credentials, secrets
  autopilotSettings: tenant(P.READ),
  updateAutopilotSettings: tenant(P.MANAGE_SETTINGS),
  setProviderCredential: tenant(P.MANAGE_SETTINGS),
  rotateInboundWebhookSecret: tenant(P.READ_SECRETS),
  serviceCatalog: tenant(P.READ),
  currencies: tenant(P.READ),
  setServiceCatalog: tenant(P.MANAGE_SETTINGS),
  // The funnel
  outbox: tenant(P.READ),
  inbox: tenant(P.READ),
  clients: tenant(P.READ),
  tasks: tenant(P.READ),
  classifyReply: spendingAi(P.SPEND_AI),
  correctReplyClassification: tenant(P.WRITE_LEADS),
  // Puts words in a lead's mouth (offline outbox only) that can move it: an owner's or admin's call.
  simulateInboundReply: spendingAi(P.OVERRIDE_LIFECYCLE),
  generateOutreach: spendingAi(P.WRITE_LEADS),
  updateMessageDraft: tenant(P.WRITE_LEADS),
  sendOutreach: tenant(P.WRITE_LEADS),
  generateProposal: spendingAi(P.WRITE_LEADS),
  updateProposalDraft: tenant(P.WRITE_LEADS),
  sendProposal: tenant(P.WRITE_LEADS),
  sendFollowUp: spendingAi(P.WRITE_LEADS),
  sendDraft: tenant(P.WRITE_LEADS),
  sendPaymentLink: tenant(P.WRITE_LEADS),
  scheduleCall: tenant(P.WRITE_LEADS),
  createTask: tenant(P.WRITE_LEADS),
  completeTask: tenant(P.WRITE_LEADS),
  restartOnboarding: tenant(P.WRITE_LEADS),
  // Live
  leadChanged: tenant(P.READ),
  leadDeleted: tenant(P.READ),
  agencyOverviewChanged: agency(P.READ),
  activityAdded: tenant(P.READ),
  // Provider webhooks (the caller proves itself with the provider's signature or URL secret)
  stripeWebhook: tenant(P.POST_PROVIDER_EVENTS),
  inboundEmailWebhook: tenant(P.POST_PROVIDER_EVENTS),
} satisfies Record<string, OperationRule>;

export type OperationName = keyof typeof operationAccess;

/**
 * Fields of results that need more than reading the tenant: the field resolves to null for a caller
 * without the permission (the rest of the answer is unaffected).
 */
export const fieldAccess = {
  'AutopilotSettings.inboundWebhookUrl': P.READ_SECRETS,
} satisfies Record<string, Permission>;

/**
 * Links in a tenant's data that act on a lead when followed, by anyone (one-click unsubscribe: the
 * lead is LOST and its address suppressed; checkout: the lead is PAID): only a caller who may change
 * leads may read them. For any other caller every field listed here resolves with each such link
 * replaced by "[link hidden]" (core/autopilot/action-links.ts), over HTTP and WebSocket alike; the
 * lead exports (GraphQL and REST) treat their cells the same way. A test reads every field of the
 * lead, its timeline and the funnel's lists as a viewer, so a field there that starts carrying links and is
 * missing here is caught (test/e2e/action-links.test.ts).
 */
export const actionLinkAccess = {
  permission: P.WRITE_LEADS,
  fields: [
    // Emails as written and as delivered, replies (which quote them), their headers.
    'Message.subject', 'Message.text', 'Message.html',
    'OutboxEntry.subject', 'OutboxEntry.text', 'OutboxEntry.html', 'OutboxEntry.headers',
    'Proposal.paymentUrl',
    // What people and the AI wrote about a lead, which may quote a reply or paste a link.
    'TimelineEntry.reason', 'TimelineEntry.data',
    'AiDecision.input', 'AiDecision.output', 'AiDecision.reasoning', 'AiDecision.error',
    'ReplyClassification.reasoning',
    'Task.title', 'Task.body',
    // Every free-text field of a lead, as the exports treat every cell.
    'Lead.businessName', 'Lead.contactName', 'Lead.website', 'Lead.industry', 'Lead.city', 'Lead.source', 'Lead.companySize', 'Lead.tags', 'Lead.customFields',
  ],
} as const satisfies { permission: Permission; fields: readonly string[] };

export function operationRule(name: string): OperationRule | null {
  return Object.hasOwn(operationAccess, name) ? operationAccess[name as OperationName] : null;
}
