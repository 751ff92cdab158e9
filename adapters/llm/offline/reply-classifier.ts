import type { ClassifyReplyInput } from '../../../core/ai/ai-assistant.ts';
import type { ReplyClassification, ReplyIntent } from '../../../core/ai/ai.types.ts';
import { ownWords } from './model/reply-clean.ts';
import type { ReplyText } from './model/reply-features.ts';
import { replyModel, type Prediction, type ReplyModel } from './model/reply-model.ts';
import { normalizeReply, tokenize } from './model/reply-tokens.ts';
import { quoted, readByRules, type Decision, type RuleReading } from './reply-rules.ts';
import type { ReplyLanguage } from './reply-text.ts';

/**
 * The offline reply classifier: the rules that are certain on the corpus (an unsubscribe phrase, an
 * auto-reply marker, "no longer with the company"; the list is chosen on the dev split and kept in
 * the model file) decide; the trained model (model/) decides everything else, with the rules' cues
 * among its features. Confidence is the model's calibrated probability, or the rule's certainty.
 */

const languageNames: Record<ReplyLanguage, string> = { en: 'English', hi: 'Hindi', hinglish: 'Hinglish' };

const intentWords: Record<ReplyIntent, string> = {
  interested: 'Shows interest',
  asking_price: 'Asks about the price',
  question: 'Asks a question without clear interest yet',
  not_interested: 'Declines',
  out_of_office: 'Away from work or closed',
  unsubscribe: 'Asks to stop receiving messages',
  wrong_person: 'Says they are not the right contact',
};

/** What the model reads for a reply: the lead's own words, the subject, the rules' cues. */
export function modelInput(input: ClassifyReplyInput, rules: RuleReading): ReplyText {
  const names = [input.lead?.contactName, input.lead?.businessName].filter((name): name is string => Boolean(name));
  return { body: ownWords(input.body), subject: input.subject, names, cues: rules.hits, ruleIntent: rules.decision.intent };
}

/** A bonus this large means the rule decides whatever the model says. */
export const RULE_STANDS = 99;

interface Combined {
  intent: ReplyIntent;
  confidence: number;
  /** Who decided: the rule alone, the model alone, or both agreeing. */
  by: 'rule' | 'model' | 'both';
}

/**
 * The model's probabilities with the rules' intent multiplied by e^bonus (the bonus of the rule that
 * fired, chosen on the dev split): a sure model overrules a weak rule, an unsure one follows it.
 */
export function combine(prediction: Prediction<ReplyIntent>, rules: Decision, bonus: number): Combined {
  if (bonus >= RULE_STANDS) return { intent: rules.intent, confidence: rules.confidence, by: prediction.label === rules.intent ? 'both' : 'rule' };
  const entries = Object.entries(prediction.probabilities) as Array<[ReplyIntent, number]>;
  const weighted = entries.map(([intent, p]): [ReplyIntent, number] => [intent, intent === rules.intent ? p * Math.exp(bonus) : p]);
  const total = weighted.reduce((sum, [, p]) => sum + p, 0);
  const [intent, p] = weighted.reduce((best, entry) => (entry[1] > best[1] ? entry : best));
  return { intent, confidence: p / total, by: intent !== prediction.label ? 'rule' : intent === rules.intent ? 'both' : 'model' };
}

const quotedWords = (words: string[]) => words.map((w) => (w.includes(' ') || w.startsWith('the ') ? w : `"${w}"`)).join(', ');

function summaryOf(combined: Combined, prediction: Prediction<ReplyIntent>, rules: Decision, bare: boolean, model: ReplyModel): string {
  const percent = (p: number) => `${Math.round(p * 100)}%`;
  const cues = rules.cues.length ? ` Cues: ${quoted(rules.cues)}.` : '';
  const words = combined.by === 'rule' ? [] : model.evidence(model.file.intent, prediction);
  const evidence = words.length ? `; ${quotedWords(words)} weigh most` : '';
  if (combined.by === 'model') {
    return `${intentWords[combined.intent]} (trained model, ${percent(prediction.confidence)}${evidence}). The phrase rules alone would say ${rules.intent.replace('_', ' ')}.`;
  }
  if (bare) return `${rules.summary}.${cues} Too few words for the trained model to judge.`;
  if (combined.by === 'both') return `${rules.summary} (the phrase rules and the trained model agree${evidence}).${cues}`;
  return `${rules.summary}.${cues} The trained model leaned to ${prediction.label.replace('_', ' ')} (${percent(prediction.confidence)}), but the phrases decide.`;
}

/**
 * "Thanks", "Great!", "👍": a few words the rules know only as politeness or a positive tone. The
 * corpus has too few of them for the model's confidence to mean anything, so the rules' reading
 * and their low confidence stand, and the product leaves such a reply to a human.
 */
function isBareAcknowledgement(rules: Decision, ownText: string): boolean {
  const onlyTone = rules.rule === 'leaning_positive' || (rules.rule === 'no_cue' && rules.cues.length > 0);
  return onlyTone && tokenize(normalizeReply(ownText)).filter((token) => token !== '?' && token !== '!').length <= 3;
}

export function classifyReplyText(input: ClassifyReplyInput, now: Date, model: ReplyModel = replyModel()): ReplyClassification {
  const rules = readByRules(input, now);
  const text = modelInput(input, rules);
  const features = model.features(text);
  const byModel = model.predict(model.file.intent, features) as Prediction<ReplyIntent>;
  const tone = model.predict(model.file.sentiment, features) as Prediction<ReplyClassification['sentiment']>;
  const bare = isBareAcknowledgement(rules.decision, text.body);
  const bonus = bare ? RULE_STANDS : (model.file.ruleBonus[rules.decision.rule] ?? 0);
  const combined = combine(byModel, rules.decision, bonus);
  const { intent } = combined;
  const whom = rules.referral?.name && rules.referral.email ? `${rules.referral.name} <${rules.referral.email}>` : (rules.referral?.name ?? rules.referral?.email);
  // A rule's own summary already names the date or the referral.
  const ruleSaid = combined.by !== 'model' && rules.decision.intent === intent;
  const detail =
    ruleSaid ? '' : intent === 'out_of_office' && rules.returnDate ? ` Back on ${rules.returnDate.date} (read from "${rules.returnDate.text}").` : intent === 'wrong_person' && whom ? ` Points to ${whom}.` : '';
  return {
    intent,
    sentiment: tone.label,
    confidence: Math.round(combined.confidence * 100) / 100,
    reasoning: `${summaryOf(combined, byModel, rules.decision, bare, model)}${detail} Written in ${languageNames[rules.language]}.`.slice(0, 2000),
    language: rules.language,
    returnDate: intent === 'out_of_office' ? (rules.returnDate?.date ?? null) : null,
    referral: intent === 'wrong_person' ? rules.referral : null,
  };
}
