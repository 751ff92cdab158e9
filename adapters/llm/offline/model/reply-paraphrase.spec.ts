import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCorpus, readReplies, type LabelledReply } from '../../../../scripts/replies/corpus.ts';
import { classifyAll } from '../../../../scripts/replies/evaluate.ts';
import { OfflineAssistant } from '../offline-assistant.ts';

/**
 * The model is a trained artefact, not a list of memorised sentences: corpus replies rewritten by
 * hand with other names, businesses, dates and word order (test/fixtures/reply-paraphrases.jsonl,
 * each line naming its original in `paraphraseOf`) are classified about as well as the originals.
 */
const fixture = join(import.meta.dirname, '../../../../test/fixtures/reply-paraphrases.jsonl');
const paraphrases = readReplies(fixture);
const originalIds = new Map(
  readFileSync(fixture, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { id: string; paraphraseOf: string })
    .map((line) => [line.id, line.paraphraseOf]),
);
const corpus = new Map(readCorpus().map((reply) => [reply.id, reply]));
const originalOf = (reply: LabelledReply) => corpus.get(originalIds.get(reply.id) ?? '');

const accuracy = async (replies: LabelledReply[]) => {
  const scored = await classifyAll((now) => new OfflineAssistant({ now }), replies);
  return scored.filter(({ reply, result }) => reply.intent === result.intent).length / replies.length;
};

describe('the offline reply model on paraphrased corpus replies', () => {
  it('has about 40 paraphrases in all three languages, each of a corpus reply with the same intent', () => {
    expect(paraphrases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(paraphrases.map((reply) => reply.lang))).toEqual(new Set(['en', 'hinglish', 'hi']));
    for (const reply of paraphrases) expect(originalOf(reply)?.intent, reply.id).toBe(reply.intent);
  });

  it('classifies the paraphrases within a few points of the originals', { timeout: 60_000 }, async () => {
    const originals = paraphrases.map((reply) => originalOf(reply) as LabelledReply);
    const [onOriginals, onParaphrases] = [await accuracy(originals), await accuracy(paraphrases)];
    expect(onParaphrases).toBeGreaterThanOrEqual(onOriginals - 0.075);
    expect(onParaphrases).toBeGreaterThanOrEqual(0.85);
  });
});
