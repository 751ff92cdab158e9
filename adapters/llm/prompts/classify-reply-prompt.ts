import type { ClassifyReplyInput } from '../../../core/ai/ai-assistant.ts';
import { replyExamples, type ReplyExample } from './reply-examples.ts';

/**
 * The reply-classification prompt that OpenAI and Gemini share, so both read a reply the way the
 * offline model and the labelled corpus do: the product's intent definitions word for word, the
 * corpus's sentiment and return-date rules, and few-shot examples in English, Hinglish and Hindi.
 */

const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const languageNames: Record<ReplyExample['lang'], string> = { en: 'English', hinglish: 'Hinglish', hi: 'Hindi' };

/** "2027-09-02 (Thursday)": the UTC day a reply arrived, which its dates are read from. */
export function receivedDay(at: Date): { date: string; weekday: string } {
  return { date: at.toISOString().slice(0, 10), weekday: weekdays[at.getUTCDay()] ?? '' };
}

/** The definitions (issue 13), word for word. */
export const INTENT_DEFINITIONS = `interested = wants to talk or meet, or asks for details or a portfolio; asking_price = asks about cost, pricing, packages, a quote or fees (buying intent; wins over interested and over "not now"); question = a non-price question without clear interest yet; not_interested = declines (has an agency, no budget, not now, in-house); out_of_office = an automatic or announced absence or closure, even when it names a cover contact; unsubscribe = asks to stop, remove, opt out or delete their data (wins over a plain decline); wrong_person = not the right contact, including "no longer works here" auto-replies.`;

const INTENT_NOTES = `- Asking for examples of work, case studies or references ("could you share a couple of examples of work you did for other clinics?") is interested, not question.
- "Not now, but what would it cost?" is asking_price. "Not interested, remove me" is unsubscribe.
- Closure and holiday notices ("the studio is shut for Pongal from 14 to 17 January and opens again on the 18th", "Diwali ki chhutti 1-5 Nov", "दुकान 20 तारीख तक बंद है") are out_of_office, never declines. "I'm on leave until 12 March; for urgent matters contact Ravi at ravi@..." is out_of_office.
- wrong_person includes "X has left the company, write to Y instead", "I am copying our head of operations, ops@...", "you want our manager, not me", "I'm just the receptionist", "wrong number".
- not_interested includes sarcastic brush-offs and warm-sounding declines ("love what you do, but we're sorted for this year").
- Judge only the lead's own words: quoted earlier messages (lines starting with ">", everything after "On ... wrote:" or "-----Original Message-----"), signatures and legal disclaimers do not decide, even when the quoted pitch says "interested", "price" or "unsubscribe here".`;

const SENTIMENT_RULES = `sentiment is the writer's tone, independent of intent:
- positive: warm, keen, appreciative, enthusiastic ("sounds great!", "love your work", "👍 send details"). Most interested/asking_price replies; a warm decline ("thanks so much, lovely portfolio, but we're covered") is POSITIVE in tone.
- negative: annoyed, hostile, curt or cold refusal, complaint, sarcasm, "stop spamming".
- neutral: matter-of-fact: auto-replies, plain questions, plain referrals, "no thanks" without warmth or annoyance, "send the price list".`;

const RETURN_DATE_RULES = `returnDate (out_of_office only, else null) is the FIRST day back, as YYYY-MM-DD, read against receivedDate in the user message (the day the reply arrived, in UTC):
- An explicit return or reopening day wins: "back on Monday 16 March", "opens again on the 18th".
- Otherwise the day after the last day away: "on leave 9-13 March" -> 14 March is a Saturday, so the next working day, Monday 16 March. Rule: the day after the last day away; if that is a Saturday or Sunday, the following Monday. "Until"/"till"/"tak"/"तक" names the last day away: "Out until Friday" (received on a Tuesday) -> the following Monday. "Back tomorrow" -> the day after receivedDate (no weekend rule for an explicit "back").
- A day and month without a year is the next such date on or after receivedDate (a December reply about "till 3 Jan" means next year). Numeric dates are day first: 12.08.2026 and 12/08 are 12 August.
- Dates come in every format: 12.08.2026, 21/07/2026, 2026-07-21, "Monday, October 12", "12th Oct", "Oct 12th", "10 June ko", "28 दिसंबर", "15 तारीख", "next Monday", "kal" (tomorrow), "parson"/"परसों" (the day after tomorrow).
- No day, no date: "after Diwali", "end of the month", "in two weeks", "back sometime next week" give null. Never a date before receivedDate.`;

const REFERRAL_RULES = `referral (wrong_person only, else null): the person they point to, { name, email }, each null when not given.
- name without honorifics or titles: "Mr. Rajesh Kumar" -> "Rajesh Kumar", "Priya ma'am" -> "Priya", "Sharma ji" -> "Sharma", "हमारे मैनेजर अमित जी" -> "अमित". An email without a name gives name null (never make a name from an address).
- Never the replier themselves (their signature, "reach me at"), never the person who left or whose inbox is closed, never the lead's own address (lead.email) and never ours (ourAddress).`;

function example(item: ReplyExample, index: number): string {
  const { date, weekday } = receivedDay(new Date(item.receivedAt));
  const reply = JSON.stringify({ receivedDate: date, receivedWeekday: weekday, subject: item.subject, body: item.body });
  const answer = JSON.stringify({ intent: item.intent, sentiment: item.sentiment, returnDate: item.returnDate, referral: item.referral });
  return `Example ${index + 1} (${languageNames[item.lang]}, ${item.channel}):\n${reply}\n-> ${answer}`;
}

/** The task's instructions after the shared role sentence. */
export function classifyReplyInstructions(role: string): string {
  return `${role}

Task: classify \`body\`, a lead's reply to a sales email or WhatsApp message from an agency (websites, SEO, social media, ads, booking systems). Replies come in English, in Hindi written in Devanagari, and in Hinglish (Hindi in Latin letters, often mixed with English, e.g. "haan bhai interested hoon, rate kya hai?").

intent, exactly one of these definitions:
${INTENT_DEFINITIONS}
${INTENT_NOTES}

${SENTIMENT_RULES}

${RETURN_DATE_RULES}

${REFERRAL_RULES}

confidence: 0 to 1, how clearly the reply says it: 0.9 or more for explicit words, about 0.5 when you are guessing.
reasoning: one or two sentences naming the words that decided.
language: "en", "hi" (Hindi in Devanagari), "hinglish" (Hindi in Latin letters), or another ISO 639-1 code.

Examples (the answers show intent, sentiment, returnDate and referral; give every field of the schema):
${replyExamples.map(example).join('\n\n')}`;
}

/** The user message: the reply as data, with the day it arrived, the lead, and our own address. */
export function classifyReplyMessage(input: ClassifyReplyInput, fallbackNow: Date): string {
  const { date, weekday } = receivedDay(input.receivedAt ?? fallbackNow);
  return JSON.stringify({ receivedDate: date, receivedWeekday: weekday, subject: input.subject, body: input.body, lead: input.lead, ourAddress: input.senderEmail ?? null });
}
