/**
 * Finds the date an out-of-office reply says the person is back, as YYYY-MM-DD. Works on normalised
 * text (see normalizeForMatching). Relative dates ("Monday", "tomorrow", "5 tarikh") are resolved
 * against `now` in UTC, so the result does not depend on the server's time zone. Numeric dates are
 * read day first (12/03 = 12 March), as written in India.
 */

export interface FoundDate {
  date: string;
  /** The words the date was read from, for the classification's reasoning. */
  text: string;
}

interface Candidate extends FoundDate {
  index: number;
}

const monthNames: Array<[number, string[]]> = [
  [1, ['january', 'jan', 'जनवरी']],
  [2, ['february', 'feb', 'फरवरी']],
  [3, ['march', 'mar', 'मार्च']],
  [4, ['april', 'apr', 'अप्रैल']],
  [5, ['may', 'मई']],
  [6, ['june', 'jun', 'जून']],
  [7, ['july', 'jul', 'जुलाई']],
  [8, ['august', 'aug', 'अगस्त']],
  [9, ['september', 'sept', 'sep', 'सितंबर', 'सितम्बर']],
  [10, ['october', 'oct', 'अक्टूबर', 'अक्तूबर']],
  [11, ['november', 'nov', 'नवंबर', 'नवम्बर']],
  [12, ['december', 'dec', 'दिसंबर', 'दिसम्बर']],
];
const monthByName = new Map(monthNames.flatMap(([month, names]) => names.map((name) => [name, month] as const)));

/** Sunday = 0, as Date.getUTCDay. */
const weekdayNames: Array<[number, string[]]> = [
  [0, ['sunday', 'ravivar', 'raviwar', 'itwar', 'itvaar', 'रविवार', 'इतवार']],
  [1, ['monday', 'somvar', 'somwar', 'सोमवार']],
  [2, ['tuesday', 'mangalvar', 'mangalwar', 'मंगलवार']],
  [3, ['wednesday', 'budhvar', 'budhwar', 'बुधवार']],
  [4, ['thursday', 'guruvar', 'guruwar', 'brihaspativar', 'गुरुवार', 'बृहस्पतिवार']],
  [5, ['friday', 'shukravar', 'shukrawar', 'शुक्रवार']],
  [6, ['saturday', 'shanivar', 'shaniwar', 'शनिवार']],
];
const weekdayByName = new Map(weekdayNames.flatMap(([day, names]) => names.map((name) => [name, day] as const)));

const b = '(?<![\\p{L}\\p{M}\\p{N}])';
const e = '(?![\\p{L}\\p{M}\\p{N}])';
const months = [...monthByName.keys()].sort((x, y) => y.length - x.length).join('|');
const weekdays = [...weekdayByName.keys()].join('|');
const ordinal = '(?:st|nd|rd|th)?';

const DAY = 86_400_000;

function today(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A real calendar date or null (31 February is not). */
function calendarDate(year: number, month: number, day: number): Date | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}

/** Without a year: this year's date, or next year's when it is more than a week gone (a stale auto-reply stays as is). */
function upcoming(month: number, day: number, now: Date): Date | null {
  const start = today(now);
  const thisYear = calendarDate(start.getUTCFullYear(), month, day);
  if (thisYear && thisYear.getTime() >= start.getTime() - 7 * DAY) return thisYear;
  return calendarDate(start.getUTCFullYear() + 1, month, day);
}

function fullYear(year: string | undefined): number | null {
  if (!year) return null;
  const value = Number(year);
  return value < 100 ? 2000 + value : value;
}

type Reader = [RegExp, (match: RegExpExecArray, now: Date) => Date | null];

const readers: Reader[] = [
  [new RegExp(`${b}(\\d{4})-(\\d{1,2})-(\\d{1,2})${e}`, 'gu'), (m, _now) => calendarDate(Number(m[1]), Number(m[2]), Number(m[3]))],
  [
    new RegExp(`${b}(\\d{1,2})[/.](\\d{1,2})(?:[/.](\\d{2,4}))?${e}`, 'gu'),
    (m, now) => {
      const year = fullYear(m[3]);
      return year ? calendarDate(year, Number(m[2]), Number(m[1])) : upcoming(Number(m[2]), Number(m[1]), now);
    },
  ],
  [
    new RegExp(`${b}(\\d{1,2})${ordinal}(?:\\s+of)?\\s+(${months})\\.?(?:,?\\s+(\\d{4}))?${e}`, 'gu'),
    (m, now) => dayMonth(Number(m[1]), m[2], m[3], now),
  ],
  [
    new RegExp(`${b}(${months})\\.?\\s+(\\d{1,2})${ordinal}(?:,?\\s+(\\d{4}))?${e}`, 'gu'),
    (m, now) => dayMonth(Number(m[2]), m[1], m[3], now),
  ],
  [new RegExp(`${b}(?:the\\s+)?(\\d{1,2})(?:${ordinal}\\s+(?:tarikh|tareekh|tarik|तारीख|तारिख)|(?:st|nd|rd|th))${e}`, 'gu'), (m, now) => dayOfMonth(Number(m[1]), now)],
  [new RegExp(`${b}(?:day after tomorrow|parso|parson|परसों)${e}`, 'gu'), (_m, now) => new Date(today(now).getTime() + 2 * DAY)],
  [new RegExp(`${b}(?:tomorrow|kal|कल)${e}`, 'gu'), (_m, now) => new Date(today(now).getTime() + DAY)],
  [new RegExp(`${b}(?:next\\s+)?(${weekdays})${e}`, 'gu'), (m, now) => nextWeekday(weekdayByName.get(m[1] ?? '') ?? 1, now)],
  [new RegExp(`${b}(?:next week|agle hafte|agle hafta|अगले हफ्ते|अगले सप्ताह)${e}`, 'gu'), (_m, now) => nextWeekday(1, now)],
];

function dayMonth(day: number, monthName: string | undefined, year: string | undefined, now: Date): Date | null {
  const month = monthByName.get(monthName ?? '');
  if (!month) return null;
  const fixedYear = fullYear(year);
  return fixedYear ? calendarDate(fixedYear, month, day) : upcoming(month, day, now);
}

/** "5 tarikh": the 5th of this month, or of next month when the 5th has passed. */
function dayOfMonth(day: number, now: Date): Date | null {
  const start = today(now);
  const month = start.getUTCDate() <= day ? start.getUTCMonth() : start.getUTCMonth() + 1;
  return calendarDate(start.getUTCFullYear() + Math.floor(month / 12), (month % 12) + 1, day);
}

/** The next such weekday after today ("back on Monday" said on a Monday means a week later). */
function nextWeekday(weekday: number, now: Date): Date {
  const start = today(now);
  const ahead = (weekday - start.getUTCDay() + 7) % 7 || 7;
  return new Date(start.getTime() + ahead * DAY);
}

/** Words that announce the return date: "back on 12 March", "until Monday", "5 tarikh tak", "सोमवार को वापस". */
const returnBefore = /(?<!\p{L})(back|return|returning|resume|until|till|through|after|on|wapas|vapas|वापस|लौट)\W{0,3}(\w+\W{1,3})?$/u;
const returnAfter = /^\W{0,3}(tak|तक|ko wapas|को वापस|se office|से ऑफिस|ke baad|के बाद)/u;

export function findReturnDate(text: string, now: Date): FoundDate | null {
  const found: Candidate[] = [];
  for (const [pattern, read] of readers) {
    for (const match of text.matchAll(pattern)) {
      const index = match.index ?? 0;
      if (found.some((other) => index >= other.index && index < other.index + other.text.length)) continue;
      const date = read(match as RegExpExecArray, now);
      if (date) found.push({ date: iso(date), text: match[0], index });
    }
  }
  const announced = found.find(({ index, text: words }) => returnBefore.test(text.slice(Math.max(0, index - 24), index)) || returnAfter.test(text.slice(index + words.length)));
  const chosen = announced ?? found.sort((x, y) => x.index - y.index).at(-1);
  return chosen ? { date: chosen.date, text: chosen.text.trim() } : null;
}
