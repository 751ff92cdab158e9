import type { ClassifyReplyInput } from '../../../core/ai/ai-assistant.ts';
import type { ReplyClassification, ReplyIntent } from '../../../core/ai/ai.types.ts';
import { ownWords } from './model/reply-clean.ts';
import { findReturnDate, type FoundDate } from './reply-dates.ts';
import { findCueHits, type CueHit } from './reply-hits.ts';
import { findReferral, type Referral } from './reply-referral.ts';
import { detectLanguage, normalizeForMatching, stripQuotedReply, type ReplyLanguage } from './reply-text.ts';

/**
 * Which rule decided: the classifier lets the rules that are certain on the corpus stand
 * (see reply-classifier.ts) and lets the model decide the rest.
 */
export type RuleKind =
  | 'unsubscribe'
  | 'out_of_office:marker'
  | 'out_of_office:return'
  | 'wrong_person:left'
  | 'wrong_person'
  | 'asking_price'
  | 'interested'
  | 'not_interested'
  | 'mixed'
  | 'question'
  | 'leaning_positive'
  | 'no_cue';

/** What the rules decided, before it is phrased as a classification. */
export interface Decision {
  intent: ReplyIntent;
  sentiment: ReplyClassification['sentiment'];
  confidence: number;
  summary: string;
  cues: CueHit[];
  rule: RuleKind;
}

/** Explicit phrases start at 0.88; every further explicit phrase adds a little certainty. */
const certainty = (cues: CueHit[]) => (cues.some((cue) => cue.strength === 'strong') ? Math.min(0.97, 0.85 + 0.04 * cues.filter((cue) => cue.strength === 'strong').length) : 0.7);
export const quoted = (cues: CueHit[]) => [...new Set(cues.map((cue) => `"${cue.text}"`))].join(', ');

/**
 * Price, interest and refusal weighed against each other. A price word with a refusal and no
 * question mark is a complaint ("too expensive, no thanks"), not a price question. When interest
 * and refusal both appear, an explicit phrase beats a short word ("ok, not interested"), and
 * between equals the later one wins ("sounds good, but we already have an agency").
 */
function weighInterest(hits: CueHit[], hasQuestionMark: boolean): Decision | null {
  const price = hits.filter((hit) => hit.group === 'asking_price');
  const positive = hits.filter((hit) => hit.group === 'interested' && !hit.negated);
  const refusals = hits.filter((hit) => hit.group === 'not_interested');
  const within = (hit: CueHit, outer: CueHit) => outer.index <= hit.index && outer.index + outer.text.length >= hit.index + hit.text.length;
  // A negated explicit phrase is a refusal ("interested nahi"); a negated short word is not ("not sure").
  const negated = hits.filter((hit) => hit.group === 'interested' && hit.negated && hit.strength === 'strong' && !refusals.some((refusal) => within(hit, refusal)));
  const negative = [...refusals, ...negated].sort((a, b) => a.index - b.index);
  if (price.length && !(negative.length && !hasQuestionMark)) {
    const mixed = negative.length > 0;
    const summary = positive.length ? 'Shows interest and asks about the price' : 'Asks about the price';
    return { intent: 'asking_price', sentiment: mixed ? 'neutral' : 'positive', confidence: mixed ? 0.6 : hasQuestionMark || positive.length ? 0.95 : 0.88, summary, cues: [...price, ...positive], rule: 'asking_price' };
  }
  if (positive.length && negative.length) {
    const strongPositive = positive.some((hit) => hit.strength === 'strong');
    const strongNegative = negative.some((hit) => hit.strength === 'strong' || hit.negated);
    const lastPositive = Math.max(...positive.map((hit) => hit.index));
    const lastNegative = Math.max(...negative.map((hit) => hit.index));
    const positiveWins = strongPositive !== strongNegative ? strongPositive : lastPositive > lastNegative;
    const how = strongPositive !== strongNegative ? 'the explicit one decides' : 'the later one decides';
    const summary = `Mixed signals, positive ${quoted(positive)} and negative ${quoted(negative)}; ${how}`;
    return positiveWins
      ? { intent: 'interested', sentiment: 'positive', confidence: 0.6, summary, cues: positive, rule: 'mixed' }
      : { intent: 'not_interested', sentiment: 'negative', confidence: 0.6, summary, cues: negative, rule: 'mixed' };
  }
  if (positive.length) return { intent: 'interested', sentiment: 'positive', confidence: certainty(positive), summary: 'Shows interest', cues: positive, rule: 'interested' };
  if (negative.length) {
    const negatedNote = negated.length ? ' (a positive phrase is negated)' : '';
    const confidence = negated.length ? Math.max(0.85, certainty(negative)) : certainty(negative);
    return { intent: 'not_interested', sentiment: 'negative', confidence, summary: `Declines${negatedNote}`, cues: price.length ? [...negative, ...price] : negative, rule: 'not_interested' };
  }
  return null;
}

/**
 * With no intent cue: a question mark or question word means a question; clearly positive words
 * ("great", "👍") lean interested; anything else (a bare "thanks", an empty reply) is treated as
 * not interested with low confidence, so the funnel does not move forward on a guess.
 */
function fallback(hits: CueHit[], text: string, hasQuestionMark: boolean): Decision {
  const questions = hits.filter((hit) => hit.group === 'question');
  if (hasQuestionMark || questions.length) {
    return { intent: 'question', sentiment: 'neutral', confidence: hasQuestionMark ? 0.8 : 0.6, summary: 'Asks a question without showing interest or declining', cues: questions, rule: 'question' };
  }
  const positive = hits.filter((hit) => hit.group === 'positive' && !hit.negated);
  if (positive.length) return { intent: 'interested', sentiment: 'positive', confidence: 0.45, summary: 'No explicit intent; the tone is positive, so it leans interested', cues: positive, rule: 'leaning_positive' };
  const polite = hits.filter((hit) => hit.group === 'polite');
  const summary = !text ? 'The reply is empty once quoted text is removed' : polite.length ? 'Only a polite acknowledgement, no intent' : 'No recognisable intent';
  return { intent: 'not_interested', sentiment: 'neutral', confidence: !text ? 0.2 : polite.length ? 0.35 : 0.3, summary, cues: polite, rule: 'no_cue' };
}

function outOfOffice(hits: CueHit[], subjectHits: CueHit[], returnDate: FoundDate | null): Decision | null {
  const cues = [...subjectHits.filter((hit) => hit.group === 'out_of_office'), ...hits.filter((hit) => hit.group === 'out_of_office')];
  const returning = hits.filter((hit) => hit.group === 'return_phrase');
  if (!cues.length && !(returning.length && returnDate)) return null;
  const summary = returnDate ? `Away from work; back on ${returnDate.date} (read from "${returnDate.text}")` : 'Away from work; no return date given';
  const rule = cues.length ? 'out_of_office:marker' : 'out_of_office:return';
  return { intent: 'out_of_office', sentiment: 'neutral', confidence: cues.length ? (returnDate ? 0.96 : 0.92) : 0.8, summary, cues: [...cues, ...returning], rule };
}

function wrongPerson(hits: CueHit[], referral: Referral | null): Decision | null {
  const cues = hits.filter((hit) => hit.group === 'wrong_person');
  if (!cues.length) return null;
  const whom = referral?.name && referral.email ? `${referral.name} <${referral.email}>` : (referral?.name ?? referral?.email);
  const pointsTo = whom ? `; points to ${whom}` : '';
  const left = cues.some((cue) => /no longer|left|moved on|resigned|doesn'?t work|does not work/.test(cue.text));
  return { intent: 'wrong_person', sentiment: 'neutral', confidence: referral ? 0.95 : 0.9, summary: `Says they are not the right contact${pointsTo}`, cues, rule: left ? 'wrong_person:left' : 'wrong_person' };
}

/** Everything the rules read from a reply, and what they decided. */
export interface RuleReading {
  decision: Decision;
  /** The cues in the lead's own words (normalised). */
  hits: CueHit[];
  language: ReplyLanguage;
  returnDate: FoundDate | null;
  referral: Referral | null;
}

/** Rule-based reply reading in English, Hindi (Devanagari) and Hinglish; see reply-cues.ts for the phrases. */
export function readByRules(input: ClassifyReplyInput, now: Date): RuleReading {
  const ownText = stripQuotedReply(input.body);
  const text = normalizeForMatching(ownWords(input.body)).trim();
  const hits = findCueHits(text);
  // "Re: <subject>" is a reply in a thread (even "Re: Automatic reply: …"): only a subject the lead's side wrote counts.
  const ownSubject = /^\s*(re|fw|fwd|aw)\s*:/i.test(input.subject ?? '') ? '' : (input.subject ?? '');
  const subjectHits = findCueHits(normalizeForMatching(ownSubject)).filter((hit) => hit.group === 'unsubscribe' || hit.group === 'out_of_office');
  const hasQuestionMark = /[?？]/.test(text);
  const language = detectLanguage(ownText || input.subject || '');

  const unsubscribe = [...subjectHits, ...hits].filter((hit) => hit.group === 'unsubscribe');
  const returnDate = findReturnDate(normalizeForMatching(ownText), now);
  const referral = findReferral(ownText, input.lead?.email ?? null, input.senderEmail ?? null);
  const wrongPersonDecision = wrongPerson(hits, referral);
  const decision: Decision =
    (unsubscribe.length ? { intent: 'unsubscribe', sentiment: 'negative', confidence: 0.96, summary: 'Asks to stop receiving messages', cues: unsubscribe, rule: 'unsubscribe' } : null) ??
    // "X is no longer with us" auto-replies carry an auto-reply subject, but they point elsewhere.
    (wrongPersonDecision?.rule === 'wrong_person:left' ? wrongPersonDecision : null) ??
    outOfOffice(hits, subjectHits, returnDate) ??
    wrongPersonDecision ??
    weighInterest(hits, hasQuestionMark) ??
    fallback(hits, text, hasQuestionMark);
  return { decision, hits, language, returnDate, referral };
}
