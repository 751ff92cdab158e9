import { describe, expect, it } from 'vitest';
import { GeminiAssistant } from './gemini/gemini-assistant.ts';
import { aiProviderIds, createAiAssistant, type AiProviderId } from './index.ts';
import { OfflineAssistant } from './offline/offline-assistant.ts';
import { OpenAiAssistant } from './openai/openai-assistant.ts';

describe('createAiAssistant', () => {
  it('lists every provider', () => {
    expect(aiProviderIds).toEqual(['offline', 'openai', 'gemini']);
  });

  it('builds the offline assistant without a key, with the injected clock', async () => {
    const assistant = createAiAssistant({ provider: 'offline', apiKey: null, model: null }, { now: () => new Date('2026-11-25T09:00:00Z') });
    expect(assistant).toBeInstanceOf(OfflineAssistant);
    expect(assistant.id).toBe('offline');
    const { output } = await assistant.classifyReply({ lead: null, subject: null, body: 'On leave, back tomorrow' });
    expect(output.returnDate).toBe('2026-11-26');
  });

  it('builds OpenAI and Gemini with their default models, or the given one', () => {
    const openai = createAiAssistant({ provider: 'openai', apiKey: 'sk-1', model: null, baseUrl: null });
    expect(openai).toBeInstanceOf(OpenAiAssistant);
    expect(openai.id).toBe('openai');
    expect((openai as OpenAiAssistant).model).toBe('gpt-4o');
    const gemini = createAiAssistant({ provider: 'gemini', apiKey: 'g-1', model: 'gemini-2.5-pro' });
    expect(gemini).toBeInstanceOf(GeminiAssistant);
    expect((gemini as GeminiAssistant).model).toBe('gemini-2.5-pro');
  });

  it('says which key is missing', () => {
    expect(() => createAiAssistant({ provider: 'openai' })).toThrow("OpenAI needs an API key (OPENAI_API_KEY or the tenant's credential)");
    expect(() => createAiAssistant({ provider: 'openai', apiKey: '   ' })).toThrow(/OpenAI needs an API key/);
    expect(() => createAiAssistant({ provider: 'gemini', apiKey: null })).toThrow("Gemini needs an API key (GEMINI_API_KEY or the tenant's credential)");
  });

  it('rejects a bad base URL and an unknown provider by name', () => {
    expect(() => createAiAssistant({ provider: 'openai', apiKey: 'sk', baseUrl: 'localhost:8080' })).toThrow(/baseUrl/);
    expect(() => createAiAssistant({ provider: 'claude' as AiProviderId })).toThrow('Unknown AI provider "claude"; expected one of offline, openai, gemini');
  });
});
