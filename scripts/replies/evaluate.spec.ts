import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OfflineAssistant, OpenAiAssistant } from '../../adapters/llm/index.ts';
import { startWireServer, type WireServer } from '../../adapters/llm/testing/wire-server.ts';
import type { LabelledReply } from './corpus.ts';
import { classifyAll } from './evaluate.ts';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../..');

const labelled = (id: string, body: string, intent: LabelledReply['intent'], receivedAt: string): LabelledReply => ({
  id,
  lang: 'en',
  receivedAt: new Date(receivedAt),
  subject: 'Re: A quick idea',
  body,
  intent,
  sentiment: 'neutral',
  extract: { returnDate: null, referralName: null, referralEmail: null },
  tags: [],
});

const replies = [
  labelled('r1', 'I am on leave and back on Monday.', 'out_of_office', '2026-11-25T09:00:00Z'),
  labelled('r2', 'How much for a website?', 'asking_price', '2027-02-02T09:00:00Z'),
];

/** A chat completion as OpenAI returns it. */
const completion = (content: string) => ({
  id: 'chatcmpl-test',
  object: 'chat.completion',
  created: 1_764_000_000,
  model: 'gpt-4o',
  choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
  usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
});
const classification = { intent: 'asking_price', sentiment: 'neutral', confidence: 0.9, reasoning: 'Asks the price.', language: 'en', returnDate: null, referral: null };

describe('the evaluation harness', () => {
  let server: WireServer;
  beforeAll(async () => {
    server = await startWireServer();
    server.reply({ status: 200, body: completion(JSON.stringify(classification)) });
  });
  afterAll(() => server.close());

  it('classifies through classifyReply with the clock at each reply’s arrival', async () => {
    const scored = await classifyAll((now) => new OfflineAssistant({ now }), replies);
    expect(scored.map(({ result }) => result.intent)).toEqual(['out_of_office', 'asking_price']);
    // "back on Monday" read on Wednesday 25 November 2026.
    expect(scored[0]?.result.returnDate).toBe('2026-11-30');
  });

  it('runs the same set through the OpenAI adapter, counting a failed call as wrong', async () => {
    const assistant = (now: () => Date) => new OpenAiAssistant({ apiKey: 'sk-test', baseUrl: `${server.origin}/v1`, timeoutMs: 5_000 }, { now });
    const scored = await classifyAll(assistant, replies, 2);
    expect(scored.map(({ result, failed }) => [result.intent, failed])).toEqual([['asking_price', false], ['asking_price', false]]);
    const broken = await classifyAll(() => new OpenAiAssistant({ apiKey: 'sk-test', baseUrl: 'http://127.0.0.1:9/v1', timeoutMs: 2_000 }), replies.slice(0, 1));
    expect(broken[0]).toMatchObject({ failed: true, result: { confidence: 0 } });
  });

  it('npm run eval:replies measures any JSONL file given, and OpenAI through its base URL', { timeout: 60_000 }, async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'eval-')), 'set.jsonl');
    writeFileSync(file, `${replies.map(({ id, subject, body, intent, receivedAt }) => JSON.stringify({ id, subject, body, intent, sentiment: 'neutral', extract: {}, receivedAt })).join('\n')}\n`);
    const tsx = join(root, 'node_modules/.bin/tsx');
    const offline = await run(tsx, ['scripts/eval-replies.ts', file], { cwd: root });
    expect(offline.stdout).toContain('2 replies from');
    expect(offline.stdout).toContain('intent, all                100.0%  (2/2)');
    const env = { ...process.env, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: `${server.origin}/v1` };
    const openai = await run(tsx, ['scripts/eval-replies.ts', file, '--provider', 'openai'], { cwd: root, env });
    expect(openai.stdout).toContain('through openai classifyReply');
    expect(openai.stdout).toContain('intent, all                 50.0%  (1/2)');
    await expect(run(tsx, ['scripts/eval-replies.ts', file, '--provider', 'gemini'], { cwd: root, env: { ...process.env, GEMINI_API_KEY: '' } })).rejects.toMatchObject({ stderr: expect.stringContaining('needs GEMINI_API_KEY') });
  });
});
