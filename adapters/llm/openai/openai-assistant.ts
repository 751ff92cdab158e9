import type OpenAI from 'openai';
import { z } from 'zod';
import { AiOutputError, AiUnavailableError } from '../../../core/ai/ai-assistant.ts';
import type { AiTask } from '../ai-tasks.ts';
import { openAiSchemaKeywords, providerJsonSchema } from '../json-schema.ts';
import { parseProviderOptions } from '../provider-options.ts';
import { RemoteAssistant } from '../remote-assistant.ts';

export const openAiOptionsSchema = z.object({
  apiKey: z.string({ error: 'is required' }).trim().min(1, 'is required'),
  model: z.string().trim().min(1).default('gpt-4o'),
  /** Any OpenAI-compatible server, e.g. "http://127.0.0.1:8080/v1"; the SDK appends "/chat/completions". */
  baseUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  timeoutMs: z.number().int().positive().default(30_000),
});
export type OpenAiOptions = z.input<typeof openAiOptionsSchema>;

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** The SDK is loaded on first use: a process that never calls OpenAI does not carry it (about 13 MB). */
let sdk: Promise<typeof OpenAI> | null = null;
const loadSdk = () => (sdk ??= import('openai').then((module) => module.default));

/** Turns the SDK's errors into the port's: retry later (network, 408/409/429/5xx) or fix the setup (401/403, other 4xx). */
export function toAiError(error: unknown, OpenAI: typeof import('openai').default): unknown {
  if (error instanceof OpenAI.APIConnectionError) return new AiUnavailableError(`OpenAI could not be reached: ${error.message}`, true);
  if (!(error instanceof OpenAI.APIError) || error.status === undefined) return error;
  const { status } = error;
  if (status === 401 || status === 403) return new AiUnavailableError(`OpenAI rejected the credentials (HTTP ${status}): ${error.message}`, false);
  const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
  return new AiUnavailableError(`OpenAI request failed (HTTP ${status}): ${error.message}`, retryable);
}

/** The AiAssistant on OpenAI's chat completions with strict structured outputs (json_schema). */
export class OpenAiAssistant extends RemoteAssistant {
  static readonly id = 'openai';
  readonly id = OpenAiAssistant.id;
  readonly model: string;
  private readonly options: z.output<typeof openAiOptionsSchema>;
  private client: OpenAI | null = null;
  protected readonly label = 'OpenAI';

  constructor(options: OpenAiOptions, clock: { now?: () => Date } = {}) {
    super(clock);
    this.options = parseProviderOptions(openAiOptionsSchema, options, 'OpenAI');
    this.model = this.options.model;
  }

  /** One chat completion; returns the message's JSON text. Temperature is left to the model (reasoning models refuse it). */
  protected async ask<I, O>(task: AiTask<I, O>, input: I): Promise<string> {
    const OpenAI = await loadSdk();
    const { apiKey, baseUrl, timeoutMs } = this.options;
    // Retries belong to the job queue; organisation and project come with the tenant's key, never from this process's environment.
    this.client ??= new OpenAI({ apiKey, baseURL: baseUrl ?? DEFAULT_BASE_URL, timeout: timeoutMs, maxRetries: 0, organization: null, project: null });
    let completion: OpenAI.ChatCompletion;
    try {
      completion = await this.client.chat.completions.create({
        model: this.model,
        messages: [
          { role: 'system', content: task.instructions },
          { role: 'user', content: task.message(input, this.now().toISOString().slice(0, 10)) },
        ],
        response_format: { type: 'json_schema', json_schema: { name: task.name, strict: true, schema: providerJsonSchema(task.schema, openAiSchemaKeywords) } },
      });
    } catch (error) {
      throw toAiError(error, OpenAI);
    }
    const choice = completion.choices[0];
    if (!choice) throw new AiOutputError('OpenAI returned no choices', completion);
    if (choice.message.refusal) throw new AiOutputError(`OpenAI refused: ${choice.message.refusal}`, choice.message.refusal);
    if (choice.finish_reason === 'length' || choice.finish_reason === 'content_filter') {
      throw new AiOutputError(`OpenAI stopped early (${choice.finish_reason})`, choice.message.content);
    }
    if (!choice.message.content) throw new AiOutputError('OpenAI returned an empty message', completion);
    return choice.message.content;
  }
}
