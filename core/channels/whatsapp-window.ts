/**
 * WhatsApp's 24-hour rule: a business may send free-form text only within 24 hours of the contact's
 * last message to it; outside that window only a template WhatsApp approved beforehand may go. Pure:
 * a function of the last inbound time, now and the tenant's template.
 */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

/** An approved template (Twilio Content API): its SID and its variables, written with placeholders. */
export interface WhatsAppTemplate {
  contentSid: string;
  /** Variable 1, 2, …: text with {contactName}, {businessName}, {senderName} or {company} in it. */
  variables: string[];
}

export type WhatsAppSend =
  | { kind: 'text' }
  | { kind: 'template'; template: WhatsAppTemplate }
  | { kind: 'none'; reason: string };

export function whatsappWindowOpen(lastInboundAt: Date | null, now: Date): boolean {
  if (!lastInboundAt) return false;
  const age = now.getTime() - lastInboundAt.getTime();
  return age >= 0 && age < WHATSAPP_WINDOW_MS;
}

/** What may go to a contact now: free-form text inside the window, else the template, else nothing (with why). */
export function whatsappSendDecision(lastInboundAt: Date | null, now: Date, template: WhatsAppTemplate | null): WhatsAppSend {
  if (whatsappWindowOpen(lastInboundAt, now)) return { kind: 'text' };
  if (template) return { kind: 'template', template };
  const last = lastInboundAt ? `their last message came ${ago(now.getTime() - lastInboundAt.getTime())} ago` : 'they have never written to us';
  return {
    kind: 'none',
    reason: `WhatsApp allows free-form messages only within 24 hours of the contact's last message, and ${last}; no approved WhatsApp template is set (whatsappTemplate in the settings), so nothing was sent`,
  };
}

function ago(ms: number): string {
  const hours = Math.floor(ms / 3_600_000);
  return hours < 48 ? `${hours} hours` : `${Math.floor(hours / 24)} days`;
}

/** The placeholders a template variable may use, and what each becomes. */
export const TEMPLATE_PLACEHOLDERS = ['contactName', 'businessName', 'senderName', 'company'] as const;
export type TemplateValues = Record<(typeof TEMPLATE_PLACEHOLDERS)[number], string>;

/** The template's variables for one contact, keyed "1", "2", … as Twilio's ContentVariables are. */
export function templateVariables(template: WhatsAppTemplate, values: TemplateValues): Record<string, string> {
  return Object.fromEntries(
    template.variables.map((text, i) => [String(i + 1), text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? values[name as keyof TemplateValues] : whole)).trim() || '-']),
  );
}

/** Placeholders in `text` that are not known (a typo would otherwise reach the contact as written). */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(/\{(\w*)\}/g)].map((m) => m[1] as string).filter((name) => !(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name));
}

/** A template send in words, for the message's record and the outbox: its SID and each variable as it went. */
export function templateSummary(template: { contentSid: string; variables: Record<string, string> }): string {
  return [`WhatsApp template ${template.contentSid}`, ...Object.entries(template.variables).map(([n, value]) => `{{${n}}} = ${value}`)].join('\n');
}
