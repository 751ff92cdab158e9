/**
 * The day an out-of-office or closure reply says the person or business is back, as YYYY-MM-DD: the
 * FIRST day back, anchored to the day the reply was received (UTC). An explicit day back wins ("back
 * on Monday", "opens again on the 18th", "15 ko wapas"); otherwise the day after the last day away,
 * moved to Monday when that is a Saturday or Sunday ("on leave 9-13 March" gives Monday 16 March).
 * Vague absences ("after Diwali", "end of the month", "in two weeks") name no day: null.
 */
import { dayOf, firstWorkingDayAfter, isoDay } from './reply-calendar.ts';
import { findDateMentions, type DateMention } from './reply-date-mentions.ts';

export interface FoundDate {
  date: string;
  /** The words the date was read from, for the classification's reasoning. */
  text: string;
}

/** What a mention says: the day back, a day away (the last one counts), or the first day away (which says nothing about the return). */
type Role = 'return' | 'away' | 'start';

const GAP = "(?:[\\p{L}\\p{M}'-]+\\s+){0,5}";
/** Words that announce the day back, up to five words before it: "back in the office on", "opens again on the", "will respond on". */
const returnBefore = new RegExp(
  `(?<![\\p{L}])(?:back|return|returns|returning|resume|resumes|resuming|re-?open|re-?opens|re-?opening|open|opens|available|reachable|respond|reply|revert|get back|join|joining|rejoin|rejoining|be in|in the office|in office|at work|at my desk|call you|talk|speak|meet|connect|wapas|vapas|waapas|वापस|लौट${'\\p{L}*'})[\\s:,–—-]+${GAP}$`,
  'u',
);
/** "Not available from 9 March" is the first day away, not the day back. */
const negatedPresence = new RegExp(`(?:(?<![\\p{L}])(?:not|no)|n't)\\s+(?:be\\s+)?(?:available|reachable|in the office|in office|at work|at my desk|open)\\s+${GAP}$`, 'u');
/** "15 ko wapas aaunga", "Monday se office", "सोमवार से खुलेगा", "kal baat karte hain". */
const returnAfter =
  /^[\s(]*(?:(?:ko|को|se|से|tak|तक)\s+)?(?:[\p{L}\p{M}]+\s+){0,2}?(?:wapas|vapas|waapas|वापस|लौट|khul|खुल|join|aaunga|aaungi|aunga|aungi|aayenge|aaenge|aa jaunga|aa jaungi|aa jayenge|आऊंगा|आऊंगी|आएंगे|आ जाऊंगा|आ जाऊंगी|आ जाएंगे|milunga|milungi|milenge|मिलूंगा|मिलूंगी|मिलेंगे|office|ऑफिस|दफ्तर|available|उपलब्ध|baat|बात|call|कॉल|phone|फोन|reply|jawab|जवाब|i'?m back|i am back|i will be back|we'?re back|we are back)(?![\p{L}\p{M}]*\s+(?:[\p{L}\p{M}]+\s+)?(?:band|बंद|closed|nahi|नहीं|chutti|छुट्टी))/u;
/** "Won't be back until Monday", "not checking email till the 5th": the day named is the day back. */
const negatedUntil = /(?:(?<![\p{L}])(?:not|no|never|nahi|nahin|नहीं)|n't)(?![\p{L}])[^.!?\n]*(?<![\p{L}])(?:until|till|til|before)\s+(?:the\s+)?$/u;
/** "After 15 March", "15 tarikh ke baad": the named day is the last day away. */
const afterBefore = /(?<![\p{L}])(?:after|post|beyond)\s+(?:the\s+)?$/u;
const afterAfter = /^\s*(?:ke baad|ke bad|के बाद|baad|बाद)(?![\p{L}\p{M}])/u;
/** "Until", "till", "to", "9-13", "between 9 and 13", "20 tak": the named day ends the absence. */
const endBefore = /(?:(?<![\p{L}])(?:until|untill|till|til|upto|up to|up until|through|thru|to|and including|including|ending|ends|ending on|last day(?: away| of (?:my |the )?leave| off)?(?: is| will be)?(?: on)?)|[-–—~]|(?<![\p{L}])between\s+\S+\s+and)\s*(?:the\s+)?$/u;
const endAfter = /^\s*(?:tak|tk|तक)(?![\p{L}\p{M}])/u;
/** "From", "starting", "14 se", "14 to ...": the first day away, which says nothing about the return. */
const startBefore = /(?<![\p{L}])(?:from|starting|start|starts|beginning|since|w\.?e\.?f\.?|between)\s+(?:on\s+|from\s+)?(?:the\s+)?$/u;
const startAfter = /^\s*(?:(?:se|से)(?![\p{L}\p{M}])|(?:to|till|until|-|–|—)\s*(?:the\s+)?\u0001)/u;

/** Mentions blanked out, so one date's digits and dots are not read as another's context or as sentence ends. */
function masked(text: string, mentions: DateMention[]): string {
  let result = text;
  for (const { index, end } of mentions) result = result.slice(0, index) + '\u0001'.repeat(end - index) + result.slice(end);
  return result;
}

function roleOf(mention: DateMention, text: string): Role {
  if (mention.endsRange) return 'away';
  const clauseStart = Math.max(text.lastIndexOf('\n', mention.index - 1), ...['.', '!', '?', ';', '।'].map((mark) => text.lastIndexOf(`${mark} `, mention.index - 1)));
  const before = text.slice(Math.max(0, clauseStart + 1, mention.index - 80), mention.index);
  const after = text.slice(mention.end, mention.end + 50).split(/[.!?;\n।]/)[0] ?? '';
  if (afterBefore.test(before) || afterAfter.test(after)) return 'away';
  if (negatedUntil.test(before) || (returnBefore.test(before) && !negatedPresence.test(before)) || returnAfter.test(after)) return 'return';
  if (endBefore.test(before) || endAfter.test(after)) return mention.untilMeansReturn ? 'return' : 'away';
  if (startBefore.test(before) || startAfter.test(after)) return 'start';
  return 'away';
}

/** The first day back that `text` (normalised, the reply's own words) names, relative to `receivedAt`; null when it names none. */
export function findReturnDate(text: string, receivedAt: Date): FoundDate | null {
  const mentions = findDateMentions(text, receivedAt);
  if (!mentions.length) return null;
  const context = masked(text, mentions);
  const roles = mentions.map((mention) => ({ mention, role: roleOf(mention, context) }));
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
