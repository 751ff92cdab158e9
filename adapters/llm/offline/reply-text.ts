/** Preparing a reply for the rule-based classifier: drop quoted history, normalise, detect the language. */

export type ReplyLanguage = 'en' | 'hi' | 'hinglish';

/** A line that starts the quoted previous message (everything from it on is not the lead's new text). */
function startsQuote(line: string, next: string | undefined, afterNext: string | undefined): boolean {
  const trimmed = line.trim();
  if (/^-{2,}\s*(original message|forwarded message)\s*-{2,}$/i.test(trimmed)) return true;
  if (/^_{8,}$/.test(trimmed)) return true; // Outlook's separator line
  if (/^on\b.*\bwrote:?$/i.test(trimmed) || /ने लिखा:?$/.test(trimmed)) return true; // Gmail, also in Hindi
  if (/^on\b/i.test(trimmed) && /wrote:?\s*$/i.test(next ?? '')) return true; // the same header wrapped over two lines
  // Outlook's "From: … / Sent: … / To: … / Subject: …" block.
  return /^from:\s/i.test(trimmed) && /^(sent|date|to|subject):\s/i.test(`${next ?? ''}\n${afterNext ?? ''}`.trim());
}

/** Keeps the lead's own words: stops at the quoted message or the signature, skips ">" lines. */
export function stripQuotedReply(body: string): string {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (const [index, line] of lines.entries()) {
    if (startsQuote(line, lines[index + 1], lines[index + 2])) break;
    if (line === '-- ' || line.trim() === '--') break; // the standard signature delimiter
    if (line.trim().startsWith('>')) continue;
    kept.push(line);
  }
  return kept.join('\n').trim();
}

const devanagariDigits = /[०-९]/g;

/**
 * One spelling for matching: lower case, straight quotes, ASCII digits, and Devanagari without the
 * nukta (ज़ = ज) and with anusvara for chandrabindu (हूँ = हूं), since people type both.
 */
export function normalizeForMatching(text: string): string {
  return text
    .normalize('NFC')
    .normalize('NFD')
    .replace(/\u093C/g, '')
    .normalize('NFC')
    .replace(/\u0901/g, '\u0902')
    .replace(devanagariDigits, (digit) => String(digit.charCodeAt(0) - 0x0966))
    .replace(/[‘’`´]/g, "'")
    .replace(/[“”]/g, '"')
    .toLowerCase()
    .replace(/[ \t]+/g, ' ');
}

/** Romanised Hindi words that rarely occur in English: one is enough to call a Latin reply Hinglish. */
const strongHinglish = new Set(
  ('nahi nahin nai haan haanji hanji kya kaise kyun kyon kab kahan kaun mujhe hume humein hamein hamen aap aapka aapki aapke hoon hun ' +
    'chahiye chaiye chahie bhejo bhejiye bhejna karo karein kijiye kijie karna karte karenge karunga karungi bilkul zarurat jarurat zaroorat ' +
    'tarikh tareekh chutti chhutti galat dekhta dekhti kitna kitne kitni abhi baad accha acha theek thik bhai hain hai raha rahe rahi ' +
    'sasta mehenga mehnga lekin yeh woh unse inse mera meri mere hamara hamari dijiye batao bataiye bataye sakte sakta hoga hogi wala wale ' +
    'wali baat batana jankari jaankari shukriya dhanyavad dhanyawad zaroor jaroor chalega rehne rahne pehle bahar').split(' '),
);
/** Short romanised words that collide with English or names: they count only in numbers. */
const weakHinglish = new Set('main mai ka ki ke ko se ye vo ji kal na par aur mat tak'.split(' '));

export function detectLanguage(text: string): ReplyLanguage {
  const devanagari = text.match(/\p{Script=Devanagari}/gu)?.length ?? 0;
  const latin = text.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (devanagari > 0 && devanagari / (devanagari + latin) >= 0.3) return 'hi';
  const words = normalizeForMatching(text).match(/\p{L}+/gu) ?? [];
  const score = words.reduce((sum, word) => sum + (strongHinglish.has(word) ? 2 : weakHinglish.has(word) ? 1 : 0), 0);
  return score >= 2 ? 'hinglish' : 'en';
}
