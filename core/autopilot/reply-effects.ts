import type { ReplyClassification } from '../ai/ai.types.ts';
import type { Actor } from '../context.ts';
import { normalizeLead } from '../leads/lead-input.ts';
import { moveLead, moveLeads, type LeadMove } from '../leads/lead-moves.ts';
import { TimelineKind, type Lead } from '../leads/lead.types.ts';
import { LeadStatus, TransitionTrigger } from '../lifecycle/lead-lifecycle.ts';
import type { AutopilotDeps } from './autopilot.deps.ts';
import type { TenantTx } from './autopilot.ports.ts';
import type { Message } from './autopilot.types.ts';

const DEFAULT_FOLLOW_UP_DAYS = 7;
/** Below this confidence the AI's reading does not move the lead: a human reviews the reply instead. */
export const MIN_CONFIDENCE_TO_ACT = 0.5;
const open = new Set<string>([LeadStatus.NEW, LeadStatus.CONTACTED, LeadStatus.INTERESTED, LeadStatus.PROPOSAL_SENT]);

export interface ReplyEffect {
  leadId: string;
  reply: Message;
  classification: ReplyClassification;
  actor: Actor;
  answerDraft?: string | null;
}

/**
 * What classified replies do to their leads (DESIGN.md "Reply intents"). Each effect happens once.
 * The common effect (buying intent moves a CONTACTED lead) is applied for the whole batch in a few
 * statements; the rarer ones run in order, after the pending moves are written.
 */
export async function applyReplyEffects(tx: TenantTx, deps: AutopilotDeps, effects: readonly ReplyEffect[]): Promise<void> {
  if (!effects.length) return;
  const leads = new Map((await tx.leads.findByIds([...new Set(effects.map((e) => e.leadId))], { forUpdate: true })).map((lead) => [lead.id, lead]));
  const settings = await tx.settings.get();
  const pending: LeadMove[] = [];
  const proposals: string[] = [];
  const flush = async () => {
    for (const lead of await moveLeads(tx.leads, pending.splice(0))) leads.set(lead.id, lead);
  };
  for (const effect of effects) {
    const lead = leads.get(effect.leadId);
    if (!lead) continue;
    const { classification: c, actor } = effect;
    if (isBuyingIntent(effect) && lead.status === LeadStatus.CONTACTED) {
      pending.push({ lead, to: LeadStatus.INTERESTED, trigger: TransitionTrigger.REPLY_INTERESTED, actor, reason: `Reply: ${c.intent} (${Math.round(c.confidence * 100)}%)` });
      // Later replies of the same lead in this batch see where it is going.
      leads.set(lead.id, { ...lead, status: LeadStatus.INTERESTED });
      if (settings.autopilot) proposals.push(lead.id);
      continue;
    }
    await flush();
    const moved = await applyOne(tx, deps, leads.get(effect.leadId) as Lead, effect);
    if (moved) leads.set(moved.id, moved);
  }
  await flush();
  await tx.jobs.sendMany('proposal.compose', proposals.map((leadId) => ({ tenantId: deps.tenantId, leadId })));
}

const isBuyingIntent = (e: ReplyEffect) =>
  (e.classification.intent === 'interested' || e.classification.intent === 'asking_price') &&
  ((e.classification as { corrected?: boolean }).corrected === true || e.classification.confidence >= MIN_CONFIDENCE_TO_ACT);

/** One reply's effect on its (locked) lead; returns the lead when it moved. */
async function applyOne(tx: TenantTx, deps: AutopilotDeps, lead: Lead, effect: ReplyEffect): Promise<Lead | void> {
  const { leadId, reply, classification: c, actor } = effect;
  const note = async (reason: string, kind: string = TimelineKind.NOTE, data: Record<string, unknown> = {}): Promise<void> => {
    await tx.leads.appendTimeline([{ leadId, kind: kind as typeof TimelineKind.NOTE, actor, reason, data: { messageId: reply.id, ...data } }]);
  };
  const corrected = (c as { corrected?: boolean }).corrected === true;
  if (!corrected && c.intent !== 'question' && c.confidence < MIN_CONFIDENCE_TO_ACT) {
    const [task] = await tx.records.createTasks([{ leadId, clientId: null, kind: 'manual', title: `Review the reply from ${lead.contactName ?? lead.businessName}: the AI is unsure (${c.intent}, ${Math.round(c.confidence * 100)}%)`, body: reply.text?.slice(0, 2000) ?? null, dueAt: new Date(deps.now().getTime() + 86_400_000), dedupeKey: `review:${reply.id}` }]);
    return note(`Reply read as ${c.intent} with low confidence (${Math.round(c.confidence * 100)}%): left for a human to review`, TimelineKind.TASK, { taskId: task?.id });
  }
  switch (c.intent) {
    case 'interested':
    case 'asking_price':
      // A CONTACTED lead was moved with the batch (applyReplyEffects); any other is only noted.
      return note(`Buying intent noted; the lead is already ${lead.status}`);
    // Both remember the reply that caused them, so correcting its classification undoes them.
    case 'not_interested':
      if (open.has(lead.status)) return moveLead(tx.leads, lead, LeadStatus.LOST, TransitionTrigger.NOT_INTERESTED, actor, 'Replied not interested', { messageId: reply.id });
      return;
    case 'unsubscribe':
      if (lead.email) await tx.records.suppress(lead.email, 'unsubscribe', leadId, reply.id);
      if (reply.fromAddress && reply.fromAddress !== lead.email) await tx.records.suppress(reply.fromAddress, 'unsubscribe', leadId, reply.id);
      if (open.has(lead.status)) return moveLead(tx.leads, lead, LeadStatus.LOST, TransitionTrigger.ASKED_TO_UNSUBSCRIBE, actor, 'Asked to unsubscribe', { messageId: reply.id });
      return;
    case 'out_of_office': {
      if (lead.status !== LeadStatus.CONTACTED && lead.status !== LeadStatus.PROPOSAL_SENT) return note(`Out of office; nothing to follow up while ${lead.status}`);
      const back = c.returnDate ? new Date(`${c.returnDate}T09:00:00Z`) : new Date(deps.now().getTime() + DEFAULT_FOLLOW_UP_DAYS * 86_400_000);
      const at = back.getTime() > deps.now().getTime() ? new Date(back.getTime() + 86_400_000) : new Date(deps.now().getTime() + 86_400_000);
      const step = (await tx.messages.listForLead(leadId)).filter((m) => m.direction === 'out' && m.purpose === 'follow_up').length + 1;
      await tx.jobs.send('outreach.compose', { tenantId: deps.tenantId, leadId, step }, { startAfter: at, singletonKey: `follow-up:${leadId}:${step}` });
      return note(`Out of office${c.returnDate ? `, back on ${c.returnDate}` : ''}: follow-up ${step} scheduled for ${at.toISOString().slice(0, 10)}`, TimelineKind.FOLLOW_UP, { scheduledFor: at.toISOString(), step });
    }
    case 'wrong_person': {
      const referral = c.referral;
      await note(`Wrong person${referral?.name || referral?.email ? `; referred to ${[referral.name, referral.email].filter(Boolean).join(' ')}` : ''}`, TimelineKind.REFERRAL, { referral });
      if (!referral?.email) return;
      const settingsCountry = lead.country ?? 'IN';
      const input = normalizeLead({ businessName: lead.businessName, contactName: referral.name, email: referral.email, city: lead.city, industry: lead.industry, country: lead.country, website: lead.website, source: `referral from ${lead.contactName ?? lead.email ?? lead.businessName}`, tags: lead.tags }, { defaultCountry: settingsCountry });
      if (!input.ok) return;
      const outcome = await tx.leads.insert(input.value, {});
      if ('inserted' in outcome && outcome.lead) {
        await tx.leads.appendTimeline([{ leadId: outcome.inserted, kind: TimelineKind.CREATED, actor, reason: `Referred by ${lead.contactName ?? lead.email}`, data: { via: 'referral', referredBy: leadId } }]);
        await tx.jobs.send('autopilot.dispatch', { tenantId: deps.tenantId }, { singletonKey: deps.tenantId });
      }
      return;
    }
    case 'question': {
      const answer = await tx.records.createTasks([{ leadId, clientId: null, kind: 'answer_question', title: `Answer ${lead.contactName ?? lead.businessName}'s question`, body: `Question:\n${reply.text?.slice(0, 2000) ?? ''}${effect.answerDraft ? `\n\nSuggested answer:\n${effect.answerDraft}` : ''}`, dueAt: new Date(deps.now().getTime() + 86_400_000), dedupeKey: `question:${reply.id}` }]);
      if (answer[0]) await note(`Question needs a human answer (task created)`, TimelineKind.TASK, { taskId: answer[0].id });
      return;
    }
  }
}
