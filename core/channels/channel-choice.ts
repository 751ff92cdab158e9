import type { ChannelKind } from './channel.ts';

/** Which text channels a tenant reaches leads on (its sms and WhatsApp settings are not OFF). */
export interface TextChannelsEnabled {
  sms: boolean;
  whatsapp: boolean;
}

/**
 * The channel and address a message to a lead goes by: email when the lead has an address, else
 * WhatsApp (when the tenant uses it), else SMS. A lead with neither gets email with no address: its
 * message is then not sent, and the timeline says why.
 */
export function channelForLead(lead: { email: string | null; phone: string | null }, enabled: TextChannelsEnabled): { channel: ChannelKind; address: string | null } {
  if (lead.email) return { channel: 'email', address: lead.email };
  if (lead.phone && enabled.whatsapp) return { channel: 'whatsapp', address: lead.phone };
  if (lead.phone && enabled.sms) return { channel: 'sms', address: lead.phone };
  return { channel: 'email', address: null };
}

/** A channel's name in a sentence for people. */
export function channelName(channel: ChannelKind): string {
  return channel === 'whatsapp' ? 'WhatsApp' : channel === 'sms' ? 'SMS' : 'email';
}
