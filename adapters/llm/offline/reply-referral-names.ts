/**
 * The name a "wrong person" reply points to, without honorifics ("Mr. Rajesh Kumar" → "Rajesh
 * Kumar", "Priya ma'am" → "Priya", "Sharma ji" → "Sharma", "अमित जी" → "अमित"), in English, Hinglish
 * and Hindi. Two tiers: what the reply points to ("contact Y", "the owner is Y", "Y se baat karein")
 * beats whose number or inbox this was ("this is Dr. Kapoor's old number").
 */
import { ci, HON_AFTER, HON_BEFORE, devanagariRoles, isFiller, isHonorific, isNegation, isPostposition, NOT_A_NAME, phrases, roles } from './reply-referral-words.ts';

export interface FoundName {
  name: string;
  index: number;
  end: number;
}

/** Word lengths are bounded (no name is longer), so a 20,000-letter "word" cannot make matching quadratic. */
const CAP = "\\p{Lu}(?:[\\p{Ll}\\p{Lu}'-]{1,30}|\\.)";
/** A capitalised name of up to three words, or one or two words of any case that an honorific follows ("sharma ji"). */
const NAME = `(?<![\\p{L}\\p{M}])((?:${HON_BEFORE})?(?:${NOT_A_NAME}${CAP}(?:[ \\t]+${CAP}){0,2}|\\p{L}{1,30}(?:[ \\t]+\\p{L}{1,30})?(?=[ \\t]+${HON_AFTER})))(?:[ \\t]+${HON_AFTER})?`;
/** Up to three words of any script and case before a Hindi/Hinglish verb or postposition ("Vikram se", "हरीश चंद्र जोशी लेते"). */
const WORDS = `((?:${HON_BEFORE})?(?:[\\p{L}\\p{M}'-]{1,30}[ \\t]+){0,2}[\\p{L}\\p{M}'-]{1,30})(?:[ \\t]+${HON_AFTER})?`;
const b = '(?<![\\p{L}\\p{M}])';
/** Not said of oneself: "main reception dekhti hu" is the replier. */
const NOT_FIRST_PERSON = '(?![ \\t]+(?:hu|hoon|hun|hoo|हूं|हूँ|हू)(?![\\p{L}\\p{M}]))';

const ROLE_WORDS = `(?:${phrases(roles)}|${phrases(devanagariRoles)})`;
/** Family who run the business: "humari beti dekhti hai, Ritu", "मेरा बेटा देखता है, अमित". */
const RELATIONS = `(?:${phrases(['beti', 'beta', 'bhai', 'bhaiya', 'bade bhaiya', 'didi', 'behen', 'bahu', 'damad', 'papa', 'pati', 'patni', 'son', 'daughter', 'wife', 'husband', 'brother', 'sister', 'बेटा', 'बेटी', 'भाई', 'भैया', 'दीदी', 'बहन', 'पति', 'पत्नी', 'पापा', 'बहू', 'दामाद', 'भतीजा', 'भांजा'])})`;
const EMAIL_ADDRESS = '[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){0,8}\\.[A-Za-z]{2,24}';
const PHONE = '(?:\\+?\\d[\\dx \\t-]{6,}\\d|\\d{2,}x{2,})';
/** One or two words, for "<role> <name> hai". */
const SHORT_WORDS = `((?:${HON_BEFORE})?(?:[\\p{L}\\p{M}'-]{1,30}[ \\t]+)?[\\p{L}\\p{M}'-]{1,30})(?:[ \\t]+${HON_AFTER})?`;
/** "Raj Tailors ka number nahi hai": not theirs. */
const NOT_DENIED = '(?![ \\t]+(?:nahi|nahin|नहीं|hai nahi)(?![\\p{L}\\p{M}]))';
/** "our marketing head", "his PA", "our GM Operations," (words after the role only before a comma). */
const ROLE = `(?:${phrases(['our', 'my', 'the', 'his', 'her', 'their', 'a', 'hamare', 'humare', 'hamari', 'हमारे', 'हमारी', 'हमारा'])})[ \\t]+(?:[\\p{L}&/-]+[ \\t]+){0,3}?${ROLE_WORDS}(?![\\p{L}\\p{M}])(?:[ \\t]+${ci('of')}[ \\t]+\\p{L}+)?(?:(?:[ \\t]+\\p{L}[\\p{L}&/-]*){1,2}(?=[ \\t]*[,(:–—-]))?`;

const verbs = [
  'contact', 'reach out to', 'reach', 'speak to', 'speak with', 'speaking to', 'speaking with', 'talk to', 'talk with', 'talking to', 'talking with', 'write to', 'writing to', 'deal with', 'dealing with', 'email', 'e-mail', 'mail', 'get in touch with', 'connect with', 'ask for', 'ask', 'call', 'ring',
  'whatsapp', 'message', 'ping', 'approach', 'meet', 'copying', 'copying in', 'copied', "cc'ing", 'ccing', "cc'd", 'cc', 'looping in', 'looped in', 'loop in', 'adding', 'want', 'need', 'looking for', 'refer you to', 'referring you to',
  '(forwarded|forwarding|forward|passed|passing|pass|sent|send|resend|address|addressed|direct|directed|redirect|redirected) (on )?to',
  '(forwarded|forwarding|forward|passed|passing|pass|sent|send|resend|address|addressed|direct|directed|redirect|redirected) (it|this|that|them|all correspondence|all queries|your (proposal|details|e-?mail|mail|message|query|request|note)|the details) (on )?to',
  'try', 'try reaching', 'check with', 'chat with', 'coordinate with', 'liaise with', 'get hold of', 'leave a note for', 'let', 'tell', 'inform',
  'drop a (mail|line|note|message) to', 'send a (mail|message|note) to', 'mail to', 'e-?mail to', 'write an e-?mail to', 'best to contact', 'better to contact', 'attention', 'attn', 'share (it|this|the details) with',
  'correspond with', 'be in touch with', 'get back to', 'made by', 'decided by', 'taken by', 'approved by', 'signed off by',
  'handled by', 'managed by', 'taken care of by', 'looked after by', 'taken over by', 'replaced by', 'run by', 'owned by', 'now owned by', 'bought by', 'sold to', 'reassigned to', 'transferred to',
  "(you're|you are|you were) (probably |actually |really )?(after|looking for|thinking of)",
  'successor is', 'successor', 'point of contact is', 'poc is', 'contact person is', 'concerned person is', 'in charge is', 'incharge is',
];
const handles = [
  'handles', 'manages', 'looks after', 'is responsible', 'is the right person', 'is the correct person', 'is the person', 'is in charge', 'takes care', 'will help', 'can help', 'will assist', 'can assist', 'deals with', 'decides',
  'is who you (want|need)', 'would be (the right|better|able)', 'has taken over', 'took over', 'takes over', 'is now handling', 'is handling', 'is taking over', 'will be taking over', 'will take over', 'has replaced', 'replaced me', 'is the new', 'now handles', 'now manages', 'should be able',
  'takes (these|such|all|the) decisions', 'makes (these|such|all|the) decisions', 'is the one', 'is your (person|contact|guy|best bet)', 'will get back', 'will contact', 'will reach out', 'will be in touch', 'will call you', 'will guide', 'runs',
];
const postpositionVerbs = [
  'baat', 'sampark', 'contact', 'mail', 'email', 'e-mail', 'call', 'phone', 'message', 'msg', 'whatsapp', 'bolo', 'boliye', 'bol', 'puchho', 'poochho', 'puchiye', 'poochiye', 'pucho', 'milo', 'miliye', 'mil', 'likho', 'likhiye',
  'likhein', 'likh', 'bhejo', 'bhejiye', 'bhej', 'forward', 'cc', 'संपर्क', 'बात', 'ईमेल', 'मेल', 'फोन', 'कॉल', 'मिल', 'लिख', 'भेज', 'पूछ', 'जोड', 'फॉरवर्ड', 'अग्रेषित', 'सीसी', 'cc',
];
const seeVerbs = [
  'dekhte', 'dekhti', 'dekhta', 'dekhenge', 'dekh lenge', 'dekh raha', 'dekh rahi', 'dekh rahe', 'handle karte', 'handle karti', 'handle karta', 'sambhalte', 'sambhalti', 'sambhalta', 'chalate', 'chalati', 'chalata', 'lete', 'leti', 'leta',
  'decide karte', 'decide karti', 'decide karta', 'decide karenge', 'decide karengi', 'decide karega', 'decide karegi', 'decide kar sakte', 'faisla lete', 'faisla leti', 'bataenge', 'batayenge', 'bata payenge', 'batayega', 'batayegi',
  'देखते', 'देखती', 'देखता', 'देखेंगे', 'देख रही', 'देख रहे', 'देख रहा', 'संभालते', 'संभालती', 'संभालता', 'चलाते', 'चलाती', 'चलाता', 'लेते', 'लेती', 'लेता',
  'फैसला लेते', 'फैसला लेती', 'तय करते', 'तय करती', 'बताएंगे', 'बताएँगे', 'बता पाएंगे', 'बताएगा', 'बताएगी',
];

/** What the reply points to, first tier; each pattern's first group is the name. */
const pointers = [
  `(?<![\\p{L}])(?<![Ff]or[ \\t])(?:${phrases(verbs)})(?:[ \\t]*:\\s*|[ \\t]+(?:\\p{Ll}+[ \\t]*:[ \\t]*)?)(?:(?:${phrases(['him', 'her', 'them'])})(?:[ \\t]+${ci('directly')})?[ \\t]*,?[ \\t]*)?(?:${ROLE}[ \\t]*[,:(-]?[ \\t]*)?${NAME}`,
  `(?<![\\p{L}])${ROLE}(?:[ \\t]+(?:${phrases(['is', 'would be', 'will be', 'is called', 'named'])}))?[ \\t]*[,:(-]?[ \\t]*${NAME}`,
  `${NAME}(?:[ \\t]*\\([^)\\n]{1,80}\\))?(?:[ \\t]*,[ \\t]*${ROLE}[ \\t]*,)?[ \\t]+(?:${phrases(handles)}|${ci('is')}[ \\t]+(?:${phrases(['the', 'our'])})[ \\t]+${ROLE_WORDS})`,
  `(?<![\\p{L}])${ci('the')}[ \\t]+(?:${phrases(['right', 'correct', 'best', 'appropriate', 'concerned'])})[ \\t]+(?:${phrases(['person', 'contact', 'one', 'people'])})(?:[ \\t]+\\p{L}+){0,4}?[ \\t]+(?:${phrases(['is', 'would be', 'will be', 'are'])})[ \\t]*:?[ \\t]*(?:${ROLE}[ \\t]*,?[ \\t]*)?${NAME}`,
  // "Owner is Mr. Bhatia", "Marketing is Sneha", "Her name is Neelam", "The person handling marketing now is Ms. Pooja Nair".
  `(?<![\\p{L}])(?:${ROLE_WORDS}|${phrases(['marketing', 'sales', 'social media', 'accounts', 'digital', 'advertising', 'purchase', 'decision maker', 'decision-maker', 'replacement', 'successor', 'contact', 'point of contact', '(the )?(one|person|guy|lady) you (want|need|are looking for|are after)', "(his|her|their|the owner's|owner's|the boss's|boss's) name"])}|(?:${phrases(['person', 'one'])})[ \\t]+(?:${phrases(['handling', 'managing', 'running', 'looking after'])})[ \\t]+\\p{L}+)(?:[ \\t]+${ci('now')})?(?:[ \\t]+${ci('is')}(?:[ \\t]+${ci('all')})?[ \\t]+|[ \\t]*:[ \\t]*)${NAME}`,
  // "…drmehra.skincare@gmail.com, Dr. Anil Mehra": a name right after an address.
  `${EMAIL_ADDRESS}[ \\t]*(?:,|\\(|-)[ \\t]*${NAME}`,
  // "humari beti dekhti hai, Ritu".
  `${b}${RELATIONS}[ \\t]+(?:${phrases(seeVerbs)})(?:[ \\t]+(?:hai|hain|है|हैं))?[ \\t]*,[ \\t]*${SHORT_WORDS}(?=[ \\t]*(?:[.,।!\\n]|$))`,
  // "It's Priyanka you want".
  `(?<![\\p{L}])${ci("it's")}[ \\t]+${NAME}[ \\t]+(?:${phrases(['you want', 'you need', 'you should', 'who', 'that'])})(?![\\p{L}])`,
  // Lower case after a contact verb, on WhatsApp: "pls contact ramesh 98290…", "talk to anita".
  `(?<![\\p{L}])(?:${phrases(['contact', 'talk to', 'speak to', 'speak with', 'ask', 'ask for', 'call', 'message', 'whatsapp', 'ping', 'reach', 'try', 'write to'])})[ \\t]+(\\p{Ll}{3,30})(?=[ \\t]*(?:[,.!?\\n]|$)|[ \\t]+(?:\\+?\\d|at|on|pe|par|@)(?![\\p{L}]))`,
  // "…chacha ki hai, Naresh ji. unse baat karo": an honorific marks the name, "unse" points to it.
  `${NAME}[.,]?[ \\t]+(?:unse|unko|unhe|usse|usko|inse|उनसे|उनको|उन्हें)[ \\t]+(?:[^\\s.!?।]+[ \\t]+){0,2}?(?:${phrases(postpositionVerbs)})`,
  // "Adding @Rohan here": a chat mention (not an address).
  `(?<![A-Za-z0-9._%+-])@(\\p{Lu}[\\p{L}'-]{1,30}(?:[ \\t]+\\p{Lu}[\\p{L}'-]{1,30})?)`,
  // "unka naam Ramesh Gupta", "Her name: Neelam".
  `(?<![\\p{L}])(?:naam|नाम)(?:[ \\t]+(?:hai|है))?[ \\t]*:?[ \\t]+${NAME}`,
  // "Sunny naam hai unka".
  `${b}${SHORT_WORDS}[ \\t]+(?:naam|नाम)[ \\t]+(?:hai|है)(?![\\p{L}\\p{M}])`,
  // Hinglish and Hindi: "naya manager Rajiv hai", "owner Sharma uncle hai", "जिम के मालिक अमित भाई हैं".
  `${b}(?:${ROLE_WORDS}|naam|नाम)[ \\t]+${SHORT_WORDS}[ \\t]+(?:hai|hain|he|hein|है|हैं)(?![\\p{L}\\p{M}])`,
  // "Vikram se baat kijiye", "Rahul Menon (rahul@…) ko likhein", "श्री आशीष दुबे को ashish@… पर लिखें", "स्नेहा कुलकर्णी के पास है".
  `${b}${WORDS}(?:[ \\t]*\\([^)\\n]{1,80}\\))?[ \\t]+(?:(?:se|ko|ke saath|ke sath|से|को)[ \\t]+(?:(?:${EMAIL_ADDRESS}|[^\\s.!?।]+)[ \\t]+){0,3}?(?:${phrases(postpositionVerbs)})|(?:ke paas|ke pass|के पास)[ \\t]+(?:hai|है))`,
  `${b}${WORDS}(?:[ \\t]+(?:hi|bhi|ही|भी))?[ \\t]+(?:${phrases(seeVerbs)})(?![\\p{L}\\p{M}])${NOT_FIRST_PERSON}`,
];

/** Whose number or inbox it was: used only when nothing is pointed to. */
const owners = [
  `${NAME}'s[ \\t]+(?:(?:${phrases(['old', 'personal', 'previous', 'former', 'work'])})[ \\t]+)?(?:${phrases(['number', 'no', 'cell', 'mobile', 'phone', 'email', 'mail', 'inbox', 'account'])})`,
  `${b}${WORDS}[ \\t]+(?:ka|ki|ke|का|की|के)[ \\t]+(?:${phrases(['number', 'no', 'nmbr', 'email', 'mail', 'id', 'decision', 'hota', 'hoti', 'नंबर', 'ईमेल'])})(?![\\p{L}\\p{M}])${NOT_DENIED}`,
  `${b}${WORDS}[ \\t]+(?:ne|ने)[ \\t]+(?:(?:apna|naya|अपना)[ \\t]+)?(?:${phrases(['number', 'no', 'नंबर'])})[ \\t]+(?:${phrases(['change', 'badal', 'बदल'])})`,
  `(?<![\\p{L}])(?:${phrases(['driver', 'assistant', 'staff', 'pa', 'secretary', 'employee', 'helper', 'peon', 'cook'])})[ \\t]+${ci('of')}[ \\t]+${NAME}`,
  // "Gupta ji, 98180 66214": a name with a number.
  `${NAME}[ \\t]*[,:-]?[ \\t]*${PHONE}`,
];
/** A name whose number or inbox it was counts only when the reply gives a way to reach them ("… New number 98765 01234"). */
const CONTACT_AFTER = new RegExp(`${PHONE}|${EMAIL_ADDRESS}`, 'u');
const tiers = [pointers, owners].map((sources) => sources.map((source) => new RegExp(source, 'gu')));

/** The name without honorifics and role words; null when nothing name-like is left or the words deny it ("Dr. Pooja nahi"). */
export function cleanName(raw: string, markedByHonorific = false): string | null {
  const words = raw.trim().split(/[ \t]+/);
  // "bhaiya Mumbai se dekhte hai": from Mumbai, not a person.
  if (words.some(isNegation) || isPostposition(words.at(-1) ?? '')) return null;
  // "humari beti dekhti hai": a role or relation in lower case or Devanagari is who is meant, and it names no one.
  const last = words.at(-1) ?? '';
  if (isFiller(last) && !isHonorific(last) && !/^\p{Lu}/u.test(last)) return null;
  while (words.length && isFiller(words.at(-1) ?? '')) words.pop();
  // Latin words before "se" or "dekhta" are one name only when each is capitalised ("Rajesh Kumar se", not "isliye manoj se").
  const capitalised = (word: string) => /^\p{Lu}/u.test(word);
  // With an honorific after them, lower-case words are one name ("rajesh kumar ji") unless some are capitalised ("ka decision Kapoor sir").
  const notOneName = () => words.length > 1 && /\p{Script=Latin}/u.test(words.join('')) && !words.every(capitalised) && (!markedByHonorific || words.some(capitalised));
  while (words.length && (isFiller(words[0] ?? '') || notOneName())) words.shift();
  if (!words.length || words.some(isFiller)) return null;
  // Initials keep their dot ("S. Raghunathan", "Harini S."); other trailing punctuation goes.
  const name = words.map((word) => (/^\p{Lu}\.$/u.test(word) ? word : word.replace(/[.,:]+$/, ''))).join(' ');
  return name.length >= 2 && /\p{L}/u.test(name) ? name.slice(0, 200) : null;
}

const honorificNext = new RegExp(`^[ \\t]+${HON_AFTER}`, 'u');

/** The earliest name in the first tier that has one, or null. `original` is NFC (nukta as a separate mark). */
export function findReferralName(original: string): FoundName | null {
  // Curly apostrophes read as straight ones; the same length, so positions still fit the original.
  const text = original.replace(/’/g, "'");
  for (const [tier, patterns] of tiers.entries()) {
    let best: FoundName | null = null;
    for (const pattern of patterns) {
      pattern.lastIndex = 0;
      // Matches may overlap: "hoon. Aap Neha madam ko mail" fails as a whole, "Neha madam ko mail" does not.
      for (let match = pattern.exec(text); match; pattern.lastIndex = match.index + 1, match = pattern.exec(text)) {
        const raw = match[1];
        if (!raw) continue;
        const index = match.index + match[0].indexOf(raw);
        if (best && index >= best.index) break;
        if (tier > 0 && !CONTACT_AFTER.test(text.slice(index))) continue;
        const name = cleanName(raw, honorificNext.test(match[0].slice(match[0].indexOf(raw) + raw.length)));
        if (name) {
          best = { name, index, end: index + raw.length };
          break;
        }
      }
    }
    if (best) return best;
  }
  return null;
}
