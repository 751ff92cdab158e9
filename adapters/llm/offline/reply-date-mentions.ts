/**
 * Every date a reply mentions, in every way people write one: 12.08.2026, 21/07/2026 (day first, as
 * written in India), 2026-07-21, "Monday, October 12", "12th Oct", "Oct 12th", "10 June ko",
 * "28 दिसंबर", "15 तारीख", "17 tak", "next Monday", "kal", "parson", "परसों", "next week". Works on
 * normalised text (see normalizeForMatching). What a mention means (the day back, the last day away,
 * the first day away) is decided from its context in reply-dates.ts.
 */
import { addDays, calendarDate, dayOf, fullYear, nextDayMonth, nextDayOfMonth, nextWeekday } from './reply-calendar.ts';
import { alternatives, fixedHolidays, monthByName, weekdayByName, weekdayNames } from './reply-date-words.ts';

export interface DateMention {
  index: number;
  end: number;
  /** The words as written, for the classification's reasoning. */
  text: string;
  /** How exact the mention is: a full date beats a weekday when two mentions disagree. */
  precision: number;
  /** The day it names when it says the day back ("back on Monday" said on a Monday is next week's). */
  asReturn: () => Date | null;
  /** The day it names when it says a day away ("out until Friday" said on a Friday is today). */
  asLastDayAway: () => Date | null;
  /** Set when the words themselves say it ends a range ("March 9-13"). */
  endsRange?: boolean;
  /** "Until next week" means back next week, not away all of it. */
  untilMeansReturn?: boolean;
}

const b = '(?<![\\p{L}\\p{M}\\p{N}])';
const e = '(?![\\p{L}\\p{M}\\p{N}])';
const MONTH = `(${alternatives(monthByName.keys())})\\.?`;
const WEEKDAY = `(${alternatives(weekdayNames.flatMap(([, names]) => names))})`;
const ANY_WEEKDAY = alternatives(weekdayByName.keys());
const ORDINAL = '(?:st|nd|rd|th)?';
/** "Monday, 12 October", "(Monday)" after it: part of the date, not a second one. */
const WEEKDAY_BEFORE = `(?:(?:${ANY_WEEKDAY})\\.?,?\\s+(?:the\\s+)?)?`;
const WEEKDAY_AFTER = `(?:,?\\s*\\(?(?:${ANY_WEEKDAY})${e}\\)?)?`;
/** Words after a number that make it something other than a day ("5th floor", "9.30 am", "24/7 support"). */
const NOT_A_DAY_AFTER = /^\s*(?:%|am|pm|a\.m|p\.m|hrs?|hours?|baje|बजे|lakh|lac|lakhs|k|cr|crores?|stars?|mins?|minutes?|kg|km|days?|weeks?|months?|din|दिन|floor|anniversary|years?|saal|time|times|batch|edition|class|std|standard|grade|rank|place|birthday|century|cross|main|road|block|sector|phase|stage|round|attempt|support|service)(?![\p{L}])/u;
const NOT_A_DAY_BEFORE = /(?:₹|rs\.?|inr|\$|€|£|no\.?|#|page|room|floor|flat|plot)\s*$/u;
/** A bare number is a day only away from clock times ("subah 10 se shaam 7 tak" is opening hours). */
const CLOCK_NEARBY = /(?:baje|बजे|subah|shaam|sham|सुबह|शाम|\d\s*(?:am|pm)(?![\p{L}])|o'clock|timings?|hours|\d:\d)/u;

/** What a reader found: a date, nothing (another reader may try), or NOT_A_DATE (words no later reader may read: "Mon-Sat 10am se 8pm", "aaj kal"). */
type Build = (match: RegExpExecArray, from: Date) => Omit<DateMention, 'index' | 'end' | 'text'> | null | typeof NOT_A_DATE;
const NOT_A_DATE = 'not a date';

const exact = (date: Date | null, precision: number) => (date ? { precision, asReturn: () => date, asLastDayAway: () => date } : null);

function dayMonth(day: string | undefined, month: string | undefined, year: string | undefined, from: Date): Date | null {
  const monthNumber = monthByName.get(month ?? '');
  if (!monthNumber) return null;
  const fixedYear = fullYear(year);
  return fixedYear ? calendarDate(fixedYear, monthNumber, Number(day)) : nextDayMonth(monthNumber, Number(day), from);
}

function weekdayMention(name: string | undefined, qualifier: string | undefined, from: Date) {
  const weekday = weekdayByName.get(name ?? '') ?? 1;
  const next = Boolean(qualifier && /next|coming|agle|agla|aane|अगले/.test(qualifier));
  return { precision: 2, asReturn: () => nextWeekday(weekday, from, false), asLastDayAway: () => nextWeekday(weekday, from, !next) };
}

function weekMention(words: string, from: Date) {
  const monday = nextWeekday(1, from, false);
  if (/next|agle|अगले/.test(words)) return { precision: 1, asReturn: () => monday, asLastDayAway: () => addDays(monday, 4), untilMeansReturn: true };
  // "This week" / "rest of the week": away until its Friday (or today, at a weekend).
  const friday = addDays(monday, -3);
  const lastDay = friday.getTime() >= dayOf(from).getTime() ? friday : dayOf(from);
  return { precision: 1, asReturn: () => null, asLastDayAway: () => lastDay };
}

/** Day first (12/03 is 12 March), unless that is no date and month first is ("10/26", as Americans write). */
function dayFirst(first: string | undefined, second: string | undefined, read: (month: number, day: number) => Date | null): Date | null {
  return read(Number(second), Number(first)) ?? (Number(second) > 12 ? read(Number(first), Number(second)) : null);
}

/** "Next month's 10th", "agle mahine ki 10 tarikh", "अगले महीने की 10 तारीख". */
const NEXT_MONTH_BEFORE = `(?:(next month'?s|agle mahine (?:ki|ke)|अगले महीने (?:की|के))\\s+)?`;
const HOLIDAY = alternatives(fixedHolidays.map(([name]) => name));
/** Opening hours are weekdays, not dates: "Mon-Sat 9am to 7pm", "timing: Monday to Saturday". */
const OPENING_HOURS = new RegExp(`${b}(?:${ANY_WEEKDAY})\\.?\\s*(?:-|–|to|se|till)\\s*(?:${ANY_WEEKDAY})\\.?${e}(?=[^.!?\\n]{0,25}(?:\\d\\s*(?:am|pm|baje)|\\d:\\d|hours|timing|open))|${b}(?:hours|timings?|open)\\s*:?\\s*(?:${ANY_WEEKDAY})\\.?\\s*(?:-|–|to|se|till)\\s*(?:${ANY_WEEKDAY})${e}`, 'gu');

const readers: Array<[RegExp, Build]> = [
  [OPENING_HOURS, () => NOT_A_DATE],
  [new RegExp(`${b}(?:aaj kal|aajkal|आजकल|आज कल)${e}`, 'gu'), () => NOT_A_DATE],
  [new RegExp(`${b}${WEEKDAY_BEFORE}(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})${e}${WEEKDAY_AFTER}`, 'gu'), (m) => exact(calendarDate(Number(m[1]), Number(m[2]), Number(m[3])), 5)],
  [
    new RegExp(`${b}${WEEKDAY_BEFORE}(\\d{1,2})([./-])(\\d{1,2})\\2(\\d{4}|\\d{2})${e}${WEEKDAY_AFTER}`, 'gu'),
    (m) => exact(dayFirst(m[1], m[3], (month, day) => calendarDate(fullYear(m[4]) ?? 0, month, day)), 5),
  ],
  [
    new RegExp(`${b}${MONTH}\\s*(\\d{1,2})${ORDINAL}\\s*(?:-|–|—|to|till|until|through|thru)\\s*(\\d{1,2})${ORDINAL}(?:,?\\s+(\\d{4}))?${e}`, 'gu'),
    (m, from) => {
      const found = exact(dayMonth(m[3], m[1], m[4], from), 4);
      return found && { ...found, endsRange: true };
    },
  ],
  [
    new RegExp(`${b}${WEEKDAY_BEFORE}(\\d{1,2})${ORDINAL}(?:\\s+of)?[\\s-]*${MONTH}(?:[,\\s-]*(\\d{4}))?${e}${WEEKDAY_AFTER}`, 'gu'),
    (m, from) => exact(dayMonth(m[1], m[2], m[3], from), 4),
  ],
  [
    new RegExp(`${b}${WEEKDAY_BEFORE}${MONTH}\\s*(\\d{1,2})${ORDINAL}(?:,?\\s+(\\d{4}))?${e}${WEEKDAY_AFTER}`, 'gu'),
    (m, from) => exact(dayMonth(m[2], m[1], m[3], from), 4),
  ],
  [
    new RegExp(`${b}(\\d{1,2})[./](\\d{1,2})${e}(?![./]\\d)`, 'gu'),
    (m, from) => (m[0] === '24/7' ? null : exact(dayFirst(m[1], m[2], (month, day) => nextDayMonth(month, day, from)), 4)),
  ],
  [
    new RegExp(`${b}${NEXT_MONTH_BEFORE}${WEEKDAY_BEFORE}(?:the\\s+)?(\\d{1,2})(?:${ORDINAL}\\s*(?:tarikh|tareekh|tarik|tareek|tarikh|तारीख|तारिख|तारीक)|st|nd|rd|th)${e}(?:\\s+of\\s+(this|next|is|agle)\\s+(?:month|mahine|महीने))?`, 'gu'),
    (m, from) => {
      const nextMonth = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
      return exact(nextDayOfMonth(Number(m[2]), m[1] || (m[3] && /next|agle/.test(m[3])) ? nextMonth : from), 3);
    },
  ],
  [
    new RegExp(`${b}(${HOLIDAY})${e}`, 'gu'),
    (m, from) => {
      const holiday = fixedHolidays.find(([name]) => new RegExp(`^(?:${name})$`, 'u').test(m[1] ?? ''));
      return holiday ? exact(nextDayMonth(holiday[1], holiday[2], from), 3) : null;
    },
  ],
  [new RegExp(`${b}(\\d{1,2})\\s*(?=(?:tak|tk|तक|ko|को|se|से)${e})`, 'gu'), (m, from) => exact(nextDayOfMonth(Number(m[1]), from), 3)],
  [new RegExp(`${b}(?:day after tomorrow|parso|parson|parsoon|parsu|परसों|परसो)${e}`, 'gu'), (_m, from) => exact(addDays(dayOf(from), 2), 2)],
  [new RegExp(`${b}(?:tomorrow|tomorow|tommorow|tommorrow|tmrw|kal|कल)${e}`, 'gu'), (_m, from) => exact(addDays(dayOf(from), 1), 2)],
  [new RegExp(`${b}(?:today|aaj|आज)${e}`, 'gu'), (_m, from) => exact(dayOf(from), 2)],
  [new RegExp(`${b}(?:(next|coming|this|agle|agla|aane wale|is|अगले|इस)\\s+)?${WEEKDAY}\\.?${e}`, 'gu'), (m, from) => weekdayMention(m[2], m[1], from)],
  [
    new RegExp(`${b}(?:next week|agle (?:hafte|hafta|week|saptah)|अगले (?:हफ्ते|सप्ताह|हफ्ता)|this week|is (?:hafte|week)|इस (?:हफ्ते|सप्ताह)|(?:the )?rest of the week)${e}`, 'gu'),
    (m, from) => weekMention(m[0], from),
  ],
];

/** A bare number ("17 tak", "5th") that is really an amount, a clock time or a floor. */
function notADay(text: string, index: number, end: number, bare: boolean): boolean {
  if (NOT_A_DAY_AFTER.test(text.slice(end, end + 20)) || NOT_A_DAY_BEFORE.test(text.slice(Math.max(0, index - 8), index))) return true;
  const clause = (part: string) => part.split(/[.!?;\n।]/);
  return bare && CLOCK_NEARBY.test(`${clause(text.slice(Math.max(0, index - 30), index)).at(-1)}${text.slice(index, end)}${clause(text.slice(end, end + 30))[0]}`);
}

/** The dates in `text` (normalised), in order; where two readings overlap, the more specific reader's wins. */
export function findDateMentions(text: string, from: Date): DateMention[] {
  const found: DateMention[] = [];
  const blocked: Array<{ index: number; end: number }> = [];
  for (const [pattern, build] of readers) {
    for (const match of text.matchAll(pattern)) {
      const index = match.index ?? 0;
      const end = index + match[0].length;
      if ([...found, ...blocked].some((other) => index < other.end && end > other.index)) continue;
      if (/^[\d.\s/]+$|^(?:the\s+)?\d+(?:st|nd|rd|th)?$/.test(match[0]) && notADay(text, index, end, /^\d+\s*$/.test(match[0]))) continue;
      const built = build(match as RegExpExecArray, from);
      if (built === NOT_A_DATE) blocked.push({ index, end });
      else if (built) found.push({ ...built, index, end, text: match[0].trim() });
    }
  }
  return found.sort((x, y) => x.index - y.index);
}
