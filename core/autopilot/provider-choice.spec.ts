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
