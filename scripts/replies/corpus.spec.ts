import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { intents, readCorpus, readReplies, splitOf } from './corpus.ts';

describe('the reply corpus', () => {
  const corpus = readCorpus();

  it('parses, with unique ids, in all three languages', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(1500);
    expect(new Set(corpus.map((reply) => reply.id)).size).toBe(corpus.length);
    expect(new Set(corpus.map((reply) => reply.lang))).toEqual(new Set(['en', 'hinglish', 'hi']));
  });

  it('has every intent in every split', () => {
    for (const split of ['train', 'dev', 'test'] as const) {
      const labels = new Set(corpus.filter((reply) => splitOf(reply.id) === split).map((reply) => reply.intent));
      expect([...labels].sort(), split).toEqual([...intents].sort());
    }
  });

  it('splits 70 / 15 / 15 by the id alone, so a line never moves', () => {
    const ids = Array.from({ length: 6000 }, (_unused, i) => `any-${i}`);
    const share = (split: string) => ids.filter((id) => splitOf(id) === split).length / ids.length;
    expect(share('train')).toBeCloseTo(0.7, 1);
    expect(share('dev')).toBeCloseTo(0.15, 1);
    expect(share('test')).toBeCloseTo(0.15, 1);
    expect(ids.map(splitOf)).toEqual(ids.map(splitOf));
    // Pinned: a change of the hash would move lines between splits (and leak test lines into training).
    expect([splitOf('seed-model-0001'), splitOf('hi-0001'), splitOf('en-auto-0001')]).toEqual(['dev', 'train', 'test']);
  });

  it('names the file and line of a bad reply', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'replies-')), 'bad.jsonl');
    writeFileSync(file, `{"subject":null,"body":"ok","intent":"interested","sentiment":"positive","extract":{}}\n{"subject":null,"body":"x","intent":"maybe","sentiment":"neutral"}\n`);
    expect(() => readReplies(file)).toThrow(`${file}:2: intent must be one of`);
  });
});
