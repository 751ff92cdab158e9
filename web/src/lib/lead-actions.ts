import type { LeadAction, MessageStatus, ProposalStatus } from './types.ts';

/**
 * The buttons a lead page shows, in this order, for the actions the API allows (allowedActions)
 * and offers a mutation for. MANAGE_CLIENT has no mutation and the dashboard no client view yet,
 * so it is not a button.
 */
export interface ActionButton {
  action: LeadAction;
  label: string;
  tone: 'primary' | 'default' | 'danger';
}

const BUTTONS: ActionButton[] = [
  { action: 'REOPEN', label: 'Reopen', tone: 'primary' },
  { action: 'GENERATE_OUTREACH', label: 'Write outreach', tone: 'primary' },
  { action: 'SEND_OUTREACH', label: 'Send outreach', tone: 'primary' },
  { action: 'SEND_FOLLOW_UP', label: 'Send follow-up', tone: 'default' },
  { action: 'MARK_INTERESTED', label: 'Mark interested', tone: 'default' },
  { action: 'GENERATE_PROPOSAL', label: 'Write proposal', tone: 'primary' },
  { action: 'SEND_PROPOSAL', label: 'Send proposal', tone: 'primary' },
  { action: 'SEND_PAYMENT_LINK', label: 'Resend payment link', tone: 'default' },
  { action: 'SCHEDULE_CALL', label: 'Schedule call', tone: 'default' },
  { action: 'CREATE_TASK', label: 'Add task', tone: 'default' },
  { action: 'ONBOARD', label: 'Run onboarding again', tone: 'default' },
  { action: 'EDIT', label: 'Edit', tone: 'default' },
  { action: 'ADD_NOTE', label: 'Add note', tone: 'default' },
  { action: 'CLOSE_AS_LOST', label: 'Close as lost', tone: 'danger' },
  { action: 'DELETE', label: 'Delete', tone: 'danger' },
];

export interface ActionContext {
  /** The latest proposal's status, if any: sending needs a draft. */
  proposalStatus: ProposalStatus | null;
  /** The first outreach message's status, if there is one: sending needs a draft, writing needs none (or a failed one). */
  outreachStatus?: MessageStatus | null;
}

export function actionButtons(allowed: readonly LeadAction[], context: ActionContext): ActionButton[] {
  const set = new Set(allowed);
  const outreach = context.outreachStatus ?? null;
  return BUTTONS.filter((button) => {
    if (!set.has(button.action)) return false;
    if (button.action === 'SEND_PROPOSAL') return context.proposalStatus === 'DRAFT';
    if (button.action === 'GENERATE_PROPOSAL') return context.proposalStatus === null || context.proposalStatus === 'SUPERSEDED';
    if (button.action === 'SEND_PAYMENT_LINK') return context.proposalStatus === 'SENT';
    if (button.action === 'GENERATE_OUTREACH') return outreach === null || outreach === 'FAILED';
    if (button.action === 'SEND_OUTREACH') return outreach === 'DRAFT';
    return true;
  });
}

/** What the page says instead of a button it cannot offer yet (the AI is still writing). */
export function pendingNote(context: ActionContext): string | null {
  return context.outreachStatus === 'COMPOSING' ? 'The AI is writing the outreach; it appears under Messages as a draft to check and send.' : null;
}
