import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { ReplyIntent, type ReplyClassification } from '../../../core/ai/ai.types.ts';
import type { TaskStatus as TaskStatusValue } from '../../../core/autopilot/autopilot.types.ts';
import { DomainError, ErrorCode, validationError } from '../../../core/errors.ts';
import type { Lead } from '../../../core/leads/lead.types.ts';
import { PageArgs, idCursor, listCursor, pageQuery, toConnection } from '../connections.ts';
import type { GraphQLContext } from '../context.ts';
import { ClientConnection, MessageConnection, MessageType, OutboxEntryConnection, ProposalType, ReplyClassificationType, TaskConnection, TaskType, UpdateProposalInput } from '../types/autopilot.types.ts';
import { TaskStatus } from '../types/enums.ts';
import { messageCursor, presentProposal, taskCursor, withCorrected } from '../types/funnel.present.ts';
import { moneyOf } from '../types/money.types.ts';
import { LeadType } from '../types/lead.types.ts';
import { IDEMPOTENCY_DESCRIPTION } from '../idempotency.ts';

const outboxCursor = listCursor('outbox');
const clientCursor = idCursor('clients');

@Resolver()
export class FunnelResolver {
  @Query(() => OutboxEntryConnection, { description: 'What the offline channel delivered, newest first, a page at a time (1-200, default 50).' })
  async outbox(@Args(() => PageArgs) page: PageArgs, @Ctx() { auth, services }: GraphQLContext) {
    const ctx = await auth.tenant();
    const found = await services.autopilot(ctx.tenantId, ctx.agencyId).lists.outbox(ctx, pageQuery(page, outboxCursor));
    return toConnection(found, (entry) => outboxCursor.encode(entry.messageId));
  }

  @Query(() => MessageConnection, { description: 'Incoming replies with their classification, newest first, a page at a time (1-200, default 50).' })
  async inbox(@Args(() => PageArgs) page: PageArgs, @Ctx() { auth, services }: GraphQLContext) {
    const ctx = await auth.tenant();
    const found = await services.autopilot(ctx.tenantId, ctx.agencyId).lists.inbox(ctx, pageQuery(page, messageCursor));
    return toConnection(found, (message) => messageCursor.encode(message.id), withCorrected);
  }

  @Query(() => ClientConnection, { description: 'Clients (paid leads), newest first, a page at a time (1-200, default 50).' })
  async clients(@Args(() => PageArgs) page: PageArgs, @Ctx() { auth, services }: GraphQLContext) {
    const ctx = await auth.tenant();
    const found = await services.autopilot(ctx.tenantId, ctx.agencyId).lists.clients(ctx, pageQuery(page, clientCursor));
    return toConnection(found, (client) => clientCursor.encode(client.id), (client) => ({ ...client, amountPaid: client.amountPaid && moneyOf(client.amountPaid.amount, client.amountPaid.currency) }));
  }

  @Query(() => TaskConnection, { description: 'The tenant\'s tasks, oldest first, a page at a time (1-200, default 50).' })
  async tasks(
    @Arg('status', () => TaskStatus, { nullable: true, description: 'Only open or only done tasks.' }) status: TaskStatusValue | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { auth, services }: GraphQLContext,
  ) {
    const ctx = await auth.tenant();
    const found = await services.autopilot(ctx.tenantId, ctx.agencyId).lists.tasks(ctx, { status }, pageQuery(page, taskCursor));
    return toConnection(found, (task) => taskCursor.encode(task.id));
  }

  @Query(() => ReplyClassificationType, {
    nullable: true,
    description: 'Runs the tenant\'s AI on any text without storing or changing anything (to try prompts and models). Members and above; 20 a minute per tenant, then RATE_LIMITED (null, with the error, so other fields of the request keep their answers).',
  })
  async classifyReply(
    @Arg('subject', () => String, { nullable: true, description: 'At most 300 characters.' }) subject: string | null,
    @Arg('body', () => String, { description: '1-20000 characters.' }) body: string,
    @Arg('receivedAt', () => Date, {
      nullable: true,
      description: 'When the reply arrived (default now): relative and year-less dates in it ("back Monday", "till 3 Jan") are read from this day, in UTC.',
    })
    receivedAt: Date | null,
    @Ctx() { auth, services }: GraphQLContext,
  ) {
    const ctx = await auth.tenant();
    return { ...(await services.autopilot(ctx.tenantId, ctx.agencyId).workspace.tryClassifyReply(ctx, { subject, body, receivedAt })), corrected: false };
  }

  @Mutation(() => MessageType, { description: 'Corrects a reply\'s classification; the correction is logged and its effect applied.' })
  async correctReplyClassification(@Arg('messageId', () => ID) messageId: string, @Arg('intent', () => ReplyIntent) intent: ReplyClassification['intent'], @Ctx() { auth, services }: GraphQLContext) {
    const ctx = await auth.tenant();
    return withCorrected(await services.autopilot(ctx.tenantId, ctx.agencyId).controls.correctClassification(ctx, messageId, intent));
  }

  @Mutation(() => MessageType, { description: 'Only while the offline outbox channel is active: a reply from the lead, as if it had come by email.' })
  async simulateInboundReply(
    @Arg('leadId', () => ID) leadId: string,
    @Arg('body', () => String, { description: '1-20000 characters.' }) body: string,
    @Arg('subject', () => String, { nullable: true, description: 'At most 300 characters.' }) subject: string | null,
    @Ctx() { auth, services }: GraphQLContext,
  ) {
    const ctx = await auth.tenant();
    const { channel } = await services.providers.resolve(ctx.tenantId);
    if (channel.id !== 'outbox') throw new DomainError(ErrorCode.FORBIDDEN, 'Replies can be simulated only while the offline outbox channel is active.');
    if (!body.trim() || body.length > 20_000) throw validationError([{ field: 'body', message: 'must be 1-20000 characters' }]);
    if (subject && subject.length > 300) throw validationError([{ field: 'subject', message: 'must be at most 300 characters' }]);
    const autopilot = services.autopilot(ctx.tenantId, ctx.agencyId);
    const { lead, last } = await autopilot.uow.run(async (tx) => {
      const found = await tx.leads.findById(leadId);
      const sent = found ? (await tx.messages.listForLead(leadId)).filter((m) => m.direction === 'out' && m.rfcMessageId && m.status === 'sent') : [];
      return { lead: found, last: sent.at(-1) ?? null };
    });
    if (!lead?.email) throw new DomainError(ErrorCode.NOT_FOUND, `Lead ${leadId} was not found or has no email address`);
    const { message } = await autopilot.replies.ingest(
      { from: { email: lead.email, name: lead.contactName }, to: [last?.fromAddress ?? 'outbox@crm-autopilot.local'], subject: subject ?? (last?.subject ? `Re: ${last.subject}` : 'Re: your email'), text: body, html: null, messageId: null, inReplyTo: last?.rfcMessageId ?? null, references: last?.rfcMessageId ? [last.rfcMessageId] : [] },
      'simulated',
    );
    return withCorrected(message);
  }

  @Mutation(() => MessageType, { description: 'Writes the outreach draft with the AI (a job); send it with sendOutreach.' })
  async generateOutreach(@Arg('leadId', () => ID) leadId: string, @Ctx() { auth, services }: GraphQLContext) {
    const ctx = await auth.tenant();
    return withCorrected(await services.autopilot(ctx.tenantId, ctx.agencyId).controls.generateOutreach(ctx, leadId));
  }

  @Mutation(() => MessageType, { description: 'Edits a draft message before it is sent.' })
  async updateMessageDraft(
    @Arg('messageId', () => ID) messageId: string,
    @Arg('subject', () => String, { description: '1-300 characters.' }) subject: string,
    @Arg('text', () => String, { description: '1-20000 characters.' }) text: string,
    @Ctx() { auth, services }: GraphQLContext,
  ) {
    const ctx = await auth.tenant();
    return withCorrected(await services.autopilot(ctx.tenantId, ctx.agencyId).controls.updateDraft(ctx, messageId, { subject, text }));
  }

  @Mutation(() => MessageType, { description: 'Queues the outreach draft for sending; the lead becomes CONTACTED when the channel accepts it.' })
  async sendOutreach(@Arg('leadId', () => ID) leadId: string, @Ctx() { auth, services }: GraphQLContext) {
    const ctx = await auth.tenant();
    return withCorrected(await services.autopilot(ctx.tenantId, ctx.agencyId).controls.sendOutreach(ctx, leadId));
  }

  @Mutation(() => LeadType, { description: 'Writes a proposal draft from the catalog and the conversation (a job).' })
  async generateProposal(@Arg('leadId', () => ID) leadId: string, @Ctx() { auth, services }: GraphQLContext): Promise<Lead> {
    const ctx = await auth.tenant();
    return services.autopilot(ctx.tenantId, ctx.agencyId).controls.generateProposal(ctx, leadId);
  }

  @Mutation(() => ProposalType, { description: 'Edits a draft proposal before it is sent.' })
  async updateProposalDraft(@Arg('proposalId', () => ID) proposalId: string, @Arg('input', () => UpdateProposalInput) input: UpdateProposalInput, @Ctx() { auth, services }: GraphQLContext) {
    const ctx = await auth.tenant();
    const lineItems = input.lineItems?.map((item) => ({ serviceId: item.serviceId ?? null, description: item.description, quantity: item.quantity, unitAmount: item.unitAmount })) ?? null;
    return presentProposal(await services.autopilot(ctx.tenantId, ctx.agencyId).controls.updateProposal(ctx, proposalId, { ...input, lineItems }));
  }

  @Mutation(() => ProposalType, { description: 'Sends a draft proposal with its payment link (a job); the lead becomes PROPOSAL_SENT when it is accepted.' })
  async sendProposal(@Arg('proposalId', () => ID) proposalId: string, @Ctx() { auth, services }: GraphQLContext) {
    const ctx = await auth.tenant();
    return presentProposal(await services.autopilot(ctx.tenantId, ctx.agencyId).controls.sendProposal(ctx, proposalId));
  }

  @Mutation(() => LeadType, { description: 'A follow-up written by the AI: sent with the autopilot on, a draft (send it with sendDraft) otherwise.' })
  async sendFollowUp(@Arg('leadId', () => ID) leadId: string, @Ctx() { auth, services }: GraphQLContext): Promise<Lead> {
    const ctx = await auth.tenant();
    return services.autopilot(ctx.tenantId, ctx.agencyId).controls.sendFollowUp(ctx, leadId);
  }

  @Mutation(() => MessageType, { description: 'Queues a draft message (outreach or follow-up) for sending.' })
  async sendDraft(@Arg('messageId', () => ID) messageId: string, @Ctx() { auth, services }: GraphQLContext) {
    const ctx = await auth.tenant();
    return withCorrected(await services.autopilot(ctx.tenantId, ctx.agencyId).controls.sendDraft(ctx, messageId));
  }

  @Mutation(() => TaskType, { description: 'Schedules a call with an INTERESTED lead (kept as a task).' })
  async scheduleCall(
    @Arg('leadId', () => ID) leadId: string,
    @Arg('at', () => Date, { description: 'From a day ago to five years ahead.' }) at: Date,
    @Arg('note', () => String, { nullable: true, description: 'At most 2000 characters.' }) note: string | null,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_DESCRIPTION }) _idempotencyKey: string | null,
    @Ctx() { auth, services }: GraphQLContext) {
    const ctx = await auth.tenant();
    return services.autopilot(ctx.tenantId, ctx.agencyId).controls.scheduleCall(ctx, leadId, at, note);
  }

  @Mutation(() => TaskType, { description: 'Adds a task for a client (a PAID lead).' })
  async createTask(
    @Arg('leadId', () => ID) leadId: string,
    @Arg('title', () => String, { description: '1-200 characters.' }) title: string,
    @Arg('body', () => String, { nullable: true, description: 'At most 2000 characters.' }) body: string | null,
    @Arg('dueAt', () => Date, { nullable: true, description: 'From a day ago to five years ahead.' }) dueAt: Date | null,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_DESCRIPTION }) _idempotencyKey: string | null,
    @Ctx() { auth, services }: GraphQLContext,
  ) {
    const ctx = await auth.tenant();
    return services.autopilot(ctx.tenantId, ctx.agencyId).controls.createTask(ctx, leadId, { title, body, dueAt });
  }

  @Mutation(() => LeadType, { description: 'Runs onboarding again for a client; only what is missing is created.' })
  async restartOnboarding(@Arg('leadId', () => ID) leadId: string, @Ctx() { auth, services }: GraphQLContext): Promise<Lead> {
    const ctx = await auth.tenant();
    return services.autopilot(ctx.tenantId, ctx.agencyId).controls.restartOnboarding(ctx, leadId);
  }

  @Mutation(() => TaskType, { description: 'Marks a task done.' })
  async completeTask(@Arg('taskId', () => ID) taskId: string, @Ctx() { auth, services }: GraphQLContext) {
    const ctx = await auth.tenant();
    return services.autopilot(ctx.tenantId, ctx.agencyId).controls.completeTask(ctx, taskId);
  }

  @Mutation(() => MessageType, { description: 'Sends the payment link of the sent proposal again.' })
  async sendPaymentLink(@Arg('leadId', () => ID) leadId: string, @Ctx() { auth, services }: GraphQLContext) {
    const ctx = await auth.tenant();
    return withCorrected(await services.autopilot(ctx.tenantId, ctx.agencyId).controls.sendPaymentLink(ctx, leadId));
  }
}
