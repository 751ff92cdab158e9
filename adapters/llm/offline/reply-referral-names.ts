/**
 * The name a "wrong person" reply points to, without honorifics ("Mr. Rajesh Kumar" → "Rajesh
 * Kumar", "Priya ma'am" → "Priya", "Sharma ji" → "Sharma", "अमित जी" → "अमित"). Read from the
 * original text (capitals mark names in English), in English, Hinglish and Hindi.
 */

export interface FoundName {
  name: string;
  index: number;
  end: number;
}

/** Case-insensitive ASCII words without the `i` flag, which would also make \p{Lu} match lower case. */
const ci = (text: string) => text.replace(/[a-z]/g, (char) => `[${char}${char.toUpperCase()}]`);
/** Plain phrases as one alternation; their "(a|b)" groups do not capture, so each pattern's group 1 stays the name. */
const phrases = (list: string[]) => list.map((phrase) => ci(phrase).replace(/ /g, '[ \\t]+').replace(/\((?!\?)/g, '(?:')).join('|');

const honorificsBefore = ['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'shri', 'sri', 'smt', 'kumari', 'adv', 'er', 'capt', 'col'];
const honorificsAfter = ['ji', 'jee', 'sir', 'saab', 'sahab', 'saheb', 'sahib', "ma'am", 'ma’am', 'maam', 'mam', 'madam', 'bhai', 'bhaiya', 'bhaiyya', 'didi', 'garu'];
const devanagariHonorifics = ['जी', 'सर', 'मैडम', 'साहब', 'भाई', 'भैया', 'दीदी', 'श्री', 'श्रीमती', 'सुश्री', 'डॉ', 'डॉक्टर', 'डा'];
const HON_BEFORE = `(?:(?:${phrases(honorificsBefore)}|CA)\\.?[ \\t]+|(?:श्री|श्रीमती|सुश्री|डॉ\\.?|डॉक्टर)[ \\t]+)`;
const HON_AFTER = `(?:${phrases(honorificsAfter)}|जी|सर|मैडम|साहब|भाई|भैया|दीदी)(?![\\p{L}\\p{M}])`;

/** Words that are roles, pronouns or filler, never part of a name. */
const notNameWords = new Set(
  [
    ...honorificsBefore, ...honorificsAfter, ...devanagariHonorifics, 'ca',
    ...'id address number no mobile phone email mail details info information dental clinic hospital studio salon gym restaurant cafe pvt ltd llp solutions services enterprises associates group india'.split(' '),
    ...'our my the his her their your a an this that these those who whom someone somebody anyone him them me us you it i we he she they'.split(' '),
    ...'please kindly thanks thank hi hello dear regards sorry also so and or but instead directly only now for with at on in of to from by team department dept desk office'.split(' '),
    ...'manager owner director partner head founder cofounder co-founder colleague boss assistant secretary marketing sales accounts account accountant admin administrator administration hr operations ops'.split(' '),
    ...'reception receptionist front support purchase purchasing procurement proprietor md ceo coo cfo cto gm agm principal coordinator incharge in-charge executive officer person people concerned senior junior general branch clinic company management business digital social media it'.split(' '),
    ...'nahi nahin nai na mat kaam kam ye yeh wahi vahi yahi'.split(' '),
    ...'galat vyakti insaan insan number wrong right correct'.split(' '),
    ...['गलत', 'व्यक्ति', 'इंसान', 'नंबर', 'ईमेल', 'मेल', 'सही'],
    ...['नहीं', 'न', 'काम', 'यही', 'वही', 'मैं', 'में'],
    ...'aap ap unse inse usse isse hum ham main mai mujhe mujhse kal aaj abhi pehle baad phone call whatsapp ghar time jaldi unke inke uske iske mere mera meri hamare humare hamara humara wo woh vo voh ye yeh sab log banda koi kisi direct seedha sidhe isliye iske liye kripya krupya plz pls bhi hi'.split(' '),
    ...['कृपया', 'आप', 'हम', 'उन', 'इन', 'वो', 'वह', 'यह', 'ये', 'इस', 'उस', 'मुझ', 'मुझे', 'हमारे', 'हमारी', 'हमारा', 'मेरे', 'मेरी', 'मेरा', 'अपने', 'उनसे', 'इनसे', 'सहकर्मी', 'मैनेजर', 'प्रबंधक', 'मालिक', 'डायरेक्टर', 'निदेशक', 'साथी', 'पार्टनर', 'अकाउंटेंट', 'एचआर', 'हेड', 'इंचार्ज', 'प्रभारी', 'लिए', 'के', 'की', 'को', 'सीधे', 'इसके', 'इसलिए', 'ऑफिस', 'विभाग'],
  ].map((word) => word.toLowerCase()),
);

const CAP = "\\p{Lu}(?:[\\p{Ll}\\p{Lu}'’-]+|\\.)";
/** A capitalised name of up to three words, or one or two words of any case followed by an honorific ("sharma ji"). */
const NAME = `(${HON_BEFORE}?(?:${CAP}(?:[ \\t]+${CAP}){0,2}|\\p{L}+(?:[ \\t]+\\p{L}+)?(?=[ \\t]+${HON_AFTER})))(?:[ \\t]+${HON_AFTER})?`;
/** One or two words of any script before a Hindi/Hinglish postposition: "Vikram se", "अमित जी से". */
const WORDS_BEFORE = "((?:[\\p{L}\\p{M}.'’]+[ \\t]+)?[\\p{L}\\p{M}'’]+)(?:[ \\t]+" + HON_AFTER + ')?';

const roles = [
  'manager', 'owner', 'director', 'partner', 'head', 'founder', 'co-founder', 'colleague', 'boss', 'assistant', 'secretary', 'accountant', 'admin', 'administrator', 'coordinator', 'in-charge', 'incharge',
  'proprietor', 'principal', 'md', 'ceo', 'gm', 'hr', 'person', 'team', 'department', 'executive', 'officer', 'lead', 'supervisor', 'doctor', 'dentist', 'wife', 'husband', 'son', 'daughter', 'brother', 'sister',
];
const ROLE = `(?:${phrases(['our', 'my', 'the', 'his', 'her', 'their', 'a'])})[ \\t]+(?:[\\p{L}&/-]+[ \\t]+){0,3}?(?:${phrases(roles)})(?:[ \\t]+${ci('of')}[ \\t]+\\p{L}+)?`;

const verbs = [
  'contact', 'contacting', 'reach out to', 'reach', 'speak to', 'speak with', 'talk to', 'talk with', 'write to', 'email', 'e-mail', 'mail', 'get in touch with', 'connect with', 'ask for', 'ask', 'call', 'ring',
  'whatsapp', 'message', 'ping', 'approach', 'meet', 'copying', 'copying in', 'copied', "cc'ing", 'ccing', "cc'd", 'cc', 'looping in', 'looped in', 'loop in', 'want', 'need', 'looking for', 'refer you to', 'referring you to',
  'forwarded (it|this|your (e-?mail|mail|message|query|request|note)) to', 'forwarding (it|this|your (e-?mail|mail|message|query|request|note)) to', 'forward (it|this|your (e-?mail|mail|message|query|request|note)) to',
  'passed (it|this|your (e-?mail|mail|message)) (on )?to', 'forwarded to', 'redirected to', 'resend (it|this|your (e-?mail|mail|message|query))? to', 'try', 'try reaching', 'check with', 'chat with', 'coordinate with', 'get hold of',
  'drop a (mail|line|note|message) to', 'send a (mail|message|note) to', 'mail to', 'e-?mail to', 'write an e-?mail to', 'address (it|this|your (e-?mail|mail|message|query)) to', 'best to contact', 'better to contact', 'attention', 'attn', 'send (it|this|that|your (proposal|details|e-?mail|mail|message)|the details) to', 'share (it|this|the details) with', 'redirect(ed)? (it|this|you) to', 'direct(ed)? (it|this|you) to',
];
const handles = [
  'handles', 'manages', 'looks after', 'is responsible', 'is the right person', 'is the correct person', 'is the person', 'is in charge', 'takes care', 'will help', 'can help', 'will assist', 'can assist', 'deals with', 'decides',
  'is who you (want|need)', 'is the one', 'is your (person|contact|guy|best bet)', 'will get back', 'will contact', 'will reach out', 'will be in touch', 'will call you', 'will guide', 'would be (the right|better|able)', 'has taken over', 'is taking over', 'will be taking over', 'will take over', 'has replaced', 'replaced me', 'is the new', 'now handles', 'now manages', 'should be able', 'takes these decisions', 'makes these decisions',
];
const byWhom = [
  'handled by', 'managed by', 'taken care of by', 'looked after by', 'taken over by', 'replaced by', 'reassigned to', 'transferred to', 'successor is', 'successor', 'point of contact is', 'poc is', 'contact person is', 'concerned person is', 'in charge is', 'incharge is',
];
const postpositionVerbs = 'baat|sampark|contact|mail|email|e-mail|call|phone|message|msg|whatsapp|bolo|boliye|bol|puchho|poochho|puchiye|poochiye|pucho|milo|miliye|mil|likho|likhiye|bhejo|bhejiye|bhej|forward|संपर्क|बात|ईमेल|मेल|फोन|कॉल|मिल|लिख|भेज|पूछ';
const seeVerbs = 'dekhte|dekhti|dekhta|dekhenge|dekh lenge|handle karte|handle karti|handle karta|sambhalte|sambhalti|sambhalta|देखते|देखती|देखता|देखेंगे|संभालते|संभालती|संभालता';

/** Each pattern's first group is the name; the order is irrelevant (the earliest valid name in the text wins). */
const patterns = [
  `(?<![\\p{L}])(?:${phrases(verbs)})(?::[ \\t]*|[ \\t]+)(?:${ROLE}[ \\t]*[,:(-]?[ \\t]*)?${NAME}`,
  `(?<![\\p{L}])${ROLE}(?:[ \\t]+(?:${phrases(['is', 'would be', 'will be', 'is called', 'named'])}))?[ \\t]*[,:(-]?[ \\t]*${NAME}`,
  `${NAME}(?:[ \\t]*,[ \\t]*${ROLE}[ \\t]*,)?[ \\t]+(?:${phrases(handles)})`,
  `(?<![\\p{L}])${ci('the')}[ \\t]+(?:${phrases(['right', 'correct', 'best', 'appropriate', 'concerned'])})[ \\t]+(?:${phrases(['person', 'contact', 'one', 'people'])})(?:[ \\t]+\\p{L}+){0,4}?[ \\t]+(?:${phrases(['is', 'would be', 'will be', 'are'])})[ \\t]*:?[ \\t]*(?:${ROLE}[ \\t]*,?[ \\t]*)?${NAME}`,
  `(?<![\\p{L}])(?:${phrases(byWhom)})[ \\t]*:?[ \\t]*(?:${ROLE}[ \\t]*,?[ \\t]*)?${NAME}`,
  `(?<![\\p{L}\\p{M}])${WORDS_BEFORE}[ \\t]+(?:se|ko|ke saath|ke sath|से|को)[ \\t]+(?:[\\p{L}\\p{M}]+[ \\t]+)?(?:${postpositionVerbs})`,
  `(?<![\\p{L}\\p{M}])${WORDS_BEFORE}[ \\t]+(?:${seeVerbs})(?![\\p{L}\\p{M}])`,
].map((source) => new RegExp(source, 'gu'));

const isLatinCapital = (word: string) => /^\p{Lu}/u.test(word);

/** The name without honorifics and role words; a lower-case Latin word joins only when an honorific marked it. */
export function cleanName(raw: string, markedByHonorific = false): string | null {
  const words = raw.trim().split(/[ \t]+/);
  const isFiller = (word: string) => notNameWords.has(word.toLowerCase().replace(/[.,:]$/, ''));
  while (words.length && isFiller(words[0] ?? '')) words.shift();
  while (words.length && isFiller(words.at(-1) ?? '')) words.pop();
  // Two Latin words before "se" are one name only when both are capitalised ("Rajesh Kumar se", not "isliye manoj se").
  if (!markedByHonorific && words.length === 2 && /\p{Script=Latin}/u.test(words[0] ?? '') && !(isLatinCapital(words[0] ?? '') && isLatinCapital(words[1] ?? ''))) words.shift();
  if (words.some(isFiller)) return null;
  const name = words.join(' ').replace(/[.,]$/, '');
  return name.length >= 2 && /\p{L}/u.test(name) ? name.slice(0, 200) : null;
}

/** The earliest name the text points to, or null. */
export function findReferralName(text: string): FoundName | null {
  let best: FoundName | null = null;
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const raw = match[1];
      if (!raw) continue;
      const index = (match.index ?? 0) + match[0].indexOf(raw);
      if (best && index >= best.index) break;
      const markedByHonorific = new RegExp(`^[ \\t]+${HON_AFTER}`, 'u').test(match[0].slice(match[0].indexOf(raw) + raw.length));
      const name = cleanName(raw, markedByHonorific);
      if (name) {
        best = { name, index, end: index + raw.length };
        break;
      }
    }
  }
  return best;
}
