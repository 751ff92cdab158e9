import { describe, expect, it } from 'vitest';
import type { ReplyIntent } from '../../../../core/ai/ai.types.ts';
import { readCorpus, splitOf } from '../../../../scripts/replies/corpus.ts';
import { classifyReplyText, modelInput } from '../reply-classifier.ts';
import { readByRules } from '../reply-rules.ts';
import { replyModel } from './reply-model.ts';

/** The committed model file loads and, before any rule has its say, reads clear replies in each language. */
const now = new Date('2026-11-25T09:00:00Z');
const clear: Array<[string, string, ReplyIntent]> = [
  ['en', 'How much do you charge for a website?', 'asking_price'],
  ['en', 'Please remove me from your mailing list.', 'unsubscribe'],
  ['en', "I'm on annual leave until 14 March and will reply when I'm back.", 'out_of_office'],
  ['en', 'Sounds good, can we talk on Friday?', 'interested'],
  ['en', 'We already have an agency for this, thanks.', 'not_interested'],
  ['hinglish', 'bhai rate kya hai?', 'asking_price'],
  ['hinglish', 'haan ji, kal call karo', 'interested'],
  ['hinglish', 'nahi chahiye, pehle se website hai', 'not_interested'],
  ['hinglish', 'main 10 tarikh tak chhutti par hoon', 'out_of_office'],
  ['hi', 'वेबसाइट का खर्चा कितना होगा?', 'asking_price'],
  ['hi', 'मुझे मैसेज मत भेजो', 'unsubscribe'],
  ['hi', 'हमें अभी इसकी ज़रूरत नहीं है', 'not_interested'],
  ['hi', 'दुकान 5 तारीख तक बंद रहेगी', 'out_of_office'],
  ['hi', 'आप गलत नंबर पर भेज रहे हैं', 'wrong_person'],
];

describe('the trained reply model', () => {
  it('loads once, with a weight per feature and label in each head', () => {
    const model = replyModel();
    expect(replyModel()).toBe(model);
    const { vocabulary, intent, sentiment } = model.file;
    expect(vocabulary.length).toBeGreaterThan(1000);
    expect(intent.labels).toEqual(['interested', 'asking_price', 'question', 'not_interested', 'out_of_office', 'unsubscribe', 'wrong_person']);
    expect(sentiment.labels).toEqual(['positive', 'neutral', 'negative']);
    expect(intent.weights).toHaveLength(vocabulary.length * intent.labels.length);
    expect(sentiment.weights).toHaveLength(vocabulary.length * sentiment.labels.length);
  });

  it('was trained on the corpus as it is now (after adding replies, run npm run train:replies)', () => {
    const trainLines = readCorpus().filter((reply) => splitOf(reply.id) === 'train').length;
    expect(replyModel().file.trainedOn.lines).toBe(trainLines);
  });

  it.each(clear)('(%s) %s → %s, by the model alone', (_language, body, intent) => {
    const model = replyModel();
    const input = { lead: null, subject: null, body };
    const prediction = model.predict(model.file.intent, model.features(modelInput(input, readByRules(input, now))));
    expect(prediction.label).toBe(intent);
    expect(prediction.confidence).toBeGreaterThan(0.5);
  });

  it('explains a decision of the model with the words that weighed most', () => {
    // No rule knows a bare "Remove"; the corpus taught the model that it means "take me off your list".
    const result = classifyReplyText({ lead: null, subject: 'Re: A website for Anand Opticals', body: 'Remove.' }, now);
    expect(result.intent).toBe('unsubscribe');
    expect(result.reasoning).toMatch(/^Asks to stop receiving messages \(trained model, \d+%; "remove".* weigh most\)\. The phrase rules alone would say not interested\./);
  });

  it('names the cues when the phrase rules and the model agree', () => {
    const result = classifyReplyText({ lead: null, subject: null, body: 'kitne ka padega poora setup?' }, now);
    expect(result).toMatchObject({ intent: 'asking_price', language: 'hinglish' });
    expect(result.reasoning).toMatch(/^Asks about the price \(the phrase rules and the trained model agree; .*\)\. Cues: "kitne ka"\./);
  });

  it('leaves a bare acknowledgement to a human: too few words for the model to judge', () => {
    for (const body of ['Thanks', 'Great!', '👍', 'shukriya']) {
      const result = classifyReplyText({ lead: null, subject: 'Re: A quick idea', body }, now);
      expect(result.confidence, body).toBeLessThan(0.5);
      expect(result.reasoning, body).toContain('Too few words for the trained model to judge');
    }
  });
});
