import type { AiAssistant } from '../../core/ai/ai-assistant.ts';
import { GeminiAssistant } from './gemini/gemini-assistant.ts';
import { OfflineAssistant } from './offline/offline-assistant.ts';
import { OpenAiAssistant } from './openai/openai-assistant.ts';

export type AiProviderId = 'offline' | 'openai' | 'gemini';

/** A tenant's (or the process's) AI choice; null and missing mean "the provider's default". */
export interface AiSettings {
  provider: AiProviderId;
  model?: string | null;
  apiKey?: string | null;
  baseUrl?: string | null;
}

export const aiProviderIds: AiProviderId[] = ['offline', 'openai', 'gemini'];

export { AiOutputError, AiUnavailableError } from '../../core/ai/ai-assistant.ts';
export { GeminiAssistant, OfflineAssistant, OpenAiAssistant };

const blankToUndefined = (value: string | null | undefined) => (value?.trim() ? value.trim() : undefined);

/** Picks the AiAssistant for the settings; options are checked now, so a bad setup fails at start-up, not in a job. */
export function createAiAssistant(settings: AiSettings, options: { now?: () => Date } = {}): AiAssistant {
  const apiKey = blankToUndefined(settings.apiKey);
  const remote = { model: blankToUndefined(settings.model), baseUrl: blankToUndefined(settings.baseUrl) };
  switch (settings.provider) {
    case 'offline':
      return new OfflineAssistant(options);
    case 'openai':
      if (!apiKey) throw new Error("OpenAI needs an API key (OPENAI_API_KEY or the tenant's credential)");
      return new OpenAiAssistant({ apiKey, ...remote }, options);
    case 'gemini':
      if (!apiKey) throw new Error("Gemini needs an API key (GEMINI_API_KEY or the tenant's credential)");
      return new GeminiAssistant({ apiKey, ...remote }, options);
    default: {
      const unknown: never = settings.provider;
      throw new Error(`Unknown AI provider "${String(unknown)}"; expected one of ${aiProviderIds.join(', ')}`);
    }
  }
}
