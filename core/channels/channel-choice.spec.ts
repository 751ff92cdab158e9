import { describe, expect, it } from 'vitest';
import { channelForLead } from './channel-choice.ts';

const both = { sms: true, whatsapp: true };

describe('the channel a lead is reached on', () => {
  it('email first whenever the lead has an address', () => {
    expect(channelForLead({ email: 'a@b.in', phone: '+919829011111' }, both)).toEqual({ channel: 'email', address: 'a@b.in' });
  });

  it('else WhatsApp when the tenant uses it, else SMS', () => {
    expect(channelForLead({ email: null, phone: '+919829011111' }, both)).toEqual({ channel: 'whatsapp', address: '+919829011111' });
    expect(channelForLead({ email: null, phone: '+919829011111' }, { sms: true, whatsapp: false })).toEqual({ channel: 'sms', address: '+919829011111' });
  });

  it('neither: email without an address (the message is not sent, and the timeline says why)', () => {
    expect(channelForLead({ email: null, phone: '+919829011111' }, { sms: false, whatsapp: false })).toEqual({ channel: 'email', address: null });
    expect(channelForLead({ email: null, phone: null }, both)).toEqual({ channel: 'email', address: null });
  });
});
