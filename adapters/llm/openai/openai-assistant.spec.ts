import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AiOutputError, AiUnavailableError } from '../../../core/ai/ai-assistant.ts';
import type { ReplyClassification } from '../../../core/ai/ai.types.ts';
import { leadProfile, senderIdentity, serviceCatalog } from '../testing/ai-fixtures.ts';
import { closedPort, startWireServer, type WireServer } from '../testing/wire-server.ts';
import { INTENT_DEFINITIONS } from '../prompts/classify-reply-prompt.ts';
import { replyExamples } from '../prompts/reply-examples.ts';
import { OpenAiAssistant, openAiOptionsSchema } from './openai-assistant.ts';

const classification: ReplyClassification = {
  intent: 'asking_price',
  sentiment: 'positive',
  confidence: 0.93,
  reasoning: 'Asks "rate kya hai" after saying interested.',
  language: 'hinglish',
  returnDate: null,
  referral: null,
};

/** A chat completion as OpenAI returns it, with `content` as the assistant's message. */
function completion(content: string | null, extra: Record<string, unknown> = {}) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_764_000_000,
    model: 'gpt-4o-2024-08-06',
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null, ...extra }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}

const errorBody = (message: string) => ({ error: { message, type: 'test_error', code: null, param: null } });

describe('OpenAiAssistant', () => {
  let server: WireServer;
  let assistant: OpenAiAssistant;
  const input = { lead: leadProfile(), subject: 'Re: A quick idea', body: 'haan bhai interested hoon, rate kya hai?' };

  beforeAll(async () => {
    server = await startWireServer();
    assistant = new OpenAiAssistant({ apiKey: 'sk-test-123', baseUrl: `${server.origin}/v1`, timeoutMs: 5_000 }, { now: () => new Date('2026-11-25T09:00:00Z') });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  it('sends a strict json_schema chat completion and returns the validated output', async () => {
    server.reply({ status: 200, body: completion(JSON.stringify(classification)) });
    const result = await assistant.classifyReply(input);

    expect(result).toMatchObject({ output: classification, provider: 'openai', model: 'gpt-4o' });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    const body = request?.body as any;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe('Bearer sk-test-123');
    expect(body.model).toBe('gpt-4o');
    expect(body.messages.map((message: any) => message.role)).toEqual(['system', 'user']);
    expect(body.messages[0].content).toMatch(/Hinglish/);
    // Without a receivedAt the reply is taken as arriving now (the injected clock): Wednesday 25 November 2026.
    expect(JSON.parse(body.messages[1].content)).toMatchObject({ receivedDate: '2026-11-25', receivedWeekday: 'Wednesday', body: input.body, subject: input.subject });
    expect(body.response_format.type).toBe('json_schema');
    expect(body.response_format.json_schema).toMatchObject({ name: 'reply_classification', strict: true });
  });

  it('tells the model the day the reply arrived, the intent definitions word for word and examples in English, Hinglish and Hindi', async () => {
    server.reply({ status: 200, body: completion(JSON.stringify(classification)) });
    await assistant.classifyReply({ ...input, receivedAt: new Date('2027-03-05T22:30:00Z'), senderEmail: 'asha@growth.co' });
    const body = server.requests[0]?.body as any;
    const system: string = body.messages[0].content;
    expect(system).toContain(INTENT_DEFINITIONS);
    expect(system).toContain('if that is a Saturday or Sunday, the following Monday');
    expect(system).toContain('a warm decline ("thanks so much, lovely portfolio, but we\'re covered") is POSITIVE in tone');
    for (const lang of ['en', 'hinglish', 'hi'] as const) {
      const examples = replyExamples.filter((example) => example.lang === lang);
      expect(examples.length).toBeGreaterThanOrEqual(5);
      for (const example of examples) expect(system).toContain(JSON.stringify(example.body));
    }
    expect(JSON.parse(body.messages[1].content)).toMatchObject({ receivedDate: '2027-03-05', receivedWeekday: 'Friday', ourAddress: 'asha@growth.co', lead: { email: input.lead.email } });
  });

  it('holds the answer to the product\'s rules: a real return date on or after the day received, a referral without titles and never the lead\'s or our address', async () => {
    const receivedAt = new Date('2027-03-05T10:00:00Z');
    const ask = async (answer: Partial<ReplyClassification>) => {
      server.reply({ status: 200, body: completion(JSON.stringify({ ...classification, ...answer })) });
      return (await assistant.classifyReply({ ...input, receivedAt, senderEmail: 'asha@growth.co' })).output;
    };
    const away = { intent: 'out_of_office', sentiment: 'neutral' } as const;
    expect(await ask({ ...away, returnDate: '2027-03-08' })).toMatchObject({ returnDate: '2027-03-08' });
    expect(await ask({ ...away, returnDate: '2027-03-05' })).toMatchObject({ returnDate: '2027-03-05' });
    const past = await ask({ ...away, returnDate: '2027-03-04' });
    expect(past.returnDate).toBeNull();
    expect(past.reasoning).toContain('2027-03-04 was dropped: before the day the reply arrived');
    expect(await ask({ ...away, returnDate: '2027-02-30' })).toMatchObject({ returnDate: null, reasoning: expect.stringContaining('not a real date') });
    expect(await ask({ intent: 'interested', returnDate: '2027-03-08' })).toMatchObject({ intent: 'interested', returnDate: null });
    const wrong = { intent: 'wrong_person', sentiment: 'neutral' } as const;
    expect(await ask({ ...wrong, referral: { name: 'Mr. Rajesh Kumar', email: 'rajesh@smiledental.in' } })).toMatchObject({ referral: { name: 'Rajesh Kumar', email: 'rajesh@smiledental.in' } });
    expect(await ask({ ...wrong, referral: { name: 'Sharma ji', email: input.lead.email } })).toMatchObject({ referral: { name: 'Sharma', email: null } });
    expect(await ask({ ...wrong, referral: { name: null, email: 'ASHA@growth.co' } })).toMatchObject({ referral: null });
    expect(await ask({ intent: 'asking_price', referral: { name: 'Priya', email: null } })).toMatchObject({ referral: null });
  });

  it('sends a schema acceptable to strict mode: every property required, no extra properties, nullable as anyOf', async () => {
    server.reply({ status: 200, body: completion(JSON.stringify(classification)) });
    await assistant.classifyReply(input);
    const schema = (server.requests[0]?.body as any).response_format.json_schema.schema;
    expect(schema).not.toHaveProperty('$schema');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(Object.keys(schema.properties));
    expect(schema.properties.returnDate.anyOf).toEqual([{ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }, { type: 'null' }]);
    const referral = schema.properties.referral.anyOf[0];
    expect(referral).toMatchObject({ type: 'object', required: ['name', 'email'], additionalProperties: false });
    expect(JSON.stringify(schema)).not.toMatch(/minLength|maxLength/);
  });

  it('uses each task its own schema name', async () => {
    const drafts = {
      proposal_draft: { title: 'Website for Smile Dental', summary: 'A website for Smile Dental in Jaipur.', lineItems: [{ serviceId: 'svc-web', description: 'Clinic website', quantity: 1, unitAmount: '2500000' }], currency: 'INR', expectedResults: ['More bookings'], validDays: 14 },
      outreach_draft: { subject: 'A quick idea for Smile Dental', text: 'Hi Dr. Sharma, I noticed your clinic in Jaipur.', html: '<p>Hi Dr. Sharma, I noticed your clinic in Jaipur.</p>' },
      answer_draft: { text: 'Hi Dr. Sharma, a specialist will confirm.' },
    };
    server.reply((request) => ({ status: 200, body: completion(JSON.stringify(drafts[(request.body as any).response_format.json_schema.name as keyof typeof drafts])) }));
    const lead = leadProfile();
    const sender = senderIdentity();
    expect((await assistant.writeProposal({ lead, sender, catalog: serviceCatalog, conversation: [] })).output).toEqual(drafts.proposal_draft);
    expect((await assistant.writeOutreach({ lead, sender, step: 0 })).output).toEqual(drafts.outreach_draft);
    expect((await assistant.draftAnswer({ lead, sender, question: 'Instagram too?' })).output).toEqual(drafts.answer_draft);
  });

  it('sends catalog prices as strings of digits and asks for amounts back that way (a JSON number is exact only to 2^53)', async () => {
    const draft = { title: 'Toll plazas for Smile Dental', summary: 'Signs on every toll plaza near Jaipur.', lineItems: [{ serviceId: 'svc-big', description: 'Signs', quantity: 1, unitAmount: '9007199254740993' }], currency: 'INR', expectedResults: ['More bookings'], validDays: 14 };
    server.reply({ status: 200, body: completion(JSON.stringify(draft)) });
    const catalog = [{ id: 'svc-big', name: 'Toll plaza signs', description: 'Every plaza', priceMin: 9_007_199_254_740_993n, priceMax: 9_007_199_254_740_995n, currency: 'INR' }];
    expect((await assistant.writeProposal({ lead: leadProfile(), sender: senderIdentity(), catalog, conversation: [] })).output.lineItems[0]?.unitAmount).toBe('9007199254740993');
    const body = server.requests[0]?.body as any;
    expect(JSON.parse(body.messages[1].content).catalog[0]).toMatchObject({ priceMin: '9007199254740993', priceMax: '9007199254740995' });
    expect(body.response_format.json_schema.schema.properties.lineItems.items.properties.unitAmount).toEqual({ type: 'string', pattern: '^(0|[1-9][0-9]{0,18})$' });
    server.reply({ status: 200, body: completion(JSON.stringify({ ...draft, lineItems: [{ ...draft.lineItems[0], unitAmount: 9007199254740993 }] })) });
    await expect(assistant.writeProposal({ lead: leadProfile(), sender: senderIdentity(), catalog, conversation: [] })).rejects.toBeInstanceOf(AiOutputError);
  });

  it('rejects malformed JSON and schema-violating JSON with AiOutputError carrying the raw text', async () => {
    server.reply({ status: 200, body: completion('{"intent": "asking_price", ') });
    await expect(assistant.classifyReply(input)).rejects.toMatchObject({ name: 'AiOutputError', raw: '{"intent": "asking_price", ' });
    const wrong = JSON.stringify({ ...classification, intent: 'maybe', confidence: 3 });
    server.reply({ status: 200, body: completion(wrong) });
    const error = await assistant.classifyReply(input).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AiOutputError);
    expect((error as AiOutputError).raw).toBe(wrong);
    expect((error as AiOutputError).message).toMatch(/intent/);
  });

  it('turns a refusal into AiOutputError', async () => {
    server.reply({ status: 200, body: completion(null, { refusal: 'I cannot help with that.' }) });
    await expect(assistant.classifyReply(input)).rejects.toMatchObject({ name: 'AiOutputError', message: expect.stringMatching(/refused/) });
  });

  it.each([429, 500, 503])('maps HTTP %i to a retryable AiUnavailableError, without retrying itself', async (status) => {
    server.reply({ status, body: errorBody('try later') });
    const error = await assistant.classifyReply(input).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AiUnavailableError);
    expect((error as AiUnavailableError).retryable).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it.each([401, 403])('maps HTTP %i to a non-retryable AiUnavailableError', async (status) => {
    server.reply({ status, body: errorBody('bad key') });
    await expect(assistant.classifyReply(input)).rejects.toMatchObject({ name: 'AiUnavailableError', retryable: false });
  });

  it('maps a connection failure to a retryable AiUnavailableError', async () => {
    const offline = new OpenAiAssistant({ apiKey: 'sk-test', baseUrl: `http://127.0.0.1:${await closedPort()}/v1` });
    await expect(offline.classifyReply(input)).rejects.toMatchObject({ name: 'AiUnavailableError', retryable: true });
  });

  it('maps a timeout to a retryable AiUnavailableError', async () => {
    server.reply({ status: 200, body: {}, delayMs: 1_000 });
    const impatient = new OpenAiAssistant({ apiKey: 'sk-test', baseUrl: `${server.origin}/v1`, timeoutMs: 100 });
    await expect(impatient.classifyReply(input)).rejects.toMatchObject({ name: 'AiUnavailableError', retryable: true });
    expect(server.requests).toHaveLength(1);
  });

  it('validates its options at construction, naming the field', () => {
    expect(() => new OpenAiAssistant({ apiKey: '' })).toThrow(/apiKey/);
    expect(() => new OpenAiAssistant({ apiKey: 'sk', baseUrl: 'not a url' })).toThrow(/baseUrl/);
    expect(() => new OpenAiAssistant({ apiKey: 'sk', timeoutMs: -1 })).toThrow(/timeoutMs/);
    expect(openAiOptionsSchema.parse({ apiKey: 'sk' })).toEqual({ apiKey: 'sk', model: 'gpt-4o', timeoutMs: 30_000 });
    expect(new OpenAiAssistant({ apiKey: 'sk', model: 'gpt-4o-mini' }).model).toBe('gpt-4o-mini');
  });
});
