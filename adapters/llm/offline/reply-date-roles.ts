/**
 * What a date in an absence notice says, from the words around it: the day back ("back on 16
 * March", "18 ko khulega", "2 Jan se OPD shuru"), a day away ("till Friday", "9-13 March", "20 tak",
 * "on 26th January"), or the first day away ("from Monday", "25 Dec se"), which says nothing about the
 * return. Works on normalised text in which every date is blanked out (\u0001), so one date's digits
 * are never another's context.
 */
import type { DateMention } from './reply-date-mentions.ts';

export type Role = 'return' | 'away' | 'start';

const ABSENCE =
  'leave|away|out|closed|close|shut|off|holiday|holidays|vacation|travelling|traveling|going|chutti|chhutti|band|बंद|बन्द|छुट्टी|अवकाश|बाहर|bahar|until|till|tak|तक|ja rahe|ja raha|ja rahi|jaa rahe|जा रहे|जा रहा|जा रही';
/** Up to five words between a return word and its date ("back in the office on"), none of them an absence word, clock times allowed. */
const GAP = `(?:(?:(?!(?:${ABSENCE})(?![\\p{L}]))[\\p{L}\\p{M}'-]+|\\d{1,2}(?:[:.]\\d\\d)?\\s*(?:am|pm))[\\s:,–—-]+){0,5}`;
const RETURN_WORDS =
  'back|return|returns|returning|resume|resumes|resuming|re-?open|re-?opens|re-?opening|reopened|open|opens|opening|available|availability|reachable|respond|responding|response|reply|replies|replying|revert|reverting|' +
  'get back|getting back|join|joining|rejoin|rejoining|be in|in the office|in office|at work|at my desk|call you|call back|talk|speak|meet|see you|connect|help|assist|restart|restarts|start again|starts again|' +
  'look at|look into|attend|answer|check|pick up|catch up|in touch|contact you|write back|operational|business as usual|regular hours|normal hours|usual hours|business hours|normal service|normal timings|wapas|vapas|waapas|वापस|लौट\\p{L}*|khul\\p{L}*|खुल\\p{M}*\\p{L}*';
/** A return word shortly before the date ("will be back in the office on"); "auto-reply:" is no return word. */
const returnBefore = new RegExp(`(?<![\\p{L}-])(?:${RETURN_WORDS})[\\s:,–—-]+${GAP}$`, 'u');
/** "Not available from 9 March" is the first day away, not the day back. */
const negatedPresence = new RegExp(`(?:(?<![\\p{L}])(?:not|no)|n't)\\s+(?:be\\s+)?(?:available|reachable|in the office|in office|at work|at my desk|open)\\s+${GAP}$`, 'u');
/** "Won't be back until Monday", "not in the office till the 5th": the day named is the day back. */
const negatedUntil =
  /(?:(?<![\p{L}])(?:not|never|nahi|nahin)|n't)\s+(?:be\s+)?(?:back|in|returning|return|available|reachable|around|checking|responding|replying|able to|in the office|in office|at my desk)(?![\p{L}])[^.!?\n\u0001]*(?<![\p{L}])(?:until|till|til|before)\s+(?:the\s+)?$/u;
/** Hindi and Hinglish put the verb after the date: "15 ko wapas aaunga", "kal subah 10 baje se milenge", "parson aao". */
const returnAfter = new RegExp(
  '^[\\s(]*(?:(?:ko|को|se|से)\\s+(?:[\\p{L}\\p{M}]+\\s+){0,2}?)?(?:(?:ko|को|se|से|tak|तक|tk|subah|sham|shaam|dopahar|सुबह|शाम|दोपहर|morning|main|mai|hum|ham|मैं|हम|office|ऑफिस|दफ्तर|कार्यालय|dukaan|दुकान|shop|clinic|क्लिनिक|phir|fir|फिर|dobara|दोबारा|\\d{1,2}(?:[:.]\\d\\d)?\\s*(?:baje|बजे|am|pm)?)\\s+){0,4}' +
    "(?:wapas|vapas|waapas|वापस|लौट|laut|lout|lot(?:unga|ungi|enge)|khul|खुल|join|aaunga|aaungi|aunga|aungi|aayenge|aaenge|aa jaunga|aa jaungi|aa jayenge|aa jaenge|aa jayega|आऊंगा|आऊंगी|आएंगे|आ जाऊंगा|आ जाऊंगी|आ जाएंगे|आ जाएगा|" +
    "milunga|milungi|milenge|मिलूंगा|मिलूंगी|मिलेंगे|available|उपलब्ध|baat|बात|call|कॉल|phone|फोन|reply|jawab|जवाब|aao|aana|aaiye|aaiyega|aayiye|आइए|आना|आओ|आइएगा|milo|miliye|मिलिए|shuru|शुरू|chalu|चालू|" +
    "i'?m back|i am back|i will be back|we'?re back|we are back|back)" +
    '(?![\\p{L}\\p{M}]*\\s+(?:[\\p{L}\\p{M}]+\\s+)?(?:band|बंद|closed|nahi|नहीं|chutti|छुट्टी))',
  'u',
);
/** "X se/से" starts something: the absence ("Monday se chutti", "25 Dec se 1 Jan tak") or the return ("2 Jan se OPD shuru", "02.01.2027 से ईमेल देखूंगा"). */
const fromAfter = /^\s*(?:(?:subah|sham|shaam|सुबह|शाम|\d{1,2}(?:[:.]\d\d)?\s*(?:baje|बजे|am|pm)?)\s+){0,3}(?:se|से)(?![\p{L}\p{M}])(.*)$/u;
const absenceAfterFrom = new RegExp(`(?<![\\p{L}\\p{M}])(?:${ABSENCE}|nahi|नहीं|\u0001)(?![\\p{L}\\p{M}])|\u0001`, 'u');
const presenceAfterFrom =
  /(?<![\p{L}\p{M}])(?:khul|खुल|shuru|शुरू|chalu|चालू|available|उपलब्ध|aaunga|aaungi|aayenge|aaenge|aa ja|आऊंगा|आऊंगी|आएंगे|आ जा|milenge|milunga|milungi|मिलेंगे|मिलूंगा|मिलूंगी|office|ऑफिस|dukaan|दुकान|shop|clinic|opd|order|ऑर्डर|kaam|काम|reply|jawab|जवाब|dekh|देख|baat|बात|call|कॉल|join|normal|regular|wapas|वापस|लौट|classes|कक्षा|सेवा|service|delivery|डिलीवरी|booking|बुकिंग|लिए जाएंगे|liye jayenge)/u;
/** "After 15 March", "15 tarikh ke baad": the named day is the last day away. */
const afterBefore = /(?<![\p{L}])(?:after|post|beyond)\s+(?:the\s+)?$/u;
const afterAfter = /^\s*(?:ke baad|ke bad|के बाद|baad|बाद)(?![\p{L}\p{M}])/u;
/** "Until", "till", "to", "9-13", "between 9 and 13", "20 tak": the named day ends the absence. */
const endBefore =
  /(?:(?<![\p{L}])(?:until|untill|till|til|upto|up to|up until|through|thru|to|and including|including|ending|ends|ending on|last day(?: away| of (?:my |the )?leave| off)?(?: is| will be)?(?: on)?)|[-–—~]|(?<![\p{L}])between\s+\S+\s+and)\s*(?:the\s+)?$/u;
const endAfter = /^\s*(?:tak|tk|तक)(?![\p{L}\p{M}])/u;
/** "From", "starting", "14 to ...": the first day away. */
const startBefore = /(?<![\p{L}])(?:from|starting|start|starts|beginning|since|w\.?e\.?f\.?|between)\s+(?:on\s+|from\s+)?(?:the\s+)?$/u;
const startAfter = /^\s*(?:to|till|until|-|–|—)\s*(?:the\s+)?\u0001/u;

/** The role of `mention` in `text` (normalised, dates blanked out). */
export function roleOf(mention: DateMention, text: string): Role {
  if (mention.endsRange) return 'away';
  const clauseStart = Math.max(text.lastIndexOf('\n', mention.index - 1), ...['.', '!', '?', ';', '।'].map((mark) => text.lastIndexOf(`${mark} `, mention.index - 1)));
  const before = text.slice(Math.max(0, clauseStart + 1, mention.index - 80), mention.index);
  const after = text.slice(mention.end, mention.end + 60).split(/[.!?;\n।]/)[0] ?? '';
  if (afterBefore.test(before) || afterAfter.test(after)) return 'away';
  if (negatedUntil.test(before) || (returnBefore.test(before) && !negatedPresence.test(before)) || returnAfter.test(after)) return 'return';
  if (endBefore.test(before) || endAfter.test(after)) return mention.untilMeansReturn ? 'return' : 'away';
  const from = fromAfter.exec(after);
  if (from) return !absenceAfterFrom.test(from[1] ?? '') && presenceAfterFrom.test(from[1] ?? '') ? 'return' : 'start';
  if (startBefore.test(before) || startAfter.test(after)) return 'start';
  return 'away';
}
