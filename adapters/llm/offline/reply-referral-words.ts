/**
 * The words referrals are written with (English, Hinglish, Hindi) and the regular-expression pieces
 * built from them, for reply-referral-names.ts. Names themselves are read from the original text:
 * capitals mark them in English, honorifics ("ji", "sir", "जी") and roles ("हमारे मैनेजर") elsewhere.
 */

/** Case-insensitive ASCII words without the `i` flag, which would also make \p{Lu} match lower case. */
export const ci = (text: string) => text.replace(/[a-z]/g, (char) => `[${char}${char.toUpperCase()}]`);
/** Devanagari written with or without nukta (ड़ / ड), as people type both. */
const nuktaOptional = (text: string) => text.replace(/([\u0915-\u0939])(?!\u093C)/g, '$1\u093C?');
/** Plain phrases as one alternation: spaces match any blanks, "(a|b)" groups do not capture. */
export const phrases = (list: string[]) =>
  list.map((phrase) => nuktaOptional(ci(phrase)).replace(/ /g, '[ \\t]+').replace(/\((?!\?)/g, '(?:')).join('|');

export const honorificsBefore = ['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'shri', 'sri', 'smt', 'kumari', 'adv', 'er', 'capt', 'col', 'rev', 'fr', 'sr', 'auntie', 'aunty', 'uncle'];
export const honorificsAfter = [
  'ji', 'jee', 'sir', 'saab', 'sahab', 'saheb', 'sahib', "ma'am", 'maam', 'mam', 'madam', 'bhai', 'bhaiya', 'bhaiyya', 'didi', 'garu', 'uncle', 'aunty', 'auntie',
  'जी', 'सर', 'मैडम', 'मैम', 'साहब', 'भाई', 'भैया', 'दीदी', 'महोदय', 'महोदया',
];
const devanagariTitles = ['श्री', 'श्रीमती', 'श्रीमान', 'सुश्री', 'कुमारी', 'आदरणीय', 'डॉ', 'डॉक्टर', 'डा'];
/** Titles before a name, several allowed: "Rev. Fr.", "Dr. (Ms.)", "श्री". */
export const HON_BEFORE = `(?:(?:\\(?(?:${phrases(honorificsBefore)}|CA)\\.?\\)?|(?:${devanagariTitles.join('|')})\\.?)[ \\t]+)+`;
/** Honorifics after a name (the text's ’ is read as '). */
export const HON_AFTER = `(?:${phrases(honorificsAfter)})(?![\\p{L}\\p{M}])`;

/** Roles and relations: "our marketing guy", "his PA", "हमारे निदेशक". */
export const roles = [
  'manager', 'owner', 'director', 'partner', 'head', 'founder', 'co-founder', 'colleague', 'boss', 'assistant', 'secretary', 'accountant', 'admin', 'administrator', 'coordinator', 'in-charge', 'incharge',
  'proprietor', 'principal', 'md', 'ceo', 'gm', 'hr', 'pa', 'person', 'team', 'department', 'executive', 'officer', 'lead', 'supervisor', 'doctor', 'dentist', 'consultant', 'broker', 'correspondent', 'guy', 'lady',
  'wife', 'husband', 'son', 'daughter', 'brother', 'sister', 'sister-in-law', 'brother-in-law', 'father', 'mother', 'uncle', 'boss lady', 'designer', 'chef', 'replacement', 'successor',
  'malik', 'maalik', 'seth', 'chacha', 'chachi', 'mama', 'mami', 'tauji', 'bua', 'mausi', 'jiju',
];
export const devanagariRoles = ['मैनेजर', 'प्रबंधक', 'मालिक', 'डायरेक्टर', 'निदेशक', 'पार्टनर', 'अकाउंटेंट', 'एचआर', 'हेड', 'इंचार्ज', 'प्रभारी', 'प्रिंसिपल', 'प्रमुख', 'डिजाइनर', 'सीनियर', 'सचिव', 'सहायक', 'सहकर्मी', 'साथी', 'संचालक'];

/** Words that are roles, pronouns, places or filler, never part of a name. */
const fillerWords = [
  ...honorificsBefore, ...honorificsAfter, ...devanagariTitles, ...roles, ...devanagariRoles, 'ca', 'doctor', 'malik', 'maalik', 'sab', 'wali', 'wale', 'vali', 'wala',
  ...'id address number no mobile phone email mail details info information dental clinic hospital studio salon gym restaurant cafe shop store pvt ltd llp solutions services enterprises associates group india corporate'.split(' '),
  ...'our my the his her their your a an this that these those who whom someone somebody anyone him them me us you it i we he she they'.split(' '),
  ...'please kindly thanks thank hi hello dear regards sorry also so and or but instead directly only now for with at on in of to from by team department dept desk office new old'.split(' '),
  ...'marketing sales accounts account administration operations ops reception receptionist front support purchase purchasing procurement cfo cto coo agm'.split(' '),
  ...'concerned senior junior general branch company management business digital social media it quality'.split(' '),
  ...'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december'.split(' '),
  ...'nahi nahin nai na mat kaam kam ye yeh wahi vahi yahi sirf bas galat vyakti insaan insan bande wrong right correct naya nayi naye purane purana'.split(' '),
  ...'aap ap unse inse usse isse hum ham main mai mujhe mujhse kal aaj abhi pehle baad phone call whatsapp ghar time jaldi unke inke uske iske mere mera meri hamare humare hamara humara'.split(' '),
  ...'wo woh vo voh log banda koi kisi direct seedha sidhe isliye liye kripya krupya plz pls bhi hi dukaan dukan counter'.split(' '),
  ...['गलत', 'व्यक्ति', 'इंसान', 'नंबर', 'ईमेल', 'मेल', 'सही', 'नहीं', 'न', 'काम', 'यही', 'वही', 'मैं', 'में', 'सब', 'बस', 'केवल', 'सिर्फ', 'अब', 'नए', 'नया', 'नई', 'पुराने', 'पुराना', 'दुकान', 'फ्रंट', 'डेस्क', 'अकाउंट्स', 'रिसेप्शन'],
  ...['कृपया', 'आप', 'हम', 'उन', 'इन', 'वो', 'वह', 'यह', 'ये', 'इस', 'उस', 'मुझ', 'मुझे', 'हमारे', 'हमारी', 'हमारा', 'मेरे', 'मेरी', 'मेरा', 'अपने', 'उनसे', 'इनसे', 'उनके', 'उनकी', 'उनका', 'इनके'],
  ...'se ne pe par mein me ko all beti beta bete bhaiya bade chhote behen bahu damad pati patni papa mummy son daughter'.split(' '),
  ...['से', 'ने', 'पे', 'पर', 'जिस', 'शाखा', 'मुख्य', 'जिम', 'सैलून', 'पार्लर', 'रेस्टोरेंट', 'कंपनी', 'फर्म', 'बेटा', 'बेटी', 'बहन', 'पति', 'पत्नी', 'बहू', 'दामाद', 'भतीजा', 'भांजा', 'बड़े', 'छोटे', 'उसका', 'उसकी'],
  ...'back around later soon again everyone nobody here there kariye karo karein kijiye karna kar karke karlo'.split(' '),
  ...['महोदय', 'महोदया', 'ही', 'भी'],
  ...'dekhte dekhti dekhta sambhalte sambhalti chalate chalati lete leti leta handle'.split(' '),
  ...'humari hamari ka ki ke decision personal school hotel karta karti karte hota hoti hote raha rahi rahe gaya gayi aapne maine humne hamne seth sethji'.split(' '),
  ...['किसी', 'आपने', 'आपको', 'मैंने', 'हमने', 'क्लिनिक', 'घर', 'होटल', 'स्कूल', 'पर्सनल', 'सेठ', 'का', 'करता', 'करती', 'करते', 'होता', 'होती', 'होते', 'देखते', 'देखती', 'देखता', 'संभालते', 'संभालती', 'लेते', 'लेती', 'चलाते'],
  ...['लिए', 'के', 'की', 'को', 'सीधे', 'इसके', 'इसलिए', 'ऑफिस', 'विभाग', 'कार्यालय', 'विपणन', 'मार्केटिंग', 'ऑपरेशंस', 'पापा', 'मम्मी'],
];
const withoutNukta = (word: string) => word.normalize('NFD').replace(/\u093C/g, '').normalize('NFC').toLowerCase().replace(/[’]/g, "'");
const fillers = new Set(fillerWords.map(withoutNukta));

/** A word that cannot be (part of) a name: "our", "manager", "ji", "हमारे", "sab". */
export const isFiller = (word: string) => fillers.has(withoutNukta(word.replace(/^[(]+|[.,:)]+$/g, '')));
/** A Hindi postposition ("se", "से", "ko"): the word before it is not the subject. */
export const isPostposition = (word: string) => /^(?:se|ne|ko|pe|par|mein|से|ने|को|पे|पर|में)$/i.test(word);
/** A word that says the sentence is denied ("not", "nahi"): the name before it is not the one pointed to. */
export const isNegation = (word: string) => /^(?:not|nahi|nahin|nai|नहीं|na|न)$/i.test(word);

const honorificSet = new Set([...honorificsBefore, ...honorificsAfter, ...devanagariTitles, 'ca', 'महोदय', 'महोदया'].map(withoutNukta));
/** A title or honorific ("Mr.", "ji", "साहब"), as opposed to a role ("manager"). */
export const isHonorific = (word: string) => honorificSet.has(withoutNukta(word.replace(/^[(]+|[.,:)]+$/g, '')));
/** The name without leading or trailing titles ("Mr. Rajesh Kumar" → "Rajesh Kumar", "Sharma ji" → "Sharma"); null when nothing else is left. */
export function withoutHonorifics(name: string): string | null {
  const words = name.trim().split(/\s+/);
  while (words.length && isHonorific(words[0] ?? '')) words.shift();
  while (words.length && isHonorific(words.at(-1) ?? '')) words.pop();
  return words.join(' ') || null;
}

/** Capitalised words that start no name ("Operations", "I'll", "Marketing"): a name pattern skips them and tries its next reading. */
export const NOT_A_NAME = `(?!(?:${phrases([...roles, ...'operations marketing sales accounts admin hr it purchase procurement support reception management finance quality team department office i i\'ll i\'m i\'ve i\'d we we\'ll he she they you it this that the our my his her their please thanks'.split(' ')])})(?![\\p{L}'.]))`;
