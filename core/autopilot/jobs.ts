import type { DeliveryUpdate } from '../channels/delivery-status.ts';

/**
 * Every job, its payload, in one place. Every payload carries its tenant, except the account jobs:
 * they carry the agency (or, for a reset asked for by email, nothing known yet).
 */
export interface JobPayloads {
  /** Finds a tenant's NEW leads that have no outreach yet and queues their composition. */
  'autopilot.dispatch': { tenantId: string };
  'outreach.compose': { tenantId: string; leadId: string; step: number };
  'message.send': { tenantId: string; messageId: string };
  'reply.classify': { tenantId: string; messageId: string };
  /** A delivery report that arrived before we recorded the send it reports on: applied again shortly. */
  'message.report': { tenantId: string; update: DeliveryUpdate; attempt: number };
  'proposal.compose': { tenantId: string; leadId: string };
  'proposal.send': { tenantId: string; proposalId: string };
  'payment.confirmed': { tenantId: string; provider: string; eventId: string };
  'onboarding.start': { tenantId: string; leadId: string };
  /** Looks the address up and, when it has an account, makes a reset link and queues its email (the request itself learns nothing). */
  'account.reset-requested': { email: string; requestKey: string };
  /** Sends one version of an invitation, or a password reset, by email. */
  'account.email': { agencyId: string; kind: 'invitation' | 'password_reset'; id: string; version: number };
  /** Starts a saved search's run for the period it is due in (one per period), and queues the next period's. */
  'leadsearch.schedule': { tenantId: string; searchId: string; period: string };
  /** Reads one page of a run's source, enriches and screens what it found, and takes the new businesses. */
  'leadsearch.page': { tenantId: string; runId: string; page: number };
  /** A job that exhausted its retries: recorded on the lead's timeline. */
  'job.failed': { tenantId: string; leadId?: string | null; queue?: string };
}

export type JobName = keyof JobPayloads;

export const jobNames = [
  'autopilot.dispatch',
  'outreach.compose',
  'message.send',
  'reply.classify',
  'message.report',
  'proposal.compose',
  'proposal.send',
  'payment.confirmed',
  'onboarding.start',
  'account.reset-requested',
  'account.email',
  'leadsearch.schedule',
  'leadsearch.page',
  'job.failed',
] as const satisfies readonly JobName[];

export const DEAD_LETTER_QUEUE = 'job.failed';

export interface JobOptions {
  startAfter?: Date;
  /** At most one queued job with this key per queue (e.g. one dispatch per tenant). */
  singletonKey?: string;
}

/** Port: queues jobs, inside the caller's transaction when there is one. */
export interface JobQueue {
  send<N extends JobName>(name: N, payload: JobPayloads[N], options?: JobOptions): Promise<void>;
  sendMany<N extends JobName>(name: N, payloads: Array<JobPayloads[N]>): Promise<void>;
}
