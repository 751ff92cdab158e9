/**
 * The day an out-of-office or closure reply says the person or business is back, as YYYY-MM-DD: the
 * FIRST day back, anchored to the day the reply was received (UTC). An explicit day back wins ("back
 * on Monday", "opens again on the 18th", "15 ko wapas"); otherwise the day after the last day away,
 * moved to Monday when that is a Saturday or Sunday ("on leave 9-13 March" gives Monday 16 March).
 * Vague absences ("after Diwali", "end of the month", "in two weeks") name no day: null.
 */
import { dayOf, firstWorkingDayAfter, isoDay } from './reply-calendar.ts';
import { findDateMentions, type DateMention } from './reply-date-mentions.ts';
import { roleOf } from './reply-date-roles.ts';

export interface FoundDate {
  date: string;
  /** The words the date was read from, for the classification's reasoning. */
  text: string;
}

/** Mentions blanked out, so one date's digits and dots are not read as another's context or as sentence ends. */
function masked(text: string, mentions: DateMention[]): string {
  let result = text;
  for (const { index, end } of mentions) result = result.slice(0, index) + '\u0001'.repeat(end - index) + result.slice(end);
  return result;
}

/** A return announced without a day ("back sometime next week", "will reopen end of the month", "back after Diwali"): no date can be trusted. */
const VAGUE_RETURN =
  /(?<![\p{L}-])(?:back|return|returning|re-?open|re-?opens|re-?opening|open again|resume|khulega|khulegi|wapas|खुलेगा|खुलेगी|वापस)[\s\p{L}',]{0,30}?(?<![\p{L}])(?:sometime|some time|end of|month end|mid|early|by the end|in (?:a|one|two|three|four|a few|few|\d+) (?:days?|weeks?|months?)|after (?!(?:the\s+)?\u0001|(?:that|this|then|it|i|i'm|i am|my|we|our|returning|return|leave|the leave|the break)(?![\p{L}']))\p{L}+)/u;

/** "10 din baad aayenge", "a few days later": a return counted in days from an unnamed start. */
const VAGUE_DURATION = /(?<![\p{L}])(?:\d+|kuch|ek|do|teen|char|few|a few|couple of)\s+(?:din|dino|दिन|hafte|हफ्ते|weeks?|days?)\s+(?:baad|bad|mein|me|में|बाद|later)(?![\p{L}])/u;

/** The first day back that `text` (normalised, the reply's own words) names, relative to `receivedAt`; null when it names none. */
export function findReturnDate(text: string, receivedAt: Date): FoundDate | null {
  const mentions = findDateMentions(text, receivedAt);
  if (!mentions.length) return null;
  const context = masked(text, mentions);
  const roles = mentions.map((mention) => ({ mention, role: roleOf(mention, context) }));
  if (VAGUE_RETURN.test(context) && !roles.some(({ role, mention }) => role === 'return' && mention.precision >= 3)) return null;
  if (VAGUE_DURATION.test(context) && !roles.some(({ role }) => role === 'return')) return null;
  const received = dayOf(receivedAt).getTime();
  const usable = (date: Date | null): date is Date => date !== null && date.getTime() >= received;

  const returns = roles
    .filter(({ role }) => role === 'return')
    .map(({ mention }) => ({ mention, date: mention.asReturn() }))
    .filter((found): found is { mention: DateMention; date: Date } => usable(found.date))
    .sort((x, y) => y.mention.precision - x.mention.precision);
  if (returns[0]) return { date: isoDay(returns[0].date), text: returns[0].mention.text };

  const away = roles
    .filter(({ role }) => role === 'away')
    .map(({ mention }) => ({ mention, date: mention.asLastDayAway() }))
    .filter((found): found is { mention: DateMention; date: Date } => found.date !== null)
    .sort((x, y) => y.date.getTime() - x.date.getTime());
  const last = away[0];
  if (!last) return null;
  const back = firstWorkingDayAfter(last.date);
  return usable(back) ? { date: isoDay(back), text: last.mention.text } : null;
}
