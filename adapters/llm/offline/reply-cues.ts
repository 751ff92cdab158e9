/**
 * The phrases the offline classifier looks for, in English, Hindi (Devanagari) and Hinglish.
 * Sources are regular expressions over normalised text (lower case, Devanagari without nukta, see
 * normalizeForMatching); a space matches any run of whitespace, and every phrase must stand alone
 * (no letter right before or after it), so "interested" does not match inside "uninterested".
 */

export type CueGroup = 'unsubscribe' | 'out_of_office' | 'return_phrase' | 'wrong_person' | 'asking_price' | 'interested' | 'not_interested' | 'question' | 'positive' | 'polite';

export interface Cue {
  group: CueGroup;
  /** 'strong': an explicit phrase; 'weak': a short word that usually, but not always, means it. */
  strength: 'strong' | 'weak';
  pattern: RegExp;
}

const WORD = '[\\p{L}\\p{M}]*'; // the rest of a word, Devanagari vowel signs included
const before = '(?<![\\p{L}\\p{M}\\p{N}])';
const after = '(?![\\p{L}\\p{M}\\p{N}])';

function cues(group: CueGroup, strength: Cue['strength'], sources: string[]): Cue[] {
  return sources.map((source) => {
    const normalized = source.normalize('NFD').replace(/\u093C/g, '').normalize('NFC').replace(/\u0901/g, '\u0902');
    return { group, strength, pattern: new RegExp(`${before}(?:${normalized.replace(/ /g, '\\s+')})${after}`, 'gmu') };
  });
}

const unsubscribe = cues('unsubscribe', 'strong', [
  'unsubscribe', 'unsub', 'opt ?-?out', 'opt (me|us) out', "delete (all |any )?(of )?(my |our |the )?(personal |contact )?(data|details|number|e-?mail|contact|information|info)", '^\\s*stop\\W*$', 'remove (me|us|my (email|address|name|number))', 'take (me|us) off',
  'stop (e-?mailing|mailing|messaging|contacting|sending|spamming|calling|writing)', 'leave me alone', 'no more (e-?mails|mails|messages)',
  "(do not|don'?t|never) (call|contact|e-?mail|message|write to|spam) (me|us|this (address|e-?mail|number)|again)", `(do not|don'?t|never) (call|contact|e-?mail|message|text|whatsapp)( ${WORD}){1,4} again`, 'please stop\\W*$', "(this is|it'?s|its) spam", 'off (your|the) (mailing )?list',
  "(do not|don'?t|never|stop) send(ing)? (me |us )?(such |these |this |any |more |your )?(e-?mails|mails|messages|spam)", 'bas (karo|kijiye|kariye|kar do)',
  `(mat|na) bhej${WORD}`, `(e-?mail|mail|message|msg|msgs|sms|messages|massage)( (bhi|vagaira|vagera|wagera))? (mat|na|mt) (kar|kr|bhej)${WORD}`, `call (mat|na|mt) kar${WORD}`, 'band (karo|kar do|kardo|kar dijiye|kar dein|karein|kijiye|kar den)',
  `(pareshan|pareshaan|tang) (mat|na) k(ar|i)${WORD}`, `list se hata${WORD}`, `(mujhe|hume|humein|hamen|hamein|mera naam|mera number) hata${WORD}`,
  `(मत|न) भेज${WORD}`, `(मेरा|मेरी|हमारा|हमारी) (नंबर|ईमेल|डेटा|जानकारी)( [\\p{L}\\p{M}]+){0,3} (हटा|डिलीट)${WORD}`, `(मेल|ईमेल|मैसेज|कॉल|फोन) (मत|न) (कर|भेज)${WORD}`, 'बस (करो|कीजिए|करें)', '(बंद|बन्द) (करो|करें|करे|कर दो|कर दें|कर दीजिए|कीजिए|कर दीजिये|कीजिये)', `सदस्यता (समाप्त|रद्द|खत्म|छोड|हटा)${WORD}`,
  'अनसब्सक्राइब', `परेशान (मत|न) (कर|की)${WORD}`, `(सूची|लिस्ट) से (हटा|निकाल)${WORD}`, `मुझे हटा${WORD}`, `संपर्क (मत|न) कर${WORD}`,
]);

const outOfOffice = cues('out_of_office', 'strong', [
  'out of (the )?office', 'ooo', 'on (annual |sick |maternity |paternity |casual |medical )?leave', 'on (vacation|holiday|holidays|a holiday)',
  'away from (the office|my desk|work|office)', "(i am|i'?m) (currently )?(away|travell?ing|out of station|on the road)", 'out of station',
  'automatic reply', 'auto ?-?reply', 'autoreply', 'limited access to (my )?e-?mail',
  'chh?ut?ti', 'chh?ut?tiyon', 'leave par', 'office se bahar', '(shehar|shahar|city|station) se bahar', 'bahar (hoon|hun|hu|hoo|rahunga|rahungi|rahenge|gaya hua|gayi hui)', '(gaya|gayi|gaye) hu(a|i|e) (hoon|hun|hu|hain)',
  'closed (on|from|for|till|until|today|tomorrow|due)', '(will|shall) (be|remain) closed', 'shut (for|from|on|till|until)', 're-?open(s|ing)? (on|from|after)',
  'band (rahega|rahegi|rahenge)', `khul${WORD} (ga|gi|ge)`, 'khul(ega|egi|enge)', 'बंद (रहेगा|रहेगी|रहेंगे)', 'खुल(ेगा|ेगी|ेंगे)',
  'छुट्टी', 'छुट्टियों', 'अवकाश', 'बाहर (हूं|हू|रहूंगा|रहूंगी|रहेंगे|गया हुआ|गई हुई)', '(कार्यालय|ऑफिस|दफ्तर|शहर) से बाहर',
]);

/** "Back on …" means out of office only when a date follows (not "I'll get back to you"). */
const returnPhrase = cues('return_phrase', 'strong', [
  'back (in the office |at work |at my desk )?(on|by|from|after)', 'will (be back|return)', 'returning( on)?', 'return(ing)? to (the )?office',
  'wapas (aunga|aaunga|aungi|aaungi|aayenge|aaoonga)', 'वापस (आऊंगा|आउंगा|आऊंगी|आएंगे|लौटूंगा)',
]);

/** "<someone> se baat karo" points elsewhere, but not "aap se", "kal se" (from tomorrow) or "phone se" (by phone). */
const notPeople = 'aap|ap|ham|hum|main|mai|mujh|tum|is|us|in|un|kis|kal|aaj|parso|abhi|pehle|baad|phone|call|whatsapp|aaram|araam|jaldi|time|samay|office|ghar|monday|tuesday|wednesday|thursday|friday|saturday|sunday|detail|vistar|phir|fir|dobara|seedha|sidha|acche|ache|pyaar|pyar|dhyan';
const notPeopleHindi = 'आप|हम|मुझ|तुम|इन|उन|कल|आज|परसों|अभी|पहले|बाद|फोन|आराम|जल्दी|समय|ऑफिस|घर|विस्तार|फिर|दोबारा|सीधे|अच्छे|प्यार|ध्यान|शांति';

const wrongPerson = cues('wrong_person', 'strong', [
  'wrong (person|contact|email|address|guy|department|number)', 'not the (right|correct) (person|contact|department)',
  "(i|we) (don'?t|do not) (handle|deal with|manage|look after|look into|take care of) (this|that|these|it|marketing|such)",
  'not (my|our) (department|area|call|decision)', "(i'?m|i am) not (responsible|in charge|the decision maker|the owner|the right)",
  'no longer (with|at|works|working|associated|employed|part of)', '(has|have) left (the|our) (company|organi[sz]ation|firm)',
  '(has|have) (left|resigned from|moved on from)(?! (for|early|a|the office|the building|you|me|us|it|this)(?![\\p{L}]))', 'mailbox (no longer exists|is no longer (monitored|active|in use))',
  'no longer work(s|ing)? (at|for|with|here)', `ab ${WORD}( ${WORD}){0,3} (ke saath|mein|me) kaam (nahi|nahin) kar${WORD}`, '(कार्यरत|काम करता|काम करती) नहीं', "(doesn'?t|does not) work here( anymore)?",
  'contact my (colleague|manager|boss|partner)', 'please (contact|reach out to|speak to|speak with|talk to|e-?mail|write to) (?!(me|us|after|again|later|then|on|in|at|tomorrow|next|back)(?![\\p{L}]))\\p{L}+',
  '(?<!who )(handles|manages|looks after|is in charge of) (this|that|marketing|these|it)', 'the (right|correct|best) (person|contact) (is|would be)',
  'forwarded your (e-?mail|message|mail) to', '(should|must|needs to) go to', '(send|forward|direct) (it|this|that) to',
  '(number|email|contact|banda|insaan|vyakti|person) galat', '(नंबर|ईमेल|व्यक्ति|संपर्क) गलत',
  `(main|mai|mein|me)( ${WORD}){0,2} (nahi|nahin|nai) dekh(ta|ti|te)`, 'galat (vyakti|insaan|insan|aadmi|banda|bande|person|number|email|contact|jagah)',
  `(unse|inse|usse|unko|unhe) (baat|sampark|contact) kar${WORD}`, `(?!(${notPeople})(?!\\p{L}))\\p{L}+( ji)? se (baat|sampark|contact) k${WORD}`,
  "not in (this|that|the right) (department|team)", 'विभाग में नहीं', '(wo|woh|vo|voh|ve) (hi )?(dekh(ta|ti|te)|handle kar(ta|ti|te))',
  '(ye|yeh) mera (kaam|department) nahi', `(mera|meri|mere|hamara|hamari|hamare|humara) ${WORD}( ${WORD})? dekh(ta|ti|te)`,
  `(मेरा|मेरी|मेरे|हमारा|हमारी|हमारे) ${WORD}( ${WORD})? देख(ता|ती|ते)`, 'गलत (व्यक्ति|इंसान|संपर्क|पता|नंबर|ईमेल|जगह)', 'मैं( (यह|ये|इसे|इसको))? नहीं देख(ता|ती|ते)',
  `(उनसे|इनसे) (बात|संपर्क) कर${WORD}`, `(?!(${notPeopleHindi})(?![\\p{L}\\p{M}]))[\\p{L}\\p{M}]+ (जी )?से (संपर्क|बात) (कर|की)${WORD}`, '(यह|ये) (काम )?(वो|वे|वह) देख(ते|ता|ती)', 'मेरा विभाग नहीं',
]);

const askingPrice = cues('asking_price', 'strong', [
  'how much', 'prices?', 'pricing', 'priced', 'costs?', 'costing', '(?<!in )charges?', 'fees?', 'quote', 'quotation', 'rates?', 'rate card',
  'packages?', 'estimate', 'what (do|would|will) you charge', 'cheaper', 'discount', 'negotiable',
  'rate kya', 'kya rate', 'daam', 'dam kya', `kharch${WORD}`, `kitn(a|e|i) (ka|ki|ke|paisa|paise|rupay${WORD}|rs|lag${WORD}|hoga|hogi|hai|charge${WORD}|cost${WORD}|kharch${WORD}|fees?|padega|padegi)`,
  '(rate|price|cost|charges?|fees?|paisa|paise) kitn(a|e|i)', 'kitn(a|e|i) (loge|lenge|lete|logi|le rahe)', 'kitne (me|mein|mai|mei|main)', 'कितने (में|मे)', '(kitn(a|e|i)|कितन(ा|े|ी))(?=\\s*[?।]|\\s*$)',
  `कितन(ा|े|ी) (का|की|के|पैस${WORD}|रुपय${WORD}|लग${WORD}|होगा|होगी|है|खर्च${WORD}|फीस|पड${WORD})`, 'कीमत', 'दाम', 'रेट', 'शुल्क', 'फीस', 'खर्चा?', 'लागत', 'कोटेशन', 'प्राइस', 'चार्ज',
]);

const interested = [
  ...cues('interested', 'strong', [
    'interested', 'sounds (good|great|interesting|perfect|fine)', "let'?s (talk|chat|connect|discuss|meet|do it|proceed|go ahead|schedule|set up)",
    'let us (talk|connect|discuss|meet)', 'call me', 'give me a (call|ring)', 'please call', 'share (the |more |some |your )?details',
    'send (over )?(me |us )?(the |more |some |your |a )?(details|info|information|brochure|proposal|plan)', 'more (details|info|information)', 'tell me more',
    '(book|schedule|set up|arrange|fix) a (call|meeting|demo)', '(happy|glad) to (have a )?(chat|talk|connect|discuss|meet|call)', '(when|what time) (are you|would you be|is a good time|is good) (free|available|for you)', 'keen', 'would love to', 'count (me|us) in',
    'go ahead', 'please proceed', "(i am|i'?m|we are|we'?re) (available|free) (for|to|on|at|tomorrow|today)", '(can|could|shall) we (talk|speak|meet|connect|schedule|set up|have a call|do a call)',
    '(send|share|show) (me |us )?(over |across |through )?(a few |a couple of |some |your |the |any )?(examples|samples|portfolio|case stud(y|ies)|previous work|past work|similar work)',
    '(could|can|may) (we|i) see (the |some |a few |your )?(work|examples|samples|portfolio)', '(work|websites?|sites|campaigns) (you|you\'ve|you have) (did|done|built|made|run) for',
    `(sample|samples|portfolio|demo|purana kaam|pichla kaam|kaam ka sample|examples?) (bhej${WORD}|dikha${WORD}|share kar${WORD})`,
    `(उदाहरण|नमूने|नमूना|सैंपल|पोर्टफोलियो|पिछले काम|पुराना काम|डेमो)( [\\p{L}\\p{M}]+){0,3} (भेज${WORD}|दिखा${WORD})`,
    'what time (works|suits)', 'sign (me|us) up', 'looks (good|great)', 'makes sense', '(contact|reach|ping|whatsapp|message) me', '(know|learn|hear) more',
    'haan', 'haa', 'haanji', 'haan ji', 'ha ji', 'hanji', 'bilkul', '(baat|meeting) (karte|karenge|karo|karein|kijiye|kar sakte|karna|kar lete)',
    '(call|phone|whatsapp|watsapp|message|msg|mail|e-?mail) (karo|karein|kijiye|kar do|kardo|kar lo|kar lena|kar sakte|kar dijiye|kar lijiye|karna|kar dena)', '(details?|jankari|jaankari|info|proposal|brochure|plan) (bhejo|bhejiye|bhej do|bhejdo|bhejein|share karo|share kijiye|share karein|dijiye)',
    'zaroor', 'jaroor', 'zarur', 'jarur', 'chalega', 'milte hain', 'mil (sakte|lete) hain', `aage badh${WORD}`, 'pasand aaya',
    'रुचि', 'रूचि', 'दिलचस्पी', 'इच्छुक', 'हां', 'जी हां', 'बिल्कुल', 'बात (करते|करेंगे|करें|कीजिए|करो|कर सकते)', '(कॉल|फोन) (करें|करो|कीजिए|कर दीजिए|कर लीजिए)',
    '(जानकारी|विवरण|डिटेल|डिटेल्स) (भेजें|भेजिए|भेजो|दें|दीजिए)', 'जरूर', 'चलेगा', 'मिलते हैं', `आगे बढ${WORD}`,
  ]),
  ...cues('interested', 'weak', ['yes', 'yeah', 'yep', 'sure', 'definitely', 'absolutely', 'why not', 'theek hai', 'thik hai', 'ठीक है']),
];

const notInterested: Cue[] = [
  ...cues('not_interested', 'strong', [
    'not interested', 'uninterested', 'disinterested', 'no,? thanks', 'no,? thank you', 'no budget', "(don'?t|do not) have (the |a |any )?budget", 'not in (the|our) budget', 'out of (our|my) budget',
    '(too|very|bit) (expensive|costly|pricey)', 'already (have|has|got|use|using|work with|working with|signed|tied up|taken care)',
    "(we'?re|we are) (good|all set|covered|sorted)", 'not (right )?now', 'not at (this time|the moment|present)', 'not (a|our) priority', 'not looking',
    'maybe later', 'some other time', 'not for us', 'not a (good )?fit', "(don'?t|do not|doesn'?t|does not) need", 'no need', 'not (required|needed|relevant)',
    'no requirement', 'no interest', 'not really', "(we'?ll|we will|i'?ll|i will) pass(?! (it|this|that|your|the|on|along|them|him|her)(?![\\p{L}]))", 'hard pass', 'pass(?=\\s*[.!]*\\s*$)', 'not this (year|quarter|month)',
    "(can'?t|cannot|can not) afford", `(kharcha|kharch|budget|invest|afford|paisa)( ${WORD}){0,3} (nahi|nahin|nai) kar (sakte|sakta|sakti|payenge|paayenge|paate)`,
    '(nahi|nahin|nai) (chahiye|chaiye|chahie|lena|karna)', '(zarurat|jarurat|zaroorat|jaroorat|need|requirement) (nahi|nahin|nai)', 'abhi (nahi|nahin|nai)',
    '(interest|dilchaspi|ruchi|interested) (nahi|nahin|nai)', '(rehne|rahne) do', `pehle se (hai|hain|le rakh${WORD}|kar rakh${WORD}|chal raha|use kar${WORD})`,
    'budget (nahi|nahin|nai)', '(bahut )?(mehenga|mehnga|mahanga)', '(nahi|nahin) (shukriya|dhanyavad|dhanyawad|ji)',
    'नहीं चाहिए', '(जरूरत|आवश्यकता) नहीं', '(रुचि|रूचि|दिलचस्पी) नहीं', 'अभी नहीं', 'पहले से', 'बजट नहीं', 'महंगा', 'नहीं,? (धन्यवाद|शुक्रिया)', 'नहीं (लेना|करना)',
  ]),
  { group: 'not_interested', strength: 'weak', pattern: /^\s*(no|nope|nah|nahi|nahin|नहीं|ना)(?![\p{L}\p{M}])(?!\s+(problem|worries|issue))/gmu },
];

const question = cues('question', 'weak', [
  '^(what|how|when|where|which|who|why|can|could|do|does|is|are|will|would)', 'kya', 'kaise', 'kab', 'kahan', 'kaun', 'kyun', 'kyon', 'kaunsa', 'konsa',
  'क्या', 'कैसे', 'कब', 'कहां', 'कौन', 'क्यों', 'कौनसा',
]);

/** Fallback only: clearly positive words or "let me think about it" (→ interested, low confidence) and mere politeness (→ neutral). */
const positive = cues('positive', 'weak', [
  'great', 'perfect', 'awesome', 'excellent', 'nice', 'cool', 'ok(ay)?', 'good', 'accha', 'acha', 'badhiya', 'बढिया', 'अच्छा', '👍',
  'get back to you', 'revert', "(i'?ll|i will|let me|will) (think|check|discuss|consider)", `soch${WORD}`, `(batata|batati|batate|bataunga|bataungi|batayenge) ${WORD}`,
  `सोच${WORD}`, `(बताता|बताती|बताएंगे|बताऊंगा)${WORD}`,
]);
const polite = cues('polite', 'weak', ['thanks?', 'thank you', 'shukriya', 'dhanyavad', 'dhanyawad', 'धन्यवाद', 'शुक्रिया', 'noted', 'received']);

export const replyCues: Cue[] = [...unsubscribe, ...outOfOffice, ...returnPhrase, ...wrongPerson, ...askingPrice, ...interested, ...notInterested, ...question, ...positive, ...polite];

/** Words that turn a positive cue around when they come just before it ("not interested") or, in Hindi, just after ("interested nahi"). */
export const negatorsBefore = new Set(["not", 'no', 'never', "don't", 'dont', "doesn't", 'doesnt', "didn't", "isn't", "aren't", "won't", 'wont', "can't", 'cant', 'nahi', 'nahin', 'nai', 'na', 'mat', 'नहीं', 'न', 'मत', 'ना']);
export const negatorsAfter = new Set(['nahi', 'nahin', 'nai', 'नहीं', 'न', 'मत', 'not']);
