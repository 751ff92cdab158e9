import { normalizeForMatching } from '../reply-text.ts';

/**
 * Turns a reply into the tokens the model reads. Instances become placeholders (<email>, <date>,
 * <money>, <num>, <name>…) so the model learns "back on <date>" rather than "back on 12 March".
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const URL = /\b(?:https?:\/\/|www\.)\S+/giu;

/** People named with a title, greeted by name, or called "<name> ji" / "<नाम> जी". */
const TITLED = /(?<![\p{L}\p{M}])(?:[Mm]r|[Mm]rs|[Mm]s|[Mm]iss|[Dd]r|[Ss]hri|[Ss]mt|[Ss]ri|[Pp]rof)\.?\s+\p{Lu}[\p{L}'-]*(?:\s+\p{Lu}[\p{L}'-]*){0,2}/gu;
const GREETED = /(?<![\p{L}\p{M}])([Hh]i|[Hh]ello|[Hh]ey|[Dd]ear|[Nn]amaste|[Nn]amaskar)(\s+)\p{Lu}[\p{Ll}'-]+(?:\s+\p{Lu}[\p{Ll}'-]+)?/gu;
const CALLED_JI = /(?<![\p{L}\p{M}])(\p{Lu}[\p{Ll}]+)(\s+)(ji|sir|ma'?am|madam|bhai|saab|sahab)(?![\p{L}\p{M}])/gu;
const notNames = new Set(['haan', 'han', 'ha', 'nahi', 'nahin', 'theek', 'thik', 'accha', 'acha', 'ok', 'okay', 'yes', 'no', 'thanks', 'thank', 'sorry', 'hello', 'hi', 'dear', 'please', 'bas', 'arre', 'are', 'haanji', 'namaste', 'sure', 'good', 'great', 'yeah', 'sahi', 'bilkul', 'dhanyavad', 'shukriya']);
const HINDI_JI = /(?<![\p{L}\p{M}])([\p{L}\p{M}]+)(\s+)(जी|सर|मैडम|साहब|भाई)(?![\p{L}\p{M}])/gu;
const hindiNotNames = new Set(['हां', 'हाँ', 'हा', 'नहीं', 'जी', 'ठीक', 'अच्छा', 'धन्यवाद', 'नमस्ते', 'नमस्कार', 'आप', 'हम', 'बस', 'सर', 'अरे', 'शुक्रिया']);

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec|जनवरी|फरवरी|मार्च|अप्रैल|मई|जून|जुलाई|अगस्त|सितंबर|सितम्बर|अक्टूबर|अक्तूबर|नवंबर|नवम्बर|दिसंबर|दिसम्बर';
/** Standalone month and weekday words: full names only ("may", "sat", "sun" are also words). */
const MONTH_WORDS = 'january|february|march|april|june|july|august|september|sept|october|november|december|जनवरी|फरवरी|मार्च|अप्रैल|मई|जून|जुलाई|अगस्त|सितंबर|सितम्बर|अक्टूबर|अक्तूबर|नवंबर|नवम्बर|दिसंबर|दिसम्बर';
const WEEKDAY_WORDS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday|somvar|somwar|mangalvar|mangalwar|budhvar|budhwar|guruvar|guruwar|shukravar|shukrawar|shanivar|shaniwar|ravivar|raviwar|itwar|सोमवार|मंगलवार|बुधवार|गुरुवार|बृहस्पतिवार|शुक्रवार|शनिवार|रविवार|इतवार';
const WEEKDAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|somvar|somwar|mangalvar|mangalwar|budhvar|budhwar|guruvar|guruwar|shukravar|shukrawar|shanivar|shaniwar|ravivar|raviwar|itwar|सोमवार|मंगलवार|बुधवार|गुरुवार|बृहस्पतिवार|शुक्रवार|शनिवार|रविवार|इतवार';
const b = '(?<![\\p{L}\\p{M}\\p{N}])';
const e = '(?![\\p{L}\\p{M}\\p{N}])';
const ord = '(?:st|nd|rd|th)?';

/** In order: the first that matches a span wins (a date is not read as numbers, a price not as a number). */
const placeholders: Array<[RegExp, string]> = [
  [new RegExp(`${b}\\d{4}-\\d{1,2}-\\d{1,2}${e}`, 'gu'), '<date>'],
  [new RegExp(`${b}\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4}${e}`, 'gu'), '<date>'],
  [new RegExp(`${b}\\d{1,2}${ord}(?:\\s+of)?\\s+(?:${MONTHS})\\.?(?:,?\\s+\\d{4})?${e}`, 'gu'), '<date>'],
  [new RegExp(`${b}(?:${MONTHS})\\.?\\s+\\d{1,2}${ord}(?:,?\\s+\\d{4})?${e}`, 'gu'), '<date>'],
  [new RegExp(`${b}(?:${WEEKDAYS}),?\\s+(?:<date>|\\d{1,2}${ord}${e})`, 'gu'), '<date>'],
  [new RegExp(`${b}(?:${MONTH_WORDS})${e}`, 'gu'), '<month>'],
  [new RegExp(`${b}(?:${WEEKDAY_WORDS})${e}`, 'gu'), '<weekday>'],
  [/(?:₹|rs\.?|inr|\$|usd|€|£|aed)\s?\d[\d,]*(?:\.\d+)?\s?(?:k|lakh|lakhs|lac|cr|crore)?(?![\p{L}\p{N}])/gu, '<money>'],
  [new RegExp(`${b}\\d[\\d,]*(?:\\.\\d+)?\\s?(?:k|lakh|lakhs|lac|crore|cr|rupees|rupaye|rupay|rs|inr|dollars|रुपये|रुपए|रुपया|हजार|लाख)(?:${e}|(?=/-))|${b}\\d[\\d,]*/-`, 'gu'), '<money>'],
  [new RegExp(`${b}\\d{1,2}(?:[:.]\\d{2})?\\s?(?:am|pm)${e}|${b}\\d{1,2}:\\d{2}${e}`, 'gu'), '<time>'],
  [new RegExp(`(?:\\+\\d{1,3}[\\s-]?)?${b}\\d[\\d\\s-]{6,}\\d${e}`, 'gu'), '<phone>'],
  [new RegExp(`${b}\\d+(?:st|nd|rd|th)?${e}`, 'gu'), '<num>'],
];

function maskNames(text: string, extraNames: string[]): string {
  let masked = text
    .replace(TITLED, ' <name> ')
    .replace(GREETED, (_all, greeting: string, space: string) => `${greeting}${space}<name>`)
    .replace(CALLED_JI, (all, name: string, space: string, title: string) => (notNames.has(name.toLowerCase()) ? all : `<name>${space}${title}`))
    .replace(HINDI_JI, (all, name: string, space: string, title: string) => (hindiNotNames.has(name) ? all : `<name>${space}${title}`));
  for (const name of extraNames) {
    const escaped = name.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (escaped.length >= 3) masked = masked.replace(new RegExp(`(?<![\\p{L}\\p{M}])${escaped}(?![\\p{L}\\p{M}])`, 'giu'), ' <name> ');
  }
  return masked;
}

/** Lower case, one spelling of Devanagari, instances replaced by placeholders. `names` are known names (the lead's) to mask. */
export function normalizeReply(text: string, names: string[] = []): string {
  let normal = normalizeForMatching(maskNames(text.replace(EMAIL, ' <email> ').replace(URL, ' <url> '), names));
  for (const [pattern, token] of placeholders) normal = normal.replace(pattern, ` ${token} `);
  return normal;
}

const TOKEN = /<[a-z]+>|[\p{L}\p{M}\p{N}]+(?:'[\p{L}]+)?|[?!]|\p{Extended_Pictographic}/gu;

/** Words, placeholders, "?" and "!", and emoji, in order. */
export function tokenize(normalized: string): string[] {
  return normalized.match(TOKEN) ?? [];
}
