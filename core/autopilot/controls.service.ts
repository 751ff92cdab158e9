import { Permission, assertCan, can, permissionForAction } from '../access.ts';
import type { ReplyClassification } from '../ai/ai.types.ts';
import type { TenantContext } from '../context.ts';
import { DomainError, ErrorCode, notFound, validationError, type FieldError } from '../errors.ts';
import { TimelineKind, type Lead } from '../leads/lead.types.ts';
import { LeadAction, assertActionAllowed, isActionAllowed } from '../lifecycle/lead-lifecycle.ts';
import type { AutopilotDeps } from './autopilot.deps.ts';
import type { TenantTx } from './autopilot.ports.ts';
import type { Message, Proposal, Task } from './autopilot.types.ts';
import { addressFor } from './lead-address.ts';
import { proposalTotal, readExpectedResults, readLineItems, readValidUntil, type ProposalPatch } from './proposal-lines.ts';
import { ReplyService } from './reply.service.ts';

/** What people write into messages and tasks (documented in the schema). */
export const MESSAGE_LIMITS = { subject: 300, text: 20_000 } as const;
export const TASK_LIMITS = { title: 200, body: 2_000, daysBack: 1, daysAhead: 5 * 365 } as const;

function checkLength(field: string, value: string | null | undefined, max: number): FieldError[] {
  return value && value.length > max ? [{ field, message: `must be at most ${max} characters` }] : [];
}

/** A call or a due date: a real time, from a day ago (said late) to five years ahead (a renewal, say). */
function checkWhen(field: string, at: Date, now: Date): FieldError[] {
  const day = 86_400_000;
  if (Number.isNaN(at.getTime())) return [{ field, message: 'must be a date and time' }];
  const from = now.getTime() - TASK_LIMITS.daysBack * day;
  const to = now.getTime() + TASK_LIMITS.daysAhead * day;
  return at.getTime() < from || at.getTime() > to ? [{ field, message: `must be from ${new Date(from).toISOString()} to ${new Date(to).toISOString()}` }] : [];
}

/**
 * What a user does by hand when the autopilot is off (or to take over): each call checks the role
 * and the lead's allowed actions, then queues the job that does the work.
 */
export class AutopilotControls {
  constructor(private readonly deps: AutopilotDeps) {}

  generateOutreach(ctx: TenantContext, leadId: string): Promise<Message> {
    return this.act(ctx, leadId, LeadAction.GENERATE_OUTREACH, async (tx, lead) => {
      const [existing] = await tx.messages.create([{ leadId, direction: 'out', purpose: 'outreach', step: 0, status: 'composing', ...addressFor(lead, await tx.settings.get()) }]);
      // One that could not be written (the AI failed, or the lead was closed meanwhile) is written again.
      const message = existing?.status === 'failed' ? await tx.messages.update(existing.id, ['failed'], { status: 'composing', error: null }) : existing;
      if (message?.status === 'composing') await tx.jobs.send('outreach.compose', { tenantId: ctx.tenantId, leadId, step: 0 });
      return message as Message;
    });
  }

  updateDraft(ctx: TenantContext, messageId: string, draft: { subject: string; text: string; html?: string | null }): Promise<Message> {
    assertCan(ctx, Permission.WRITE_LEADS);
    const errors: FieldError[] = [];
    if (!draft.subject.trim() || draft.subject.length > MESSAGE_LIMITS.subject) errors.push({ field: 'subject', message: `must be 1-${MESSAGE_LIMITS.subject} characters` });
    if (!draft.text.trim() || draft.text.length > MESSAGE_LIMITS.text) errors.push({ field: 'text', message: `must be 1-${MESSAGE_LIMITS.text} characters` });
    if (errors.length) throw validationError(errors);
    return this.deps.uow.run(async (tx) => {
      const message = await tx.messages.find(messageId);
      if (!message || message.direction !== 'out') throw notFound('Message', messageId);
      const html = draft.html ?? `<p>${draft.text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(/\n{2,}/g, '</p><p>').replace(/\n/g, '<br>')}</p>`;
      const updated = await tx.messages.update(messageId, ['draft'], { subject: draft.subject.trim(), text: draft.text, html });
      if (!updated) throw new DomainError(ErrorCode.CONFLICT, `Only a draft can be edited; this message is ${message.status}.`);
      return updated;
    });
  }

  sendOutreach(ctx: TenantContext, leadId: string): Promise<Message> {
    return this.act(ctx, leadId, LeadAction.SEND_OUTREACH, async (tx) => {
      const message = await tx.messages.findOutbound(leadId, 'outreach', 0);
      if (!message || message.status !== 'draft') {
        throw new DomainError(ErrorCode.CONFLICT, message ? `The outreach is ${message.status}, not a draft to send.` : 'There is no outreach draft yet: generate one first.');
      }
      const queued = (await tx.messages.update(message.id, ['draft'], { status: 'queued' })) as Message;
      await tx.jobs.send('message.send', { tenantId: ctx.tenantId, messageId: message.id });
      return queued;
    });
  }

  generateProposal(ctx: TenantContext, leadId: string): Promise<Lead> {
    return this.act(ctx, leadId, LeadAction.GENERATE_PROPOSAL, async (tx, lead) => {
      // Proposals are written from the catalog: with none, refuse now rather than queue a job that does nothing.
      if (!(await tx.settings.catalog()).length) {
        throw new DomainError(ErrorCode.CONFLICT, 'Add services to your catalog first: proposals are written from it (setServiceCatalog).', { reason: 'EMPTY_CATALOG' });
      }
      const latest = await tx.records.latestProposal(leadId);
      if (latest && latest.status !== 'superseded') {
        throw new DomainError(ErrorCode.CONFLICT, `The lead already has a proposal (${latest.status}): ${latest.status === 'draft' ? 'edit or send the draft' : 'a new one is not written over it'}.`, { reason: 'PROPOSAL_EXISTS', proposalStatus: latest.status.toUpperCase() }); // as the API's ProposalStatus names it
      }
      await tx.jobs.send('proposal.compose', { tenantId: ctx.tenantId, leadId });
      return lead;
    });
  }

  async sendProposal(ctx: TenantContext, proposalId: string): Promise<Proposal> {
    const proposal = await this.deps.uow.run((tx) => tx.records.findProposal(proposalId));
    if (!proposal) throw notFound('Proposal', proposalId);
    const { payments, problems } = await this.deps.providers.resolve(this.deps.tenantId);
    return this.act(ctx, proposal.leadId, LeadAction.SEND_PROPOSAL, async (tx) => {
      if (proposal.status !== 'draft') throw new DomainError(ErrorCode.CONFLICT, `The proposal is ${proposal.status}; only a draft can be sent.`);
      if (proposal.total === 0n) throw validationError([{ field: 'total', message: 'is 0: a proposal asks for a payment; edit its lines first' }]);
      // No payment link can be made: said now, not by a job that fails later.
      if (problems.payments && !proposal.paymentUrl) throw new DomainError(ErrorCode.UNAVAILABLE, problems.payments, { reason: 'PROVIDER', provider: payments.id });
      // Refused here, clearly, rather than by the provider inside the job.
      const refusal = proposal.paymentUrl ? null : payments.refusal(proposal.total, proposal.currency);
      if (refusal) throw validationError([{ field: 'total', message: refusal }]);
      await tx.jobs.send('proposal.send', { tenantId: ctx.tenantId, proposalId });
      return proposal;
    }, [LeadAction.MODIFY_PROPOSAL]);
  }

  /** Edits a draft proposal (a sent one is final: write a new version instead); the total follows the lines. */
  async updateProposal(ctx: TenantContext, proposalId: string, patch: ProposalPatch): Promise<Proposal> {
    const errors: FieldError[] = [];
    if (patch.title != null && (!patch.title.trim() || patch.title.length > 200)) errors.push({ field: 'title', message: 'must be 1-200 characters' });
    if (patch.summary != null && (!patch.summary.trim() || patch.summary.length > 3000)) errors.push({ field: 'summary', message: 'must be 1-3000 characters' });
    const lineItems = patch.lineItems == null ? null : readLineItems(patch.lineItems, errors);
    const expectedResults = patch.expectedResults == null ? null : readExpectedResults(patch.expectedResults, errors);
    const validUntil = patch.validUntil == null ? null : readValidUntil(patch.validUntil, this.deps.now(), errors);
    if (errors.length) throw validationError(errors);
    const proposal = await this.deps.uow.run((tx) => tx.records.findProposal(proposalId));
    if (!proposal) throw notFound('Proposal', proposalId);
    return this.act(ctx, proposal.leadId, LeadAction.SEND_PROPOSAL, async (tx) => {
      const current = await tx.records.findProposal(proposalId, { forUpdate: true });
      if (current?.status !== 'draft') throw new DomainError(ErrorCode.CONFLICT, `The proposal is ${current?.status}; only a draft can be edited.`);
      const lines = lineItems ?? current.lineItems;
      return tx.records.updateProposal(proposalId, {
        ...(patch.title ? { title: patch.title.trim() } : {}),
        ...(patch.summary ? { summary: patch.summary.trim() } : {}),
        ...(expectedResults ? { expectedResults } : {}),
        ...(validUntil ? { validUntil } : {}),
        lineItems: lines,
        total: proposalTotal(lines),
      });
    }, [LeadAction.MODIFY_PROPOSAL]);
  }

  /** A follow-up written by the AI (sent at once with the autopilot on, a draft to edit otherwise). */
  sendFollowUp(ctx: TenantContext, leadId: string): Promise<Lead> {
    return this.act(ctx, leadId, LeadAction.SEND_FOLLOW_UP, async (tx, lead) => {
      const step = (await tx.messages.listForLead(leadId)).filter((m) => m.direction === 'out' && m.purpose === 'follow_up').length + 1;
      await tx.jobs.send('outreach.compose', { tenantId: ctx.tenantId, leadId, step });
      return lead;
    });
  }

  /** Queues a draft (a follow-up written with the autopilot off) for sending. */
  async sendDraft(ctx: TenantContext, messageId: string): Promise<Message> {
    const message = await this.deps.uow.run((tx) => tx.messages.find(messageId));
    if (!message || message.direction !== 'out' || !message.leadId) throw notFound('Message', messageId);
    const action = message.purpose === 'outreach' ? LeadAction.SEND_OUTREACH : LeadAction.SEND_FOLLOW_UP;
    return this.act(ctx, message.leadId, action, async (tx) => {
      const queued = await tx.messages.update(messageId, ['draft'], { status: 'queued' });
      if (!queued) throw new DomainError(ErrorCode.CONFLICT, `The message is ${message.status}, not a draft to send.`);
      await tx.jobs.send('message.send', { tenantId: ctx.tenantId, messageId });
      return queued;
    });
  }

  /** A call with an interested lead, kept as a task with its date. */
  scheduleCall(ctx: TenantContext, leadId: string, at: Date, note: string | null): Promise<Task> {
    const errors = [...checkWhen('at', at, this.deps.now()), ...checkLength('note', note, TASK_LIMITS.body)];
    if (errors.length) throw validationError(errors);
    return this.act(ctx, leadId, LeadAction.SCHEDULE_CALL, async (tx, lead) => {
      const title = `Call ${lead.contactName ?? lead.businessName} on ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
      const [task] = await tx.records.createTasks([{ leadId, clientId: null, kind: 'follow_up', title, body: note?.trim() || null, dueAt: at, dedupeKey: `call:${leadId}:${at.toISOString()}` }]);
      if (!task) throw new DomainError(ErrorCode.CONFLICT, 'A call is already scheduled at that time.');
      await tx.leads.appendTimeline([{ leadId, kind: TimelineKind.TASK, actor: ctx.actor, reason: title, data: { taskId: task.id } }]);
      return task;
    });
  }

  /** A task for a client (a PAID lead): onboarding beyond the checklist, client management. */
  createTask(ctx: TenantContext, leadId: string, input: { title: string; body?: string | null; dueAt?: Date | null }): Promise<Task> {
    const errors: FieldError[] = [...checkLength('body', input.body, TASK_LIMITS.body), ...(input.dueAt ? checkWhen('dueAt', input.dueAt, this.deps.now()) : [])];
    if (!input.title.trim() || input.title.length > TASK_LIMITS.title) errors.unshift({ field: 'title', message: `must be 1-${TASK_LIMITS.title} characters` });
    if (errors.length) throw validationError(errors);
    return this.act(ctx, leadId, LeadAction.CREATE_TASK, async (tx) => {
      const [task] = await tx.records.createTasks([{ leadId, clientId: null, kind: 'manual', title: input.title.trim(), body: input.body?.trim() || null, dueAt: input.dueAt ?? null, dedupeKey: `manual:${leadId}:${this.deps.now().getTime()}:${input.title.trim()}` }]);
      await tx.leads.appendTimeline([{ leadId, kind: TimelineKind.TASK, actor: ctx.actor, reason: `Task: ${input.title.trim()}`, data: { taskId: task?.id } }]);
      return task as Task;
    });
  }

  /** Runs onboarding again for a client: what is missing (tasks, welcome email) is created; nothing twice. */
  restartOnboarding(ctx: TenantContext, leadId: string): Promise<Lead> {
    return this.act(ctx, leadId, LeadAction.ONBOARD, async (tx, lead) => {
      await tx.jobs.send('onboarding.start', { tenantId: ctx.tenantId, leadId });
      return lead;
    });
  }

  async completeTask(ctx: TenantContext, taskId: string): Promise<Task> {
    assertCan(ctx, Permission.WRITE_LEADS);
    const task = await this.deps.uow.run((tx) => tx.records.completeTask(taskId));
    if (!task) throw notFound('Task', taskId);
    return task;
  }

  /** Re-sends the payment link of the sent proposal as a short follow-up. */
  sendPaymentLink(ctx: TenantContext, leadId: string): Promise<Message> {
    return this.act(ctx, leadId, LeadAction.SEND_PAYMENT_LINK, async (tx, lead) => {
      const proposal = await tx.records.latestProposal(leadId);
      if (!proposal?.paymentUrl) throw new DomainError(ErrorCode.CONFLICT, 'The lead has no proposal with a payment link yet.');
      const settings = await tx.settings.get();
      const step = (await tx.messages.listForLead(leadId)).filter((m) => m.direction === 'out' && m.purpose === 'follow_up').length + 1;
      const name = lead.contactName ?? `${lead.businessName} team`;
      const text = `Hi ${name},\n\nHere is the link to get started with "${proposal.title}": ${proposal.paymentUrl}\n\nHappy to answer any questions.\n\n${settings.sender.name}, ${settings.sender.company}`;
      const [message] = await tx.messages.create([{ leadId, direction: 'out', purpose: 'follow_up', step, status: 'queued', subject: `Your link for ${proposal.title}`, text, html: `<p>${text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(/\n{2,}/g, '</p><p>')}</p>`, ...addressFor(lead, settings), fromAddress: settings.sender.email, proposalId: proposal.id }]);
      await tx.jobs.send('message.send', { tenantId: ctx.tenantId, messageId: (message as Message).id });
      return message as Message;
    });
  }

  correctClassification(ctx: TenantContext, messageId: string, intent: ReplyClassification['intent']): Promise<Message> {
    assertCan(ctx, Permission.WRITE_LEADS);
    // A person deciding a reply means "interested" moves the lead as markLeadInterested would: the same permission.
    return new ReplyService(this.deps).correct(messageId, intent, ctx.actor, {
      mayReopen: can(ctx, permissionForAction(LeadAction.REOPEN)),
      mayMarkInterested: can(ctx, permissionForAction(LeadAction.MARK_INTERESTED)),
    });
  }

  private async act<T>(ctx: TenantContext, leadId: string, action: LeadAction, work: (tx: TenantTx, lead: Lead) => Promise<T>, alternatives: LeadAction[] = []): Promise<T> {
    assertCan(ctx, permissionForAction(action));
    return this.deps.uow.run(async (tx) => {
      const lead = await tx.leads.findById(leadId, { forUpdate: true });
      if (!lead) throw notFound('Lead', leadId);
      if (!alternatives.some((candidate) => isActionAllowed(lead.status, candidate))) assertActionAllowed(lead.status, action);
      return work(tx, lead);
    });
  }
}
