/**
 * npm run eval:replies [file.jsonl] [--split test|dev|train] [--provider offline|openai|gemini] [--worst N]
 *
 * Measures reply classification through classifyReply, the path the product uses: on the corpus's
 * test split by default, or on any JSONL file of {subject, body, intent, sentiment, extract,
 * receivedAt?} lines. --provider openai|gemini runs the same set through those adapters, with the
 * server's settings (OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL; GEMINI_API_KEY, GEMINI_BASE_URL, GEMINI_MODEL).
 */
import { parseArgs } from 'node:util';
import { createAiAssistant, type AiProviderId } from '../adapters/llm/index.ts';
import { MIN_CONFIDENCE_TO_ACT } from '../core/autopilot/reply-effects.ts';
import { readCorpus, readReplies, splitOf, type Split } from './replies/corpus.ts';
import { classifyAll, type AssistantAt } from './replies/evaluate.ts';
import { figuresOf, formatFigures, worstExamples } from './replies/report.ts';

const providers: AiProviderId[] = ['offline', 'openai', 'gemini'];
const splits: Split[] = ['train', 'dev', 'test'];

function assistantFor(provider: AiProviderId): AssistantAt {
  const env = process.env;
  if (provider === 'offline') return (now) => createAiAssistant({ provider }, { now });
  const key = provider === 'openai' ? env.OPENAI_API_KEY : env.GEMINI_API_KEY;
  if (!key) throw new Error(`--provider ${provider} needs ${provider === 'openai' ? 'OPENAI_API_KEY' : 'GEMINI_API_KEY'} in the environment`);
  const settings = {
    provider,
    apiKey: key,
    baseUrl: provider === 'openai' ? env.OPENAI_BASE_URL : env.GEMINI_BASE_URL,
    model: (provider === 'openai' ? env.OPENAI_MODEL : env.GEMINI_MODEL) ?? (provider === 'openai' ? 'gpt-4o' : 'gemini-2.5-flash'),
  };
  return (now) => createAiAssistant(settings, { now });
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { split: { type: 'string', default: 'test' }, provider: { type: 'string', default: 'offline' }, worst: { type: 'string', default: '15' } },
  });
  const provider = values.provider as AiProviderId;
  if (!providers.includes(provider)) throw new Error(`--provider must be one of ${providers.join(', ')}`);
  const split = values.split as Split;
  if (!splits.includes(split)) throw new Error(`--split must be one of ${splits.join(', ')}`);
  const [file] = positionals;
  const replies = file ? readReplies(file) : readCorpus().filter((reply) => splitOf(reply.id) === split);
  const started = performance.now();
  const scored = await classifyAll(assistantFor(provider), replies, provider === 'offline' ? 1 : 4);
  const seconds = (performance.now() - started) / 1000;
  const failures = scored.filter((row) => row.failed).length;
  console.log(`${replies.length} replies from ${file ?? `the corpus's ${split} split`}, through ${provider} classifyReply in ${seconds.toFixed(1)} s${failures ? `; ${failures} calls failed (counted wrong)` : ''}\n`);
  console.log(formatFigures(figuresOf(scored, MIN_CONFIDENCE_TO_ACT)));
  const worst = worstExamples(scored, Number(values.worst));
  if (worst) console.log(`\nwrong with the highest confidence:\n${worst}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
