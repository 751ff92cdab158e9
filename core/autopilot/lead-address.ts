import { channelForLead } from '../channels/channel-choice.ts';
import type { Lead } from '../leads/lead.types.ts';
import type { MessageChannel, TenantSettings } from './autopilot.types.ts';

/** The channel and address of a new message to a lead, by the tenant's choice of text channels. */
export function addressFor(lead: Pick<Lead, 'email' | 'phone'>, settings: Pick<TenantSettings, 'smsProvider' | 'whatsappProvider'>): { channel: MessageChannel; toAddress: string | null } {
  const { channel, address } = channelForLead(lead, { sms: settings.smsProvider !== 'off', whatsapp: settings.whatsappProvider !== 'off' });
  return { channel, toAddress: address };
}
