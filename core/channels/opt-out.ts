/**
 * Opt-out and opt-in keywords of text channels (SMS, WhatsApp). As carriers and Twilio read them, a
 * keyword counts only as the whole message (trimmed, any case, punctuation and a polite word or two
 * around it): "STOP" opts out, "stop by our office" does not. Hindi (Devanagari) and Hinglish
 * equivalents count the same. START and UNSTOP lift an opt-out (Twilio's convention).
 */
export type KeywordIntent = 'opt_out' | 'opt_in';

const OPT_OUT = [
  'stop', 'stopall', 'stop all', 'unsubscribe', 'end', 'quit', 'cancel', 'optout', 'opt out', 'revoke',
  // Hinglish
  'band karo', 'band kro', 'band kar do', 'band kardo', 'band kar dijiye', 'band karein', 'band kare', 'band kijiye',
  'bandh karo', 'bandh kar do', 'bnd karo', 'mat bhejo', 'mat bhejna', 'mat bhejiye', 'mat bhejo na', 'bhejna band karo',
  // Hindi
  'बंद करो', 'बंद कर दो', 'बंद करें', 'बंद कीजिए', 'बंद कीजिये', 'बन्द करो', 'मत भेजो', 'मत भेजिए', 'मत भेजिये', 'मत भेजना', 'भेजना बंद करो',
];
/** "… mat karo" ("don't do …") is an opt-out only about messages: "message mat karo", not "mat karo" alone. */
const ABOUT_MESSAGES = ['mat karo', 'mat kro', 'mat kijiye', 'मत करो', 'मत कीजिए'];
const OPT_IN = ['start', 'unstop', 'shuru karo', 'phir se bhejo', 'dobara bhejo', 'शुरू करो', 'फिर से भेजो', 'दोबारा भेजो'];

/** Words that may surround a keyword without changing it. */
const FILLERS = new Set([
  'please', 'pls', 'plz', 'now', 'ab', 'abhi', 'bhai', 'bhaiya', 'ji', 'sir', 'madam', 'kripya', 'yaar', 'ok', 'okay', 'thanks', 'thank', 'you',
  'अब', 'अभी', 'जी', 'कृपया', 'भाई', 'सर',
]);
/** What the message is about: "message band karo", "मुझे मैसेज मत भेजो", "stop messages". */
const MESSAGE_WORDS = new Set([
  'message', 'messages', 'msg', 'msgs', 'sms', 'whatsapp', 'text', 'texts', 'mujhe', 'mujhko', 'humein', 'hume', 'ye', 'yeh', 'ke', 'these', 'me',
  'मैसेज', 'मेसेज', 'संदेश', 'मुझे', 'हमें', 'ये', 'यह',
]);

/** The keyword a whole message stands for, if it stands for one. */
export function keywordOf(text: string): KeywordIntent | null {
  const words = text
    .normalize('NFC')
    .toLowerCase()
    // Letters, digits and the Devanagari vowel signs and virama (\p{M}) stay; the rest separates words.
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((word) => word && !FILLERS.has(word));
  if (!words.length || words.length > 8) return null;
  const core = words.filter((word) => !MESSAGE_WORDS.has(word)).join(' ');
  const aboutMessages = core.length < words.join(' ').length;
  if (OPT_OUT.includes(core) || (aboutMessages && ABOUT_MESSAGES.includes(core))) return 'opt_out';
  if (OPT_IN.includes(core)) return 'opt_in';
  return null;
}
