/** GraphQL fragments the pages share. */
export const LEAD_SUMMARY = /* GraphQL */ `
  fragment LeadSummary on Lead {
    id businessName contactName email phone city industry source tags score status assigneeId createdAt updatedAt version
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

/** Everything the lead page shows, in one request. */
export const LEAD_PAGE = /* GraphQL */ `
  query LeadPage($id: ID!, $first: Int!) {
    lead(id: $id) {
      ...LeadSummary
      website country companySize customFields importId allowedActions
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
