import { describe, expect, it } from 'vitest';
import type { ReplyClassification, ReplyIntent } from '../../core/ai/ai.types.ts';
import type { LabelledReply } from './corpus.ts';
import { figuresOf, formatFigures, worstExamples, type Scored } from './report.ts';

const reply = (id: string, lang: string, intent: ReplyIntent, extract: Partial<LabelledReply['extract']> = {}): LabelledReply => ({
  id,
  lang,
  receivedAt: null,
  subject: null,
  body: `reply ${id}`,
  intent,
  sentiment: 'neutral',
  extract: { returnDate: null, referralName: null, referralEmail: null, ...extract },
  tags: [],
});
const said = (intent: ReplyIntent, confidence: number, more: Partial<ReplyClassification> = {}): ReplyClassification => ({
  intent,
  sentiment: 'neutral',
  confidence,
  reasoning: 'test',
  language: 'en',
  returnDate: null,
  referral: null,
  ...more,
});

const scored: Scored[] = [
  { reply: reply('a', 'en', 'interested'), result: said('interested', 0.9) },
  { reply: reply('b', 'en', 'interested'), result: said('question', 0.8) },
  { reply: reply('c', 'hi', 'out_of_office', { returnDate: '2026-03-16' }), result: said('out_of_office', 0.95, { returnDate: '2027-03-16' }) },
  { reply: reply('d', 'hi', 'out_of_office', { returnDate: '2026-03-16' }), result: said('out_of_office', 0.95, { returnDate: '2026-03-14' }) },
  { reply: reply('e', 'hinglish', 'wrong_person', { referralName: 'Rohit', referralEmail: 'r@x.in' }), result: said('wrong_person', 0.4, { referral: { name: 'rohit', email: null } }) },
  { reply: reply('f', 'hinglish', 'not_interested'), result: said('unsubscribe', 0.97) },
];

describe('the evaluation figures', () => {
  const figures = figuresOf(scored, 0.5);

  it('counts intent accuracy overall, per language and per intent, and the confusion', () => {
    expect(figures.intent).toEqual({ right: 4, total: 6 });
    expect(figures.byLanguage).toEqual({ en: { right: 1, total: 2 }, hi: { right: 2, total: 2 }, hinglish: { right: 1, total: 2 } });
    expect(figures.byIntent.interested).toEqual({ right: 1, total: 2 });
    expect(figures.confusion.interested?.question).toBe(1);
    expect(figures.confusion.not_interested?.unsubscribe).toBe(1);
  });

  it('checks return dates by day and month, referrals by name and email (case-insensitive)', () => {
    expect(figures.returnDate).toEqual({ right: 1, total: 2 });
    expect(figures.referralName).toEqual({ right: 1, total: 1 });
    expect(figures.referralEmail).toEqual({ right: 0, total: 1 });
  });

  it('counts what goes to a human and the accuracy on the rest', () => {
    expect(figures.lowConfidence).toEqual({ threshold: 0.5, below: 1, accuracyAbove: { right: 3, total: 5 } });
    expect(formatFigures(figures)).toContain('intent, all                 66.7%  (4/6)');
  });

  it('lists the wrong answers, surest first', () => {
    expect(worstExamples(scored, 5).split('\n').map((line) => line.trim().split(' ')[0])).toEqual(['f', 'b']);
  });
});
