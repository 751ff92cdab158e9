import { TimelineKind } from '../leads/lead.types.ts';
import { LeadStatus } from '../lifecycle/lead-lifecycle.ts';
import { autopilotActor, StepSkipped, type AutopilotDeps } from './autopilot.deps.ts';

/** On PAID: the lead becomes a client, the checklist becomes tasks, a welcome email goes out. Once. */
export class OnboardingService {
  constructor(private readonly deps: AutopilotDeps) {}

  async start(leadId: string): Promise<{ clientId: string; tasks: number }> {
    return this.deps.uow.run(async (tx) => {
      const lead = await tx.leads.findById(leadId);
      if (!lead) throw new StepSkipped('the lead no longer exists');
      if (lead.status !== LeadStatus.PAID) throw new StepSkipped(`the lead is ${lead.status}, not PAID`);
      const settings = await tx.settings.get();
      const proposal = await tx.records.latestProposal(leadId);
      const client = await tx.records.createClient({ leadId, proposalId: proposal?.id ?? null, businessName: lead.businessName, contactName: lead.contactName, email: lead.email, phone: lead.phone });
      const day = 86_400_000;
      const tasks = await tx.records.createTasks(
        settings.onboardingChecklist.map((title, index) => ({
          leadId, clientId: client.id, kind: 'onboarding' as const, title, body: `Onboarding ${lead.businessName}`, dueAt: new Date(this.deps.now().getTime() + (index + 1) * 2 * day), dedupeKey: `onboarding:${leadId}:${index}`,
        })),
      );
      const name = lead.contactName ?? `${lead.businessName} team`;
      const text = [`Hi ${name},`, '', `Thank you — your payment is confirmed and ${lead.businessName} is now a client of ${settings.sender.company}.`, '', 'Here is what happens next:', ...settings.onboardingChecklist.map((item, i) => `${i + 1}. ${item}`), '', 'We will be in touch within one business day to schedule the kick-off.', '', 'Welcome aboard!', `${settings.sender.name}, ${settings.sender.company}`].join('\n');
      const esc = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
      const html = `<p>Hi ${esc(name)},</p><p>Thank you — your payment is confirmed and ${esc(lead.businessName)} is now a client of ${esc(settings.sender.company)}.</p><p>Here is what happens next:</p><ol>${settings.onboardingChecklist.map((item) => `<li>${esc(item)}</li>`).join('')}</ol><p>Welcome aboard!<br>${esc(settings.sender.name)}, ${esc(settings.sender.company)}</p>`;
      const [welcome] = await tx.messages.create([{ leadId, direction: 'out', purpose: 'welcome', step: 0, status: 'queued', subject: `Welcome to ${settings.sender.company}, ${lead.businessName}!`, text, html, toAddress: lead.email, fromAddress: settings.sender.email }]);
      if (welcome?.status === 'queued') await tx.jobs.send('message.send', { tenantId: this.deps.tenantId, messageId: welcome.id });
      if (client.created) {
        await tx.leads.appendTimeline([{ leadId, kind: TimelineKind.ONBOARDING, actor: autopilotActor, reason: `Onboarding started: client record created, ${tasks.length} checklist tasks, welcome email queued`, data: { clientId: client.id, taskIds: tasks.map((t) => t.id) } }]);
      }
      return { clientId: client.id, tasks: tasks.length };
    });
  }
}
