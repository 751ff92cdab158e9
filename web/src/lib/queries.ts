import type { LeadDetail, LeadStatus, Message, OutboxEntry, TimelineEntry } from './types.ts';

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
export const HISTORY_PAGE = 200;

/** Everything the lead page shows, in one request (its server render and its live refreshes). */
export const LEAD_PAGE = /* GraphQL */ `
  query LeadPage($id: ID!, $first: Int!) {
    lead(id: $id) {
      ...LeadSummary
      website country companySize customFields importId
      messages { ...MessageFields }
      proposal { ...ProposalFields }
      aiDecisions { id kind provider model reasoning status error latencyMs createdAt }
      tasks { id kind title body status dueAt createdAt leadId }
    }
    history(leadId: $id, first: $first) { entries { ...TimelineFields } pageInfo { hasNextPage endCursor } }
    users { id name }
  }
  ${LEAD_SUMMARY}
  ${MESSAGE_FIELDS}
  ${PROPOSAL_FIELDS}
  ${TIMELINE_FIELDS}
`;

export interface LeadPageData {
  lead: LeadDetail;
  history: { entries: TimelineEntry[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  users: { id: string; name: string }[];
}

// The replies, and the recently active leads to name them by (one request).
export const INBOX_QUERY = /* GraphQL */ `
  query Inbox {
    inbox(first: 50) { ...MessageFields }
    leads(first: 200, orderBy: { field: UPDATED_AT, direction: DESC }) { nodes { id businessName contactName status } }
  }
  ${MESSAGE_FIELDS}
`;

export interface InboxData {
  inbox: Message[];
  leads: { nodes: { id: string; businessName: string; contactName: string | null; status: LeadStatus }[] };
}

// What the offline channel delivered, and the recently active leads to match recipients to.
export const OUTBOX_QUERY = /* GraphQL */ `
  query Outbox {
    outbox(first: 50) { messageId toAddress fromAddress subject text deliveredAt }
    leads(first: 200, orderBy: { field: UPDATED_AT, direction: DESC }) { nodes { id businessName email status } }
    autopilotSettings { channelProvider autopilot }
  }
`;

export interface OutboxData {
  outbox: OutboxEntry[];
  leads: { nodes: { id: string; businessName: string; email: string | null; status: LeadStatus }[] };
  autopilotSettings: { channelProvider: string; autopilot: boolean };
}

export const OVERVIEW_QUERY = /* GraphQL */ `
  query Overview {
    agencyOverview {
      tenantId name error autopilot conversionRate totalLeads messagesSentThisWeek
      revenue { amount currency exponent }
      pipelineValue { amount currency exponent }
      leadsByStatus { status count }
    }
  }
`;
