import type { GenerateContentResponse, GoogleGenAI } from '@google/genai';
import { z } from 'zod';
import { AiOutputError, AiUnavailableError } from '../../../core/ai/ai-assistant.ts';
import type { AiTask } from '../ai-tasks.ts';
import { geminiSchemaKeywords, providerJsonSchema } from '../json-schema.ts';
import { parseProviderOptions } from '../provider-options.ts';
import { RemoteAssistant } from '../remote-assistant.ts';

export const geminiOptionsSchema = z.object({
  apiKey: z.string({ error: 'is required' }).trim().min(1, 'is required'),
  model: z.string().trim().min(1).default('gemini-2.5-flash'),
  /** The API's origin, e.g. "http://127.0.0.1:8080"; the SDK appends "/<apiVersion>/models/<model>:generateContent". */
  baseUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  timeoutMs: z.number().int().positive().default(30_000),
});
export type GeminiOptions = z.input<typeof geminiOptionsSchema>;

const DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com/';

type Sdk = typeof import('@google/genai');
/** The SDK is loaded on first use: a process that never calls Gemini does not carry it (about 10 MB). */
let sdk: Promise<Sdk> | null = null;
const loadSdk = () => (sdk ??= import('@google/genai'));

/** Turns the SDK's errors into the port's: retry later (network, timeout, 408/429/5xx) or fix the setup (401/403, other 4xx). */
export function toAiError(error: unknown, { ApiError }: Sdk): unknown {
  if (error instanceof ApiError) {
    const { status } = error;
    if (status === 401 || status === 403) return new AiUnavailableError(`Gemini rejected the credentials (HTTP ${status}): ${error.message}`, false);
    const retryable = status === 408 || status === 429 || status >= 500;
    return new AiUnavailableError(`Gemini request failed (HTTP ${status}): ${error.message}`, retryable);
  }
  // fetch rejects with a TypeError ("fetch failed") when the connection fails, and with an AbortError/TimeoutError on timeout.
  if (error instanceof TypeError || (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'))) {
    return new AiUnavailableError(`Gemini could not be reached: ${error.message}`, true);
  }
  return error;
}

/** The text of the first candidate, or an AiOutputError saying why there is none (blocked, cut off). */
function answerText(response: GenerateContentResponse): string {
  const blocked = response.promptFeedback?.blockReason;
  if (blocked) throw new AiOutputError(`Gemini blocked the prompt (${blocked})`, response);
  const finishReason = response.candidates?.[0]?.finishReason;
  if (finishReason && finishReason !== 'STOP') throw new AiOutputError(`Gemini stopped early (${finishReason})`, response.text ?? response);
  const text = response.text;
  if (!text) throw new AiOutputError('Gemini returned no text', response);
  return text;
}

/** The AiAssistant on Google's Gemini API (@google/genai) with JSON-schema constrained output. */
export class GeminiAssistant extends RemoteAssistant {
  static readonly id = 'gemini';
  readonly id = GeminiAssistant.id;
  readonly model: string;
  private readonly options: z.output<typeof geminiOptionsSchema>;
  private client: GoogleGenAI | null = null;
  protected readonly label = 'Gemini';

  constructor(options: GeminiOptions, clock: { now?: () => Date } = {}) {
    super(clock);
    this.options = parseProviderOptions(geminiOptionsSchema, options, 'Gemini');
    this.model = this.options.model;
  }

  protected async ask<I, O>(task: AiTask<I, O>, input: I): Promise<string> {
    const genai = await loadSdk();
    const { apiKey, baseUrl, timeoutMs } = this.options;
    // One attempt only: the job queue retries. The SDK retries only when retryOptions is set, so this pins that.
    this.client ??= new genai.GoogleGenAI({ apiKey, vertexai: false, httpOptions: { baseUrl: baseUrl ?? DEFAULT_BASE_URL, timeout: timeoutMs, retryOptions: { attempts: 1 } } });
    let response: GenerateContentResponse;
    try {
      response = await this.client.models.generateContent({
        model: this.model,
        contents: [{ role: 'user', parts: [{ text: task.message(input, this.now().toISOString().slice(0, 10)) }] }],
        config: {
          systemInstruction: task.instructions,
          responseMimeType: 'application/json',
          responseJsonSchema: providerJsonSchema(task.schema, geminiSchemaKeywords),
          temperature: task.temperature,
        },
      });
    } catch (error) {
      throw toAiError(error, genai);
    }
    return answerText(response);
  }
}
