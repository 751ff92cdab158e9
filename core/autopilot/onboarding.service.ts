import { TimelineKind, type Lead } from '../leads/lead.types.ts';
import { LeadStatus } from '../lifecycle/lead-lifecycle.ts';
import { autopilotActor, done, settle, type AutopilotDeps, type StepOutcome } from './autopilot.deps.ts';
import type { NewMessage, TenantSettings } from './autopilot.types.ts';
import { addressFor } from './lead-address.ts';

const DAY = 86_400_000;

export interface Onboarded {
  clientId: string;
  /** Checklist tasks created by this run (none when a previous run made them). */
  tasks: number;
}

/** On PAID: the lead becomes a client, the checklist becomes tasks, a welcome email goes out. Once. */
export class OnboardingService {
  constructor(private readonly deps: AutopilotDeps) {}

  async start(leadId: string): Promise<Onboarded> {
    return settle((await this.startMany([leadId]))[0]);
  }

  /**
   * `start` for a batch of jobs: one transaction of a few set-based statements, whatever the batch's
   * size. What exists already (client, tasks, welcome email) is kept, never made twice. One outcome per item, in order.
   */
  async startMany(leadIds: readonly string[]): Promise<Array<StepOutcome<Onboarded>>> {
    return this.deps.uow.run(async (tx) => {
      const leads = new Map((await tx.leads.findByIds([...new Set(leadIds)])).map((lead) => [lead.id, lead]));
      const outcomes: Array<StepOutcome<Onboarded>> = [];
      const paid: Lead[] = [];
      leadIds.forEach((leadId, index) => {
        const lead = leads.get(leadId);
        if (!lead) outcomes[index] = { status: 'skipped', reason: 'the lead no longer exists' };
        else if (lead.status !== LeadStatus.PAID) outcomes[index] = { status: 'skipped', reason: `the lead is ${lead.status}, not PAID` };
        else if (leadIds.indexOf(leadId) !== index) outcomes[index] = { status: 'skipped', reason: 'a duplicate job in the same batch' };
        else paid.push(lead);
      });
      if (!paid.length) return outcomes;
      const settings = await tx.settings.get();
      const clients = new Map((await tx.records.createClients(paid.map((lead) => ({ leadId: lead.id, businessName: lead.businessName, contactName: lead.contactName, email: lead.email, phone: lead.phone })))).map((client) => [client.leadId, client]));
      const clientOf = (lead: Lead) => clients.get(lead.id) as { id: string; created: boolean };
      const now = this.deps.now().getTime();
      const tasks = await tx.records.createTasks(
        paid.flatMap((lead) =>
          settings.onboardingChecklist.map((title, index) => ({
            leadId: lead.id, clientId: clientOf(lead).id, kind: 'onboarding' as const, title, body: `Onboarding ${lead.businessName}`, dueAt: new Date(now + (index + 1) * 2 * DAY), dedupeKey: `onboarding:${lead.id}:${index}`,
          })),
        ),
      );
      const welcomes = await tx.messages.create(paid.map((lead) => welcomeMessage(lead, settings)));
      await tx.jobs.sendMany('message.send', welcomes.filter((m) => m.purpose === 'welcome' && m.status === 'queued').map((m) => ({ tenantId: this.deps.tenantId, messageId: m.id })));
      const tasksOf = (lead: Lead) => tasks.filter((task) => task.leadId === lead.id);
      await tx.leads.appendTimeline(
        paid
          .filter((lead) => clientOf(lead).created)
          .map((lead) => ({ leadId: lead.id, kind: TimelineKind.ONBOARDING, actor: autopilotActor, reason: `Onboarding started: client record created, ${tasksOf(lead).length} checklist tasks, welcome email queued`, data: { clientId: clientOf(lead).id, taskIds: tasksOf(lead).map((task) => task.id) } })),
      );
      for (const lead of paid) outcomes[leadIds.indexOf(lead.id)] = done({ clientId: clientOf(lead).id, tasks: tasksOf(lead).length });
      return outcomes;
    });
  }
}

/** The welcome email: the checklist as next steps, from the tenant's sender. */
function welcomeMessage(lead: Lead, settings: TenantSettings): NewMessage {
  const { sender, onboardingChecklist: checklist } = settings;
  const name = lead.contactName ?? `${lead.businessName} team`;
  const text = [`Hi ${name},`, '', `Thank you — your payment is confirmed and ${lead.businessName} is now a client of ${sender.company}.`, '', 'Here is what happens next:', ...checklist.map((item, i) => `${i + 1}. ${item}`), '', 'We will be in touch within one business day to schedule the kick-off.', '', 'Welcome aboard!', `${sender.name}, ${sender.company}`].join('\n');
  const esc = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<p>Hi ${esc(name)},</p><p>Thank you — your payment is confirmed and ${esc(lead.businessName)} is now a client of ${esc(sender.company)}.</p><p>Here is what happens next:</p><ol>${checklist.map((item) => `<li>${esc(item)}</li>`).join('')}</ol><p>Welcome aboard!<br>${esc(sender.name)}, ${esc(sender.company)}</p>`;
  return { leadId: lead.id, direction: 'out', purpose: 'welcome', step: 0, status: 'queued', subject: `Welcome to ${sender.company}, ${lead.businessName}!`, text, html, ...addressFor(lead, settings), fromAddress: sender.email };
}
