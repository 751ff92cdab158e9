import type { Actor } from '../context.ts';
import type { LeadStatus, TransitionTrigger } from '../lifecycle/lead-lifecycle.ts';
import type { NormalizedLead } from './lead-input.ts';

export interface Lead extends NormalizedLead {
  id: string;
  tenantId: string;
  pipeline: string;
  status: LeadStatus;
  /** The status the lead left for its current one (a lost lead is reopened back to it). */
  previousStatus: LeadStatus | null;
  /** What moved the lead into its current status (null until it first moves). */
  statusTrigger: TransitionTrigger | null;
  score: number | null;
  version: number;
  importId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface LeadFilter {
  status?: LeadStatus[] | null;
  search?: string | null;
  industry?: string | null;
  city?: string | null;
  source?: string | null;
  tag?: string | null;
  assigneeId?: string | null;
  /** Only leads with no assignee. */
  unassigned?: boolean | null;
}

export const LeadOrderField = {
  CREATED_AT: 'CREATED_AT',
  UPDATED_AT: 'UPDATED_AT',
  BUSINESS_NAME: 'BUSINESS_NAME',
  CITY: 'CITY',
  SCORE: 'SCORE',
} as const;
export type LeadOrderField = (typeof LeadOrderField)[keyof typeof LeadOrderField];
export type SortDirection = 'ASC' | 'DESC';

export interface LeadOrder {
  field: LeadOrderField;
  direction: SortDirection;
}

/** Where a page starts: the sort key and id of the last row of the previous page. */
export interface LeadCursor {
  key: string;
  id: string;
}

/** A lead with where it sits in its list (the cursor of its edge). */
export type LeadInList = Lead & { cursor: LeadCursor };

export const TimelineKind = {
  CREATED: 'CREATED',
  UPDATED: 'UPDATED',
  NOTE: 'NOTE',
  TRANSITION: 'TRANSITION',
  MESSAGE_OUT: 'MESSAGE_OUT',
  MESSAGE_IN: 'MESSAGE_IN',
  AI_DECISION: 'AI_DECISION',
  PROPOSAL: 'PROPOSAL',
  PAYMENT: 'PAYMENT',
  TASK: 'TASK',
  ONBOARDING: 'ONBOARDING',
  FOLLOW_UP: 'FOLLOW_UP',
  REFERRAL: 'REFERRAL',
  FAILURE: 'FAILURE',
  /** A deal of the lead was opened in a pipeline (core/pipelines). */
  DEAL_OPENED: 'DEAL_OPENED',
  /** A deal of the lead moved to another stage of its pipeline. */
  DEAL_MOVED: 'DEAL_MOVED',
} as const;
export type TimelineKind = (typeof TimelineKind)[keyof typeof TimelineKind];

export interface NewTimelineEntry {
  leadId: string;
  kind: TimelineKind;
  actor: Actor;
  fromStatus?: LeadStatus | null;
  toStatus?: LeadStatus | null;
  trigger?: TransitionTrigger | null;
  reason?: string | null;
  data?: Record<string, unknown>;
}

export interface TimelineEntry {
  id: string;
  leadId: string;
  kind: TimelineKind;
  actor: Actor;
  fromStatus: LeadStatus | null;
  toStatus: LeadStatus | null;
  trigger: TransitionTrigger | null;
  reason: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
}
