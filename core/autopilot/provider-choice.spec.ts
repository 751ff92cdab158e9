import { describe, expect, it } from 'vitest';
import type { FieldError } from '../errors.ts';
import { keyStillNeeded, providerProblems, providersAfter, readAiModel } from './provider-choice.ts';

const builtIn = { aiProvider: 'default', channelProvider: 'default', paymentsProvider: 'default' } as const;

describe('choosing providers', () => {
  it('accepts the built-in providers and the defaults with no key anywhere', () => {
    expect(providerProblems({ aiProvider: 'offline', channelProvider: 'outbox', paymentsProvider: 'offline' }, new Set(), ['aiProvider', 'channelProvider', 'paymentsProvider'])).toEqual([]);
    expect(providerProblems(builtIn, new Set(), ['aiProvider', 'channelProvider', 'paymentsProvider'])).toEqual([]);
  });

  it('refuses a provider whose key is nowhere, naming the field and the credential; accepts it once the key is there', () => {
    const chosen = providersAfter(builtIn, { aiProvider: 'openai', channelProvider: 'sendgrid', paymentsProvider: 'stripe' });
    expect(providerProblems(chosen, new Set(), ['aiProvider', 'channelProvider', 'paymentsProvider'])).toEqual([
      { field: 'aiProvider', message: expect.stringContaining('openai_api_key') },
      { field: 'channelProvider', message: expect.stringContaining('sendgrid_api_key') },
      { field: 'paymentsProvider', message: expect.stringContaining('stripe_secret_key') },
    ]);
    expect(providerProblems(chosen, new Set(['openai_api_key', 'sendgrid_api_key', 'stripe_secret_key']), ['aiProvider', 'channelProvider', 'paymentsProvider'])).toEqual([]);
    // Only what changes is judged.
    expect(providerProblems(chosen, new Set(), [])).toEqual([]);
  });

  it('refuses values outside the closed sets', () => {
    expect(providerProblems(providersAfter(builtIn, { aiProvider: 'bogus' }), new Set(), ['aiProvider'])).toEqual([{ field: 'aiProvider', message: 'must be one of default, offline, openai, gemini' }]);
  });

  it('keeps a key a chosen provider needs, unless the environment supplies it', () => {
    const gemini = { ...builtIn, aiProvider: 'gemini' } as const;
    expect(keyStillNeeded(gemini, 'gemini_api_key', new Set())).toMatch(/aiProvider is gemini/);
    expect(keyStillNeeded(gemini, 'gemini_api_key', new Set(['gemini_api_key']))).toBeNull();
    expect(keyStillNeeded(gemini, 'openai_api_key', new Set())).toBeNull();
    expect(keyStillNeeded({ ...builtIn, paymentsProvider: 'stripe' }, 'stripe_secret_key', new Set())).toMatch(/paymentsProvider/);
  });

  it('Twilio for SMS or WhatsApp needs an account (SID and auth token) and a sender, from the tenant or the server', () => {
    const twilio = providersAfter(builtIn, { smsProvider: 'twilio', whatsappProvider: 'twilio' });
    expect(providerProblems(twilio, new Set(), ['smsProvider', 'whatsappProvider'])).toEqual([
      { field: 'smsProvider', message: 'Twilio needs twilio_account_sid and twilio_auth_token: set the twilio_account_sid and twilio_auth_token credentials first, or choose another provider' },
      { field: 'whatsappProvider', message: expect.stringContaining('twilio_account_sid and twilio_auth_token credentials') },
    ]);
    const account = new Set(['twilio_account_sid', 'twilio_auth_token']);
    expect(providerProblems(twilio, account, ['smsProvider', 'whatsappProvider'])).toEqual([
      { field: 'smsProvider', message: expect.stringContaining('Twilio needs a sender: set twilioSender.smsFrom or twilioSender.messagingServiceSid') },
      { field: 'whatsappProvider', message: expect.stringContaining('Twilio needs a sender: set twilioSender.whatsappFrom or twilioSender.messagingServiceSid') },
    ]);
    expect(providerProblems(twilio, new Set([...account, 'twilio_messaging_service_sid']), ['smsProvider', 'whatsappProvider'])).toEqual([]);
    expect(providerProblems(twilio, new Set([...account, 'twilio_whatsapp_from']), ['whatsappProvider'])).toEqual([]);
    // OFF and OUTBOX need nothing; anything else is not a choice.
    expect(providerProblems(providersAfter(builtIn, { smsProvider: 'off', whatsappProvider: 'outbox' }), new Set(), ['smsProvider', 'whatsappProvider'])).toEqual([]);
    expect(providerProblems(providersAfter(builtIn, { smsProvider: 'sendgrid' }), new Set(), ['smsProvider'])).toEqual([{ field: 'smsProvider', message: 'must be one of default, off, outbox, twilio' }]);
  });

  it('keeps a tenant\'s own Twilio token while its account is chosen, even when the server has one (a token belongs to its account)', () => {
    const chosen = { ...builtIn, whatsappProvider: 'twilio' } as const;
    const server = new Set(['twilio_account_sid', 'twilio_auth_token']);
    expect(keyStillNeeded(chosen, 'twilio_auth_token', server)).toBeNull();
    expect(keyStillNeeded(chosen, 'twilio_auth_token', server, new Set(['twilio_account_sid', 'twilio_auth_token']))).toMatch(/whatsappProvider is twilio/);
    expect(keyStillNeeded(chosen, 'twilio_account_sid', server, new Set(['twilio_account_sid', 'twilio_auth_token']))).toBeNull();
    expect(keyStillNeeded(chosen, 'twilio_account_sid', new Set())).toMatch(/whatsappProvider is twilio/);
  });

  it('reads a model name: short, no spaces or control characters; "" is the provider\'s default', () => {
    const errors: FieldError[] = [];
    expect(readAiModel('gpt-4o', errors)).toBe('gpt-4o');
    expect(readAiModel('ft:gpt-4o-mini:acme::abc123', errors)).toBe('ft:gpt-4o-mini:acme::abc123');
    expect(readAiModel('', errors)).toBeNull();
    expect(readAiModel(null, errors)).toBeUndefined();
    expect(errors).toEqual([]);
    readAiModel('m'.repeat(10_000), errors);
    readAiModel('gpt 4o', errors);
    readAiModel('gpt\u0000', errors);
    expect(errors.map((e) => e.field)).toEqual(['aiModel', 'aiModel', 'aiModel']);
  });
});
