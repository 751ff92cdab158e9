import { describe, expect, it } from 'vitest';
import type { FieldError } from '../errors.ts';
import { readTwilioSender, readWhatsAppTemplate, senderNames } from './text-channel-settings.ts';

const none = { messagingServiceSid: null, smsFrom: null, whatsappFrom: null };
const SERVICE = `MG${'a1'.repeat(16)}`;

describe('Twilio senders', () => {
  it('sets what is given (numbers as people paste them), clears what is "", keeps the rest', () => {
    const errors: FieldError[] = [];
    const current = { ...none, smsFrom: '+15005550006' };
    expect(readTwilioSender(current, { whatsappFrom: '+1 (415) 523-8886', messagingServiceSid: SERVICE }, errors)).toEqual({ messagingServiceSid: SERVICE, smsFrom: '+15005550006', whatsappFrom: '+14155238886' });
    expect(readTwilioSender(current, { smsFrom: '' }, errors)).toEqual(none);
    expect(readTwilioSender(current, null, errors)).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it('refuses what is not a number in E.164 or a Messaging Service SID, naming the field', () => {
    const errors: FieldError[] = [];
    readTwilioSender(none, { smsFrom: '098290 11111', whatsappFrom: '+0123', messagingServiceSid: 'MG12' }, errors);
    expect(errors.map((e) => e.field)).toEqual(['twilioSender.messagingServiceSid', 'twilioSender.smsFrom', 'twilioSender.whatsappFrom']);
    readTwilioSender(none, { smsFrom: `+1${'5'.repeat(100)}` }, errors);
    expect(errors).toHaveLength(4);
  });

  it('name what the tenant supplies for the provider choice', () => {
    expect(senderNames({ twilioSender: { ...none, whatsappFrom: '+14155238886' } })).toEqual(['twilio_whatsapp_from']);
    expect(senderNames({ twilioSender: none })).toEqual([]);
  });
});

describe('the WhatsApp template', () => {
  it('is an HX SID with at most 10 variables of known placeholders; "" removes it', () => {
    const errors: FieldError[] = [];
    const sid = `HX${'0f'.repeat(16)}`;
    expect(readWhatsAppTemplate({ contentSid: ` ${sid} `, variables: ['{contactName}', 'from {company}'] }, errors)).toEqual({ contentSid: sid, variables: ['{contactName}', 'from {company}'] });
    expect(readWhatsAppTemplate({ contentSid: sid }, errors)).toEqual({ contentSid: sid, variables: [] });
    expect(readWhatsAppTemplate({ contentSid: '' }, errors)).toBeNull();
    expect(readWhatsAppTemplate(undefined, errors)).toBeUndefined();
    expect(errors).toEqual([]);
    expect(readWhatsAppTemplate({ contentSid: sid, variables: Array.from({ length: 11 }, () => 'x') }, errors)).toBeUndefined();
    expect(readWhatsAppTemplate({ contentSid: 'HX1', variables: ['{name}', 'x'.repeat(201)] }, errors)).toBeUndefined();
    expect(errors.map((e) => e.field)).toEqual(['whatsappTemplate.variables', 'whatsappTemplate.contentSid', 'whatsappTemplate.variables.0', 'whatsappTemplate.variables.1']);
  });
});
