import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { inboundParams } from './testing/twilio-wire-server.ts';
import { parseTwilioWebhook, readTwilioForm, verifyTwilioSignature } from './twilio-webhook.ts';

const TOKEN = 'local-auth-token';
const URL_ = 'https://crm.example/webhooks/twilio/2f1c1c4e-0000-4000-8000-000000000001';
const ACCOUNT = `AC${'0a'.repeat(16)}`;

describe('Twilio webhooks', () => {
  it('verify X-Twilio-Signature over the exact URL and the POST parameters (the SDK\'s own helper signs)', () => {
    const params = readTwilioForm(Buffer.from(new URLSearchParams(inboundParams({ from: '+919829011111', to: '+14155238886', body: 'price kya hai?', channel: 'whatsapp', accountSid: ACCOUNT })).toString()));
    const signature = twilio.getExpectedTwilioSignature(TOKEN, URL_, params);
    expect(verifyTwilioSignature(TOKEN, signature, URL_, params)).toBe(true);
    expect(verifyTwilioSignature('another-token', signature, URL_, params)).toBe(false);
    expect(verifyTwilioSignature(TOKEN, signature, `${URL_}?x=1`, params)).toBe(false);
    expect(verifyTwilioSignature(TOKEN, signature, URL_, { ...params, Body: 'price kya hai??' })).toBe(false);
    expect(verifyTwilioSignature(TOKEN, undefined, URL_, params)).toBe(false);
    expect(verifyTwilioSignature(TOKEN, signature, 'not a url', params)).toBe(false);
  });

  it('read an incoming WhatsApp message: channel, numbers without prefixes, profile name, media', () => {
    const params = { ...inboundParams({ from: '+919829011111', to: '+14155238886', body: 'photo attached', channel: 'whatsapp', accountSid: ACCOUNT, sid: 'SMabc', profileName: 'Dr. Mehta' }), NumMedia: '1', MediaUrl0: 'https://api.twilio.com/media/ME1', MediaContentType0: 'image/jpeg' };
    expect(parseTwilioWebhook(params)).toEqual({
      kind: 'message',
      message: { channel: 'whatsapp', provider: 'twilio', providerMessageId: 'SMabc', from: '+919829011111', to: '+14155238886', senderName: 'Dr. Mehta', text: 'photo attached', media: [{ url: 'https://api.twilio.com/media/ME1', contentType: 'image/jpeg' }] },
    });
    expect(parseTwilioWebhook(inboundParams({ from: '+919829011111', to: '+15005550006', body: 'STOP', accountSid: ACCOUNT }))).toMatchObject({ kind: 'message', message: { channel: 'sms', text: 'STOP', senderName: null } });
  });

  it('read delivery reports in our words: pending, sent, delivered, read, failed (undelivered too), with the number\'s fate', () => {
    const report = (status: string, errorCode?: string) => parseTwilioWebhook({ MessageSid: 'SM1', MessageStatus: status, ...(errorCode ? { ErrorCode: errorCode } : {}) });
    expect(report('queued')).toEqual({ kind: 'status', update: { provider: 'twilio', providerMessageId: 'SM1', status: 'pending', error: null, suppressAs: null } });
    expect(report('sent')).toMatchObject({ update: { status: 'sent' } });
    expect(report('delivered')).toMatchObject({ update: { status: 'delivered' } });
    expect(report('read')).toMatchObject({ update: { status: 'read' } });
    expect(report('undelivered', '30006')).toMatchObject({ update: { status: 'failed', error: 'Twilio reported the message undelivered (error 30006)', suppressAs: 'bounce' } });
    expect(report('failed', '21610')).toMatchObject({ update: { status: 'failed', suppressAs: 'opt_out' } });
    expect(report('failed', '63016')).toMatchObject({ update: { status: 'failed', suppressAs: null } });
  });

  it('leave alone what we do not use', () => {
    expect(parseTwilioWebhook({ Body: 'hi', From: '+919829011111' })).toMatchObject({ kind: 'ignored', reason: 'no MessageSid' });
    expect(parseTwilioWebhook({ MessageSid: 'SM1', MessageStatus: 'teleported' })).toMatchObject({ kind: 'ignored' });
    expect(parseTwilioWebhook({ MessageSid: 'SM1', From: 'messenger:12345', Body: 'hi' })).toMatchObject({ kind: 'ignored' });
  });

  it('keep every value of a repeated parameter, as Twilio signed it', () => {
    expect(readTwilioForm(Buffer.from('A=1&B=2&A=3'))).toEqual({ A: ['1', '3'], B: '2' });
  });
});
