import { Permission, assertCan } from '../access.ts';
import { channelName } from '../channels/channel-choice.ts';
import { InboundTextService } from '../channels/inbound-text.service.ts';
import type { TenantContext } from '../context.ts';
import { DomainError, ErrorCode, validationError, type FieldError } from '../errors.ts';
import { channelOf, type AutopilotDeps } from './autopilot.deps.ts';
import type { Message } from './autopilot.types.ts';
import { addressFor } from './lead-address.ts';
import { ReplyService } from './reply.service.ts';

const SENT = new Set(['sent', 'delivered', 'read']);

/**
 * A reply from a lead, typed by a user, while the offline outbox carries the lead's messages: on the
 * thread we last wrote to it on (its email, or its SMS or WhatsApp number), through the same path a
 * provider's webhook takes after its transport.
 */
export async function simulateReply(deps: AutopilotDeps, ctx: TenantContext, leadId: string, body: string, subject: string | null): Promise<Message> {
  assertCan(ctx, Permission.OVERRIDE_LIFECYCLE);
  const errors: FieldError[] = [];
  if (!body.trim() || body.length > 20_000) errors.push({ field: 'body', message: 'must be 1-20000 characters' });
  if (subject && subject.length > 300) errors.push({ field: 'subject', message: 'must be at most 300 characters' });
  if (errors.length) throw validationError(errors);
  const { lead, last, settings } = await deps.uow.run(async (tx) => {
    const found = await tx.leads.findById(leadId);
    const sent = found ? (await tx.messages.listForLead(leadId)).filter((m) => m.direction === 'out' && m.rfcMessageId && SENT.has(m.status)) : [];
    return { lead: found, last: sent.at(-1) ?? null, settings: await tx.settings.get() };
  });
  if (!lead) throw new DomainError(ErrorCode.NOT_FOUND, `Lead ${leadId} was not found`, { id: leadId });
  const thread = last?.channel ?? addressFor(lead, settings).channel;
  const channel = channelOf(await deps.providers.resolve(deps.tenantId), thread);
  if (channel?.id !== 'outbox') throw new DomainError(ErrorCode.FORBIDDEN, `Replies can be simulated only while the offline outbox carries this lead's ${channelName(thread)}.`);
  if (thread === 'email') {
    if (!lead.email) throw new DomainError(ErrorCode.NOT_FOUND, `Lead ${leadId} was not found or has no email address`, { id: leadId });
    const { message } = await new ReplyService(deps).ingest(
      { from: { email: lead.email, name: lead.contactName }, to: [last?.fromAddress ?? 'outbox@crm-autopilot.local'], subject: subject ?? (last?.subject ? `Re: ${last.subject}` : 'Re: your email'), text: body, html: null, messageId: null, inReplyTo: last?.rfcMessageId ?? null, references: last?.rfcMessageId ? [last.rfcMessageId] : [] },
      'simulated',
    );
    return message;
  }
  if (!lead.phone) throw new DomainError(ErrorCode.NOT_FOUND, `Lead ${leadId} was not found or has no phone number`, { id: leadId });
  const { message } = await new InboundTextService(deps).receive({
    channel: thread, provider: 'simulated', providerMessageId: `sim-${deps.now().getTime()}-${Math.random().toString(36).slice(2)}`, from: lead.phone, to: 'outbox', senderName: lead.contactName, text: body, media: [],
  });
  return message;
}
