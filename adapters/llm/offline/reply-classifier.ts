import type { ClassifyReplyInput } from '../../../core/ai/ai-assistant.ts';
import type { ReplyClassification, ReplyIntent } from '../../../core/ai/ai.types.ts';
import { ownWords } from './model/reply-clean.ts';
import type { ReplyText } from './model/reply-features.ts';
import { replyModel, type Prediction, type ReplyModel } from './model/reply-model.ts';
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

function ruleSummary(decision: Decision): string {
  const cueList = decision.cues.length ? ` Cues: ${quoted(decision.cues)}.` : '';
  return `${decision.summary}.${cueList}`;
}

function modelSummary(prediction: Prediction<ReplyIntent>, rules: Decision): string {
  const percent = Math.round(prediction.confidence * 100);
  const evidence = prediction.evidence.length ? `; ${prediction.evidence.map((words) => (words.includes(' ') || words.startsWith('the ') ? words : `"${words}"`)).join(', ')} weigh most` : '';
  const disagreement = rules.intent !== prediction.label ? ` The phrase rules alone would say ${rules.intent.replace('_', ' ')}.` : '';
  return `${intentWords[prediction.label]} (trained model, ${percent}%${evidence}).${disagreement}`;
}

export function classifyReplyText(input: ClassifyReplyInput, now: Date, model: ReplyModel = replyModel()): ReplyClassification {
  const rules = readByRules(input, now);
  const features = model.features(modelInput(input, rules));
  const byModel = model.predict(model.file.intent, features) as Prediction<ReplyIntent>;
  const tone = model.predict(model.file.sentiment, features) as Prediction<ReplyClassification['sentiment']>;
  const ruleStands = model.file.rulesStand.includes(rules.decision.rule);
  const intent = ruleStands ? rules.decision.intent : byModel.label;
  const summary = ruleStands ? ruleSummary(rules.decision) : modelSummary(byModel, rules.decision);
  const whom = rules.referral?.name && rules.referral.email ? `${rules.referral.name} <${rules.referral.email}>` : (rules.referral?.name ?? rules.referral?.email);
  // A rule's summary already names the date or the referral.
  const detail =
    ruleStands ? '' : intent === 'out_of_office' && rules.returnDate ? ` Back on ${rules.returnDate.date} (read from "${rules.returnDate.text}").` : intent === 'wrong_person' && whom ? ` Points to ${whom}.` : '';
  return {
    intent,
    sentiment: tone.label,
    confidence: Math.round((ruleStands ? rules.decision.confidence : byModel.confidence) * 100) / 100,
    reasoning: `${summary}${detail} Written in ${languageNames[rules.language]}.`.slice(0, 2000),
    language: rules.language,
    returnDate: intent === 'out_of_office' ? (rules.returnDate?.date ?? null) : null,
    referral: intent === 'wrong_person' ? rules.referral : null,
  };
}
