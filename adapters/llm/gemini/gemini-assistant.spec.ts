import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AiOutputError, AiUnavailableError } from '../../../core/ai/ai-assistant.ts';
import type { ReplyClassification } from '../../../core/ai/ai.types.ts';
import { leadProfile, senderIdentity } from '../testing/ai-fixtures.ts';
import { closedPort, startWireServer, type WireServer } from '../testing/wire-server.ts';
import { aiTasks } from '../ai-tasks.ts';
import { INTENT_DEFINITIONS } from '../prompts/classify-reply-prompt.ts';
import { replyExamples } from '../prompts/reply-examples.ts';
import { GeminiAssistant, geminiOptionsSchema } from './gemini-assistant.ts';

const classification: ReplyClassification = {
  intent: 'out_of_office',
  sentiment: 'neutral',
  confidence: 0.95,
  reasoning: 'Says "main 5 tarikh tak bahar hoon".',
  language: 'hinglish',
  returnDate: '2026-12-05',
  referral: null,
};

/** A generateContent response as the Gemini API returns it. */
function generated(text: string, finishReason = 'STOP') {
  return {
    candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason, index: 0 }],
    usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 10, totalTokenCount: 20 },
    modelVersion: 'gemini-2.5-flash',
  };
}

const errorBody = (code: number, status: string) => ({ error: { code, message: 'test error', status } });

describe('GeminiAssistant', () => {
  let server: WireServer;
  let assistant: GeminiAssistant;
  const input = { lead: leadProfile(), subject: 'Re: A quick idea', body: 'main 5 tarikh tak bahar hoon' };

  beforeAll(async () => {
    server = await startWireServer();
    assistant = new GeminiAssistant({ apiKey: 'gemini-test-key', baseUrl: server.origin, timeoutMs: 5_000 }, { now: () => new Date('2026-11-25T09:00:00Z') });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  it('calls generateContent with the system instruction and a JSON response schema, and returns the validated output', async () => {
    server.reply({ status: 200, body: generated(JSON.stringify(classification)) });
    const result = await assistant.classifyReply(input);

    expect(result).toMatchObject({ output: classification, provider: 'gemini', model: 'gemini-2.5-flash' });
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    const body = request?.body as any;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v1/models/gemini-2.5-flash:generateContent');
    expect(request?.headers['x-goog-api-key']).toBe('gemini-test-key');
    expect(body.systemInstruction.parts[0].text).toMatch(/Hinglish/);
    expect(body.contents).toHaveLength(1);
    expect(body.contents[0].role).toBe('user');
    expect(JSON.parse(body.contents[0].parts[0].text)).toMatchObject({ receivedDate: '2026-11-25', receivedWeekday: 'Wednesday', body: input.body });
    expect(body.generationConfig).toMatchObject({ responseMimeType: 'application/json', temperature: 0 });
    const schema = body.generationConfig.responseJsonSchema;
    expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
    expect(schema.required).toEqual(Object.keys(schema.properties));
    expect(schema.properties.intent.enum).toContain('out_of_office');
    // Only keywords Gemini documents: no $schema, string lengths or patterns.
    expect(JSON.stringify(schema)).not.toMatch(/\$schema|minLength|maxLength|pattern/);
  });

  it('asks with the same classification prompt as OpenAI (definitions, rules, examples in three languages) and the day the reply arrived', async () => {
    server.reply({ status: 200, body: generated(JSON.stringify(classification)) });
    await assistant.classifyReply({ ...input, receivedAt: new Date('2026-12-28T09:00:00Z') });
    const body = server.requests[0]?.body as any;
    expect(body.systemInstruction.parts[0].text).toBe(aiTasks.classifyReply.instructions);
    expect(body.systemInstruction.parts[0].text).toContain(INTENT_DEFINITIONS);
    for (const example of replyExamples) expect(body.systemInstruction.parts[0].text).toContain(JSON.stringify(example.body));
    expect(JSON.parse(body.contents[0].parts[0].text)).toMatchObject({ receivedDate: '2026-12-28', receivedWeekday: 'Monday' });
  });

  it('drops a return date the model put before the day the reply arrived, and says so', async () => {
    server.reply({ status: 200, body: generated(JSON.stringify({ ...classification, returnDate: '2026-12-05' })) });
    const { output } = await assistant.classifyReply({ ...input, receivedAt: new Date('2026-12-10T09:00:00Z') });
    expect(output).toMatchObject({ intent: 'out_of_office', returnDate: null, reasoning: expect.stringContaining('before the day the reply arrived') });
  });

  it('writes outreach with a higher temperature', async () => {
    const draft = { subject: 'A quick idea for Smile Dental', text: 'Hi Dr. Sharma, I noticed your clinic in Jaipur.', html: '<p>Hi Dr. Sharma, I noticed your clinic in Jaipur.</p>' };
    server.reply({ status: 200, body: generated(JSON.stringify(draft)) });
    const result = await assistant.writeOutreach({ lead: leadProfile(), sender: senderIdentity(), step: 0 });
    expect(result.output).toEqual(draft);
    expect((server.requests[0]?.body as any).generationConfig.temperature).toBe(0.7);
  });

  it('rejects malformed and schema-violating answers with AiOutputError', async () => {
    server.reply({ status: 200, body: generated('{"intent": ') });
    await expect(assistant.classifyReply(input)).rejects.toMatchObject({ name: 'AiOutputError', raw: '{"intent": ' });
    server.reply({ status: 200, body: generated(JSON.stringify({ ...classification, returnDate: 'next week' })) });
    const error = await assistant.classifyReply(input).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AiOutputError);
    expect((error as AiOutputError).message).toMatch(/returnDate/);
  });

  it('rejects a blocked prompt or a cut-off answer with AiOutputError', async () => {
    server.reply({ status: 200, body: { promptFeedback: { blockReason: 'SAFETY' } } });
    await expect(assistant.classifyReply(input)).rejects.toMatchObject({ name: 'AiOutputError', message: expect.stringMatching(/blocked/) });
    server.reply({ status: 200, body: generated('{"intent": "out_of', 'MAX_TOKENS') });
    await expect(assistant.classifyReply(input)).rejects.toMatchObject({ name: 'AiOutputError', message: expect.stringMatching(/MAX_TOKENS/) });
  });

  it.each([
    [429, 'RESOURCE_EXHAUSTED'],
    [500, 'INTERNAL'],
    [503, 'UNAVAILABLE'],
  ])('maps HTTP %i to a retryable AiUnavailableError, without retrying itself', async (status, code) => {
    server.reply({ status, body: errorBody(status, code) });
    const error = await assistant.classifyReply(input).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AiUnavailableError);
    expect((error as AiUnavailableError).retryable).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    [401, 'UNAUTHENTICATED'],
    [403, 'PERMISSION_DENIED'],
  ])('maps HTTP %i to a non-retryable AiUnavailableError', async (status, code) => {
    server.reply({ status, body: errorBody(status, code) });
    await expect(assistant.classifyReply(input)).rejects.toMatchObject({ name: 'AiUnavailableError', retryable: false });
  });

  it('maps a connection failure to a retryable AiUnavailableError', async () => {
    const offline = new GeminiAssistant({ apiKey: 'key', baseUrl: `http://127.0.0.1:${await closedPort()}` });
    await expect(offline.classifyReply(input)).rejects.toMatchObject({ name: 'AiUnavailableError', retryable: true });
  });

  it('maps a timeout to a retryable AiUnavailableError', async () => {
    server.reply({ status: 200, body: {}, delayMs: 1_000 });
    const impatient = new GeminiAssistant({ apiKey: 'key', baseUrl: server.origin, timeoutMs: 100 });
    await expect(impatient.classifyReply(input)).rejects.toMatchObject({ name: 'AiUnavailableError', retryable: true });
    expect(server.requests).toHaveLength(1);
  });

  it('validates its options at construction, naming the field', () => {
    expect(() => new GeminiAssistant({ apiKey: ' ' })).toThrow(/apiKey/);
    expect(() => new GeminiAssistant({ apiKey: 'key', baseUrl: 'ftp://example.com' })).toThrow(/baseUrl/);
    expect(geminiOptionsSchema.parse({ apiKey: 'key' })).toEqual({ apiKey: 'key', model: 'gemini-2.5-flash', timeoutMs: 30_000 });
  });
});
