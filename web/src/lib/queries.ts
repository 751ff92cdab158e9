import { allNodes } from './connection.ts';
import type { AiDecision, Connection, LeadDetail, LeadStatus, Message, OutboxEntry, Task, TenantOverview, TimelineEntry } from './types.ts';

/** GraphQL fragments the pages share. */
export const LEAD_SUMMARY = /* GraphQL */ `
  fragment LeadSummary on Lead {
    id businessName contactName email phone city industry source tags score status assigneeId createdAt updatedAt version allowedActions lostFrom
  }
`;

export const MESSAGE_FIELDS = /* GraphQL */ `
  fragment MessageFields on Message {
    id leadId direction purpose status channel subject text fromAddress toAddress sentAt createdAt error
    classification { intent confidence sentiment language reasoning corrected }
  }
`;

export const PROPOSAL_FIELDS = /* GraphQL */ `
  fragment ProposalFields on Proposal {
    id title summary status currency total { ...MoneyFields } validUntil expectedResults paymentUrl paymentProvider sentAt paidAt createdAt version
    lineItems { description quantity unitAmount { ...MoneyFields } amount { ...MoneyFields } serviceId }
  }
  fragment MoneyFields on Money {
    amount currency exponent
  }
`;

export const TIMELINE_FIELDS = /* GraphQL */ `
  fragment TimelineFields on TimelineEntry {
    id kind fromStatus toStatus trigger reason data createdAt actor { type name id }
  }
`;

/** History entries on the lead page's first paint (it fetches older ones on demand). */
export const HISTORY_PAGE = 100;
/** The latest messages and AI decisions, and the first tasks, a lead page shows (the query's cost stays within the API's limit). */
export const LEAD_LISTS = { messages: 60, decisions: 30, tasks: 50 } as const;
/** Team members named on a page (assignees); an agency has fewer. */
export const TEAM_PAGE = 100;

/** Everything the lead page shows, in one request (its server render and its live refreshes). */
export const LEAD_PAGE = /* GraphQL */ `
  query LeadPage($id: ID!, $first: Int!) {
    lead(id: $id) {
      ...LeadSummary
      website country companySize customFields importId
      messages(last: ${LEAD_LISTS.messages}) { nodes { ...MessageFields } pageInfo { hasPreviousPage } }
      proposal { ...ProposalFields }
      aiDecisions(last: ${LEAD_LISTS.decisions}) { nodes { id kind provider model reasoning status error latencyMs createdAt } }
      tasks(first: ${LEAD_LISTS.tasks}) { nodes { id kind title body status dueAt createdAt leadId } }
    }
    history(leadId: $id, first: $first) { nodes { ...TimelineFields } pageInfo { hasNextPage endCursor } }
    users(first: ${TEAM_PAGE}) { nodes { id name } }
  }
  ${LEAD_SUMMARY}
  ${MESSAGE_FIELDS}
  ${PROPOSAL_FIELDS}
  ${TIMELINE_FIELDS}
`;

/** The lead page's answer as the API gives it: its lists are connections. */
interface LeadPageAnswer {
  lead: Omit<LeadDetail, 'messages' | 'aiDecisions' | 'tasks' | 'olderMessages'> & {
    messages: { nodes: Message[]; pageInfo: { hasPreviousPage: boolean } };
    aiDecisions: { nodes: AiDecision[] };
    tasks: { nodes: Task[] };
  };
  history: Connection<TimelineEntry>;
  users: { nodes: { id: string; name: string }[] };
}

export interface LeadPageData {
  lead: LeadDetail;
  history: Connection<TimelineEntry>;
  users: { id: string; name: string }[];
}

/** The lead page's data with its lists as arrays, as the components take them. */
export function leadPageData(answer: LeadPageAnswer): LeadPageData {
  const { messages, aiDecisions, tasks, ...lead } = answer.lead;
  return {
    lead: { ...lead, messages: messages.nodes, olderMessages: messages.pageInfo.hasPreviousPage, aiDecisions: aiDecisions.nodes, tasks: tasks.nodes },
    history: answer.history,
    users: answer.users.nodes,
  };
}

/** Reads the lead page with `read` (the browser's or the server's GraphQL call). */
export async function loadLeadPage(read: <T>(query: string, variables: Record<string, unknown>) => Promise<T>, id: string): Promise<LeadPageData> {
  return leadPageData(await read<LeadPageAnswer>(LEAD_PAGE, { id, first: HISTORY_PAGE }));
}

// The replies, and the recently active leads to name them by (one request).
export const INBOX_QUERY = /* GraphQL */ `
  query Inbox {
    inbox(first: 50) { nodes { ...MessageFields } }
    leads(first: 200, orderBy: { field: UPDATED_AT, direction: DESC }) { nodes { id businessName contactName status } }
  }
  ${MESSAGE_FIELDS}
`;

export interface InboxData {
  inbox: { nodes: Message[] };
  leads: { nodes: { id: string; businessName: string; contactName: string | null; status: LeadStatus }[] };
}

// What the offline channel delivered, and the recently active leads to match recipients to.
export const OUTBOX_QUERY = /* GraphQL */ `
  query Outbox {
    outbox(first: 50) { nodes { messageId channel toAddress fromAddress subject text deliveredAt } }
    leads(first: 200, orderBy: { field: UPDATED_AT, direction: DESC }) { nodes { id businessName email phone status } }
    autopilotSettings { channelProvider autopilot }
  }
`;

export interface OutboxData {
  outbox: { nodes: OutboxEntry[] };
  leads: { nodes: { id: string; businessName: string; email: string | null; phone: string | null; status: LeadStatus }[] };
  autopilotSettings: { channelProvider: string; autopilot: boolean };
}

/** Tenants per request of the agency overview (each costs its figures); the page reads them all. */
export const OVERVIEW_PAGE = 50;

export const OVERVIEW_QUERY = /* GraphQL */ `
  query Overview($first: Int!, $after: String) {
    agencyOverview(first: $first, after: $after) {
      nodes {
        tenantId name error autopilot conversionRate totalLeads messagesSentThisWeek
        revenue { amount currency exponent }
        pipelineValue { amount currency exponent }
        leadsByStatus { status count }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

/** Every tenant's overview, a page at a time, with `read` (the browser's or the server's GraphQL call). */
export function loadOverview(read: <T>(query: string, variables: Record<string, unknown>) => Promise<T>): Promise<TenantOverview[]> {
  return allNodes(async (after) => (await read<{ agencyOverview: Connection<TenantOverview> }>(OVERVIEW_QUERY, { first: OVERVIEW_PAGE, after })).agencyOverview);
}
