/**
 * The words dates are written with, in English, Hinglish and Hindi (normalised: lower case, Devanagari
 * without nukta), as regular-expression alternations for reply-date-mentions.ts.
 */

const monthNames: Array<[number, string[]]> = [
  [1, ['january', 'jan', 'janvari', 'janwari', 'जनवरी']],
  [2, ['february', 'feb', 'farvari', 'farwari', 'फरवरी']],
  [3, ['march', 'mar', 'मार्च']],
  [4, ['april', 'apr', 'aprail', 'अप्रैल', 'अप्रेल']],
  [5, ['may', 'मई']],
  [6, ['june', 'jun', 'जून']],
  [7, ['july', 'jul', 'julai', 'जुलाई']],
  [8, ['august', 'aug', 'agast', 'अगस्त']],
  [9, ['september', 'sept', 'sep', 'sitambar', 'सितंबर', 'सितम्बर']],
  [10, ['october', 'oct', 'aktubar', 'अक्टूबर', 'अक्तूबर']],
  [11, ['november', 'nov', 'navambar', 'नवंबर', 'नवम्बर']],
  [12, ['december', 'dec', 'disambar', 'दिसंबर', 'दिसम्बर']],
];
export const monthByName = new Map(monthNames.flatMap(([month, names]) => names.map((name) => [name, month] as const)));

/** Sunday = 0, as Date.getUTCDay. Short forms that are also words ("sat", "sun") only count beside a date. */
export const weekdayNames: Array<[number, string[], string[]]> = [
  [0, ['sunday', 'ravivar', 'raviwar', 'ravivaar', 'itwar', 'itvar', 'itvaar', 'itwaar', 'etwar', 'रविवार', 'इतवार'], ['sun']],
  [1, ['monday', 'mon', 'somvar', 'somwar', 'somvaar', 'somwaar', 'सोमवार'], []],
  [2, ['tuesday', 'tues', 'tue', 'mangalvar', 'mangalwar', 'mangalvaar', 'mangalwaar', 'मंगलवार'], []],
  [3, ['wednesday', 'weds', 'wed', 'budhvar', 'budhwar', 'budhvaar', 'budhwaar', 'बुधवार'], []],
  [4, ['thursday', 'thurs', 'thur', 'thu', 'guruvar', 'guruwar', 'guruvaar', 'veervar', 'brihaspativar', 'गुरुवार', 'गुरूवार', 'बृहस्पतिवार', 'वीरवार'], []],
  [5, ['friday', 'fri', 'shukravar', 'shukrawar', 'shukravaar', 'shukrvar', 'शुक्रवार'], []],
  [6, ['saturday', 'shanivar', 'shaniwar', 'shanivaar', 'shaniwaar', 'शनिवार'], ['sat']],
];
export const weekdayByName = new Map(weekdayNames.flatMap(([day, names, short]) => [...names, ...short].map((name) => [name, day] as const)));

/** Holidays on a fixed day, as [month, day]: "closed from Christmas Eve till New Year's Day". Moving festivals (Diwali, Holi, Eid) name no day. */
export const fixedHolidays: Array<[string, number, number]> = [
  ["christmas eve", 12, 24],
  ["christmas day", 12, 25],
  ["christmas", 12, 25],
  ["boxing day", 12, 26],
  ["new year'?s eve", 12, 31],
  ["new year'?s day", 1, 1],
  ["new year", 1, 1],
  ["republic day", 1, 26],
  ["independence day", 8, 15],
  ["gandhi jayanti", 10, 2],
];

export const alternatives = (names: Iterable<string>) => [...names].sort((x, y) => y.length - x.length).join('|');
