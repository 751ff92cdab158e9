/**
 * Calendar arithmetic for return dates, all in UTC days so a result never depends on the server's
 * time zone: a reply is anchored to the UTC day it was received on.
 */

export const DAY_MS = 86_400_000;

/** Midnight UTC of the day `at` falls on. */
export function dayOf(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

export function addDays(day: Date, days: number): Date {
  return new Date(day.getTime() + days * DAY_MS);
}

export function isoDay(day: Date): string {
  return day.toISOString().slice(0, 10);
}

/** A real calendar date or null (31 February is not). */
export function calendarDate(year: number, month: number, day: number): Date | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}

/** A day and month without a year: the next such date on or after `from` (29 February waits for a leap year). */
export function nextDayMonth(month: number, day: number, from: Date): Date | null {
  const start = dayOf(from);
  for (let year = start.getUTCFullYear(); year <= start.getUTCFullYear() + 8; year += 1) {
    const date = calendarDate(year, month, day);
    if (date && date.getTime() >= start.getTime()) return date;
  }
  return null;
}

/** "The 15th": this month's 15th when it is still ahead (or today), else the next month that has one. */
export function nextDayOfMonth(day: number, from: Date): Date | null {
  const start = dayOf(from);
  for (let ahead = 0; ahead < 3; ahead += 1) {
    const month = start.getUTCMonth() + ahead;
    const date = calendarDate(start.getUTCFullYear() + Math.floor(month / 12), (month % 12) + 1, day);
    if (date && date.getTime() >= start.getTime()) return date;
  }
  return null;
}

/** The next `weekday` (Sunday = 0): from `from` itself when `includeToday`, else strictly after it. */
export function nextWeekday(weekday: number, from: Date, includeToday: boolean): Date {
  const start = dayOf(from);
  const ahead = (weekday - start.getUTCDay() + 7) % 7;
  return addDays(start, ahead === 0 && !includeToday ? 7 : ahead);
}

/** The first day back after `lastDayAway`: the next day, moved to Monday when that is a Saturday or Sunday. */
export function firstWorkingDayAfter(lastDayAway: Date): Date {
  const next = addDays(lastDayAway, 1);
  const weekday = next.getUTCDay();
  return weekday === 6 ? addDays(next, 2) : weekday === 0 ? addDays(next, 1) : next;
}

/** Two-digit years are this century's ("12/08/26" is 2026). */
export function fullYear(year: string | undefined): number | null {
  if (!year) return null;
  const value = Number(year);
  return value < 100 ? 2000 + value : value;
}
