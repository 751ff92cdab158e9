import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stableHash } from '../offline/text-utils.ts';
import { replyExamples } from './reply-examples.ts';

const corpusDir = join(import.meta.dirname, '../../../test/fixtures/replies');
const corpus = new Map(
  readdirSync(corpusDir)
    .filter((name) => name.endsWith('.jsonl'))
    .flatMap((name) => readFileSync(join(corpusDir, name), 'utf8').split('\n').filter((line) => line.trim()))
    .map((line) => JSON.parse(line) as Record<string, any>)
    .map((reply) => [reply.id as string, reply]),
);
/** The corpus's fixed split (as scripts/replies/corpus.ts splits it: 70/15/15 by a hash of the id). */
const splitOf = (id: string) => {
  const bucket = stableHash(`reply-split:${id}`) % 100;
  return bucket < 70 ? 'train' : bucket < 85 ? 'dev' : 'test';
};

describe('the prompt’s few-shot examples', () => {
  it.each(replyExamples.map((example) => [example.id, example] as const))('%s is its corpus line, from the train split', (id, example) => {
    const line = corpus.get(id);
    expect(line, `${id} is in test/fixtures/replies`).toBeDefined();
    expect(splitOf(id)).toBe('train');
    expect(example).toEqual({
      id, lang: line?.lang, channel: line?.channel, receivedAt: line?.receivedAt, subject: line?.subject, body: line?.body, intent: line?.intent, sentiment: line?.sentiment,
      returnDate: line?.extract.returnDate,
      referral: line?.extract.referralName || line?.extract.referralEmail ? { name: line.extract.referralName, email: line.extract.referralEmail } : null,
    });
  });

  it('covers every intent and all three languages', () => {
    expect(new Set(replyExamples.map((example) => example.intent))).toEqual(new Set(['interested', 'asking_price', 'question', 'not_interested', 'out_of_office', 'unsubscribe', 'wrong_person']));
    for (const lang of ['en', 'hinglish', 'hi']) expect(replyExamples.filter((example) => example.lang === lang).length).toBeGreaterThanOrEqual(5);
  });
});
