import type { StepOutcome } from '../../core/autopilot/autopilot.deps.ts';
import type { JobName, JobPayloads } from '../../core/autopilot/jobs.ts';
import type { Services } from '../services.ts';

type Handler<N extends JobName> = (services: Services, payload: JobPayloads[N]) => Promise<unknown>;

/** One line per job: payload in, a service call out. The services are idempotent. */
export const handlers: { [N in JobName]: Handler<N> } = {
  'autopilot.dispatch': async (services, { tenantId }) => {
    const result = await services.autopilot(tenantId).outreach.dispatch();
    // A full batch means more leads wait: queue the next round instead of looping in one job.
    if (result.more) await services.boss.send('autopilot.dispatch', { tenantId }, { singletonKey: tenantId });
    // Leads created while this round ran may have had their own dispatch dropped as a duplicate of
    // this one (one per tenant is queued at most): look once more, shortly, whenever this round found any.
    else if (result.queued > 0) await services.boss.send('autopilot.dispatch', { tenantId }, { singletonKey: tenantId, startAfter: new Date(Date.now() + 2_000) });
    return result;
  },
  'outreach.compose': (services, { tenantId, leadId, step }) => services.autopilot(tenantId).outreach.compose(leadId, step),
  'message.send': (services, { tenantId, messageId }) => services.autopilot(tenantId).delivery.deliver(messageId),
  'reply.classify': (services, { tenantId, messageId }) => services.autopilot(tenantId).replies.classify(messageId),
  'message.report': (services, { tenantId, update, attempt }) => services.autopilot(tenantId).deliveryReports.apply(update, attempt),
  'proposal.compose': (services, { tenantId, leadId }) => services.autopilot(tenantId).proposals.compose(leadId),
  'proposal.send': (services, { tenantId, proposalId }) => services.autopilot(tenantId).proposals.send(proposalId),
  'payment.confirmed': (services, { tenantId, provider, eventId }) => services.autopilot(tenantId).payments.confirm(provider, eventId),
  'onboarding.start': (services, { tenantId, leadId }) => services.autopilot(tenantId).onboarding.start(leadId),
  'account.reset-requested': (services, request) => services.accounts.passwords.issue(request),
  'account.email': (services, email) => services.accounts.mail.deliver(email),
  'leadsearch.schedule': (services, { tenantId, searchId }) => services.leadSearch(tenantId).runner.scheduled(searchId),
  'leadsearch.page': (services, { tenantId, runId, page }) => services.leadSearch(tenantId).runner.page(runId, page),
  // The failure was written to the lead's timeline on the last attempt; the dead letter is kept for operators.
  'job.failed': async () => undefined,
};

type BatchHandler<N extends JobName> = (services: Services, tenantId: string, payloads: Array<JobPayloads[N]>) => Promise<Array<StepOutcome<unknown>>>;

/**
 * The high-volume steps, done set-based: a batch of one tenant's jobs costs a few statements, not a
 * few per job. One outcome per payload, in order.
 */
export const batchHandlers: { [N in JobName]?: BatchHandler<N> } = {
  'outreach.compose': (services, tenantId, payloads) => services.autopilot(tenantId).outreach.composeMany(payloads),
  'message.send': (services, tenantId, payloads) => services.autopilot(tenantId).delivery.deliverMany(payloads.map((p) => p.messageId)),
  'reply.classify': (services, tenantId, payloads) => services.autopilot(tenantId).replies.classifyMany(payloads.map((p) => p.messageId)),
  'onboarding.start': (services, tenantId, payloads) => services.autopilot(tenantId).onboarding.startMany(payloads.map((p) => p.leadId)),
};

type FailureHandler<N extends JobName> = (services: Services, payload: JobPayloads[N], reason: string) => Promise<unknown>;

/**
 * What a job out of retries leaves behind, for jobs whose failure is not a lead's: a lead search
 * run fails visibly, with the reason. Jobs not listed here are recorded on their lead's timeline.
 */
export const failureHandlers: { [N in JobName]?: FailureHandler<N> } = {
  'leadsearch.page': (services, { tenantId, runId }, reason) => services.leadSearch(tenantId).runner.fail(runId, `The search could not go on after several tries: ${reason}`),
  'leadsearch.schedule': async () => undefined,
};
