import type { LeadStatus } from './types.ts';

/** The lifecycle in board order, with the words and colours the dashboard uses for each state. */
export const STATUSES: readonly LeadStatus[] = ['NEW', 'CONTACTED', 'INTERESTED', 'PROPOSAL_SENT', 'PAID', 'LOST'];

export const STATUS_LABEL: Record<LeadStatus, string> = {
  NEW: 'New',
  CONTACTED: 'Contacted',
  INTERESTED: 'Interested',
  PROPOSAL_SENT: 'Proposal sent',
  PAID: 'Paid',
  LOST: 'Lost',
};

export const STATUS_HINT: Record<LeadStatus, string> = {
  NEW: 'Waiting for the first outreach',
  CONTACTED: 'Outreach sent, waiting for a reply',
  INTERESTED: 'Replied with buying intent',
  PROPOSAL_SENT: 'Proposal and payment link sent',
  PAID: 'Paid — onboarding started',
  LOST: 'Closed without a sale',
};

export function isLeadStatus(value: unknown): value is LeadStatus {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}

export function statusLabel(status: string | null | undefined): string {
  return isLeadStatus(status) ? STATUS_LABEL[status] : (status ?? '');
}

/** CSS class suffix for a status (`status-new`, `status-proposal_sent`, …). */
export function statusClass(status: string): string {
  return `status-${status.toLowerCase()}`;
}
