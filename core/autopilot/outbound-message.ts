import type { OutboundMessage } from '../channels/channel.ts';
import { templateVariables, type WhatsAppTemplate } from '../channels/whatsapp-window.ts';
import type { Lead } from '../leads/lead.types.ts';
import type { Message, TenantSettings } from './autopilot.types.ts';

/** What a stored message becomes on the wire: an email with its unsubscribe footer and headers, or a text with the STOP line. */
export function outboundMessage(message: Message, lead: Lead, settings: TenantSettings, unsubscribeUrl: string, template: WhatsAppTemplate | null): OutboundMessage {
  const from = { email: settings.sender.email, name: `${settings.sender.name}, ${settings.sender.company}` };
  const to = { email: message.channel === 'email' ? message.toAddress : lead.email, phone: message.channel === 'email' ? lead.phone : message.toAddress, name: lead.contactName };
  if (message.channel !== 'email') {
    // A text has no subject line: WhatsApp shows it in bold above the text, SMS leaves it out. STOP is how texts are refused.
    const heading = message.channel === 'whatsapp' && message.subject && message.purpose !== 'proposal' ? `*${message.subject}*\n\n` : '';
    return {
      messageId: message.rfcMessageId as string, to, from, replyTo: null, subject: null, html: null, headers: {},
      text: `${heading}${message.text ?? ''}\n\nReply STOP to stop these messages.`,
      template: template ? { contentSid: template.contentSid, variables: templateVariables(template, { contactName: lead.contactName ?? lead.businessName, businessName: lead.businessName, senderName: settings.sender.name, company: settings.sender.company }) } : null,
    };
  }
  const footer = `\n\n--\nDon't want these emails? Unsubscribe: ${unsubscribeUrl}`;
  const htmlFooter = `<hr><p style="font-size:12px;color:#666">Don't want these emails? <a href="${unsubscribeUrl}">Unsubscribe</a></p>`;
  return {
    messageId: message.rfcMessageId as string,
    to,
    from,
    replyTo: settings.sender.email,
    subject: message.subject,
    text: `${message.text ?? ''}${footer}`,
    html: message.html ? `${message.html}${htmlFooter}` : null,
    headers: {
      'Message-ID': message.rfcMessageId as string,
      'List-Unsubscribe': `<${unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
