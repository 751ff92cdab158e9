/** Who a "wrong person" reply points to: a name and/or an email address, read from the original (not lower-cased) text. */

export interface Referral {
  name: string | null;
  email: string | null;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** One to three capitalised words, optionally after a title: "Priya Nair", "Mr. Gupta". */
const NAME = "((?:(?:Mr|Mrs|Ms|Dr|Shri|Smt)\\.?\\s+)?\\p{Lu}[\\p{L}'-]+(?:\\s+\\p{Lu}[\\p{L}'-]+){0,2})";
/** Latin phrases are matched case-insensitively by spelling their first letter both ways. */
const either = (word: string) => `[${word.charAt(0).toUpperCase()}${word.charAt(0)}]${word.slice(1)}`;

const latinPatterns = [
  `(?:${['colleague', 'manager', 'boss', 'partner', 'owner', 'director', 'founder', 'teammate', 'assistant', 'head'].map(either).join('|')})(?:\\s+of\\s+\\p{L}+)?[,:]?\\s+${NAME}`,
  `(?:${['contact', 'reach out to', 'speak to', 'speak with', 'talk to', 'write to', 'email', 'e-mail', 'connect with', 'forwarded it to', 'forwarded your email to', 'forwarded your message to'].map(either).join('|')})\\s+${NAME}`,
  `${NAME}\\s+(?:handles|manages|looks after|is responsible|is the right person|is in charge|takes care|will help|can help)`,
  `[Tt]he (?:right|correct|best) (?:person|contact) (?:is|would be)\\s+${NAME}`,
  `${NAME}\\s+(?:ji\\s+)?(?:se|ko)\\s+(?:baat|sampark|contact|email|mail|call|phone)`,
  `${NAME}\\s+(?:ji\\s+)?(?:dekhta|dekhti|dekhte|handle kar)`,
].map((source) => new RegExp(source, 'u'));

/** Hindi has no capitals: take the one or two words before "(जी) से संपर्क/बात". */
const hindiPattern = /((?:[\p{L}\p{M}]+\s+)?[\p{L}\p{M}]+)\s+(?:जी\s+)?से\s+(?:संपर्क|बात)/u;

/** Capitalised words that start sentences rather than name people. */
const notNames = new Set(
  'please thanks thank hi hello dear regards sorry the our my your his her him them me us i we he she they this that it ji sir madam team marketing sales kindly also so and or but mr mrs ms dr'.split(' '),
);
const hindiNotNames = new Set(['कृपया', 'आप', 'हम', 'उन', 'इन', 'वो', 'वह', 'यह', 'ये', 'इस', 'उस', 'मुझ', 'हमारे', 'हमारी', 'मेरे', 'मेरी', 'अपने', 'सहकर्मी', 'मैनेजर', 'साथी', 'लिए', 'के', 'की', 'को']);

function cleanName(raw: string | undefined, stopWords: Set<string>): string | null {
  const words = (raw ?? '').trim().split(/\s+/);
  while (words.length && stopWords.has((words[0] ?? '').toLowerCase().replace(/\.$/, ''))) words.shift();
  const name = words.join(' ').trim();
  return name.length >= 2 ? name.slice(0, 200) : null;
}

/** Finds the referral; `ownEmail` (the lead's address, often in the signature) is never the referral. */
export function findReferral(text: string, ownEmail: string | null): Referral | null {
  const own = ownEmail?.trim().toLowerCase();
  const email = (text.match(EMAIL) ?? []).find((address) => address.toLowerCase() !== own)?.slice(0, 254) ?? null;
  let name: string | null = null;
  for (const pattern of latinPatterns) {
    name = cleanName(pattern.exec(text)?.[1], notNames);
    if (name) break;
  }
  name ??= cleanName(hindiPattern.exec(text)?.[1], hindiNotNames);
  return name || email ? { name, email } : null;
}
