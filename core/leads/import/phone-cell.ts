// What spreadsheets and CRMs put in a phone cell besides one number: Excel's text marker ('98290…
// or ="0141…"), an extension ("ext. 204", "x204"), a label ("(WhatsApp)", "Mob:"), two numbers
// ("98290 11111 / 0141 2701234", Google's "a ::: b"), or a placeholder ("-", "nil"). Pure and cheap:
// no parsing here, only text; lead-input decides whether a candidate is a valid number.
import { isPlaceholder } from './placeholders.ts';

export interface PhoneCell {
  /** Numbers found, in the order written; the first is the lead's phone. */
  numbers: string[];
  /** An extension written after the first number, without its label ("204"). */
  extension: string | null;
}

const TEXT_MARKER = /^(?:'|="?|")+|"$/g; // 'x, ="x", "x"
const EXTENSION = /\s*[,;]?\s*(?:ext\.?|extn\.?|extension|x|#)\s*(\d{1,6})\s*$/i;
const LABEL_IN_BRACKETS = /[([{][^)\]}]*[a-z][^)\]}]*[)\]}]/gi; // (WhatsApp), [work], (o)
const LEADING_LABEL = /^\s*(?:[a-z][a-z .]{0,15}):\s*/i; // Mob:, Tel.:, M:, Office:
const TRAILING_WORDS = /\s*[-–]?\s*\b(?:whatsapp|mobile|mob|cell|work|office|home|landline|main|direct|fax|personal|only|wa)\b\.?\s*$/i;
const LIST_SEPARATOR = /\s*(?::::|[,;|\n\r]|\s\/\s|\s+or\s+|\s+&\s+|\s+and\s+)\s*/i;
const DIGIT = /\d/g;
const COMMA_BEFORE_EXTENSION = /[,;]\s*(?=(?:ext|extn|extension|x)\.?\s*\d)/gi;

const digits = (s: string): number => s.match(DIGIT)?.length ?? 0;

/** One written number, its labels and text markers removed ("Mob: 98290 11111 (WhatsApp)" → "98290 11111"). */
function cleanNumber(part: string): string {
  let s = part.replace(TEXT_MARKER, '').trim();
  s = s.replace(LABEL_IN_BRACKETS, ' ').replace(LEADING_LABEL, '');
  for (let before = ''; before !== s;) { before = s; s = s.replace(TRAILING_WORDS, ''); }
  return s.trim();
}

/** Splits "98290 11111/0141 2701234" (two full numbers) but not "030/1234567" (area code and number). */
function splitSlash(part: string): string[] {
  const at = part.indexOf('/');
  if (at < 0) return [part];
  const [left, right] = [part.slice(0, at), part.slice(at + 1)];
  return digits(left) >= 7 && digits(right) >= 7 ? [left, ...splitSlash(right)] : [part];
}

export function readPhoneCell(cell: string): PhoneCell {
  const raw = cell.trim();
  if (raw === '' || isPlaceholder(raw)) return { numbers: [], extension: null };
  let extension: string | null = null;
  const numbers: string[] = [];
  for (const piece of raw.replace(COMMA_BEFORE_EXTENSION, ' ').split(LIST_SEPARATOR)) {
    for (const part of splitSlash(piece)) {
      let s = cleanNumber(part);
      const ext = numbers.length === 0 ? EXTENSION.exec(s) : null;
      if (ext && digits(s.slice(0, ext.index)) >= 6) {
        extension = ext[1] as string;
        s = s.slice(0, ext.index).trim();
      }
      if (s !== '' && !isPlaceholder(s)) numbers.push(s);
    }
  }
  return { numbers, extension };
}
