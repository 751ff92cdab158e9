import type { ReplyClassification } from '../../core/ai/ai.types.ts';
import { calendarDate, dayOf } from './offline/reply-calendar.ts';
import { withoutHonorifics } from './offline/reply-referral-words.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** What a hosted model's classification must respect, checked the same way for every provider. */
export interface ClassificationContext {
  receivedAt: Date;
  leadEmail: string | null;
  senderEmail: string | null;
}

/** Why a model's return date cannot stand, or null when it can. */
function returnDateProblem(returnDate: string, receivedAt: Date): string | null {
  const [year, month, day] = returnDate.split('-').map(Number);
  const date = calendarDate(year ?? 0, month ?? 0, day ?? 0);
  if (!date) return 'not a real date';
  if (date.getTime() < dayOf(receivedAt).getTime()) return 'before the day the reply arrived';
  return null;
}

/**
 * A hosted model's classification made consistent with the product's rules: a return date only
 * for out_of_office and only a real one on or after the day the reply arrived, a referral only for
 * wrong_person, without honorifics, and never the lead's or our own address. What is dropped is
 * said in the reasoning, so the decision log shows it; the intent always stands.
 */
export function settleReplyClassification(output: ReplyClassification, context: ClassificationContext): ReplyClassification {
  const notes: string[] = [];
  let returnDate = output.intent === 'out_of_office' ? output.returnDate : null;
  const problem = returnDate ? returnDateProblem(returnDate, context.receivedAt) : null;
  if (returnDate && problem) {
    notes.push(`The return date ${returnDate} was dropped: ${problem}.`);
    returnDate = null;
  }
  let referral = output.intent === 'wrong_person' ? output.referral : null;
  if (referral) {
    const own = new Set([context.leadEmail, context.senderEmail].flatMap((address) => (address ? [address.trim().toLowerCase()] : [])));
    const email = referral.email?.trim() || null;
    const usable = email && EMAIL.test(email) && !own.has(email.toLowerCase()) ? email : null;
    if (email && !usable) notes.push(`The referral address ${email} was dropped: ${own.has(email.toLowerCase()) ? 'it is the lead’s or our own' : 'not an email address'}.`);
    const name = referral.name ? withoutHonorifics(referral.name) : null;
    referral = name || usable ? { name, email: usable } : null;
  }
  const reasoning = notes.length ? `${output.reasoning} ${notes.join(' ')}`.slice(0, 2000) : output.reasoning;
  return { ...output, returnDate, referral, reasoning };
}
