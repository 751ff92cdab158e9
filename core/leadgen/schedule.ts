// When a saved search runs: once, or once per day or per ISO week in the search's time zone. A
// period has a key ("daily:2026-12-03", "weekly:2026-W49", "once") that a run is unique by, so two
// workers (or a job delivered twice) cannot run a search twice in one period. Pure: instants in,
// keys and instants out.
import { SearchSchedule } from './lead-search.types.ts';

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' });
    formatters.set(timeZone, found);
  }
  return found;
}

/** The wall-clock time in `timeZone` at `at`, as if it were UTC (milliseconds). */
function wallClock(at: number, timeZone: string): number {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(at)).map((p) => [p.type, Number(p.value)]));
  return Date.UTC(parts.year as number, (parts.month as number) - 1, parts.day as number, parts.hour as number, parts.minute as number, parts.second as number);
}

function localDate(at: Date, timeZone: string): LocalDate {
  const wall = new Date(wallClock(at.getTime(), timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

/** The instant a local date begins in `timeZone` (its midnight, or the first moment after a skipped one). */
function startOf(date: LocalDate, timeZone: string): Date {
  const target = Date.UTC(date.year, date.month - 1, date.day);
  let guess = target;
  for (let i = 0; i < 3; i += 1) {
    const next = target - (wallClock(guess, timeZone) - guess);
    if (next === guess) break;
    guess = next;
  }
  return new Date(guess);
}

function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** ISO 8601 week: weeks start on Monday; week 1 holds the year's first Thursday. */
function isoWeek(date: LocalDate): { year: number; week: number; monday: LocalDate } {
  const weekday = (new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7; // Monday 0
  const monday = addDays(date, -weekday);
  const thursday = addDays(monday, 3);
  const firstThursday = new Date(Date.UTC(thursday.year, 0, 4));
  const firstMonday = Date.UTC(thursday.year, 0, 4 - ((firstThursday.getUTCDay() + 6) % 7));
  const week = Math.round((Date.UTC(monday.year, monday.month - 1, monday.day) - firstMonday) / (7 * 86_400_000)) + 1;
  return { year: thursday.year, week, monday };
}

const pad = (n: number, size = 2) => String(n).padStart(size, '0');

/** The key of the period `at` falls in: one run per key. */
export function periodKey(schedule: SearchSchedule, at: Date, timeZone: string): string {
  if (schedule === SearchSchedule.ONCE) return 'once';
  const date = localDate(at, timeZone);
  if (schedule === SearchSchedule.DAILY) return `daily:${date.year}-${pad(date.month)}-${pad(date.day)}`;
  const { year, week } = isoWeek(date);
  return `weekly:${year}-W${pad(week)}`;
}

/** When the period after the one `at` falls in begins; null for a search that runs once. */
export function nextPeriodStart(schedule: SearchSchedule, at: Date, timeZone: string): Date | null {
  if (schedule === SearchSchedule.ONCE) return null;
  const date = localDate(at, timeZone);
  if (schedule === SearchSchedule.DAILY) return startOf(addDays(date, 1), timeZone);
  return startOf(addDays(isoWeek(date).monday, 7), timeZone);
}

/** When the day `at` falls in began, in `timeZone` (the daily limit counts from there). */
export function startOfDay(at: Date, timeZone: string): Date {
  return startOf(localDate(at, timeZone), timeZone);
}
