// Country names as people write them in exports, mapped to ISO 3166-1 alpha-2 codes: the English
// names come from Intl.DisplayNames (ICU data shipped with Node, no network); this table adds
// endonyms, other scripts, abbreviations and historical names that ICU's English list lacks.
// Written naturally; countryKey() folds case, accents, punctuation and a leading "the" at load.

const NAMES: Record<string, string> = {
  // Abbreviations and common English variants
  'USA': 'US', 'U.S.': 'US', 'U.S.A.': 'US', 'US of A': 'US', 'America': 'US', 'United States of America': 'US', 'United States (US)': 'US',
  'UK': 'GB', 'U.K.': 'GB', 'Great Britain': 'GB', 'Britain': 'GB', 'England': 'GB', 'Scotland': 'GB', 'Wales': 'GB',
  'Northern Ireland': 'GB', 'United Kingdom of Great Britain and Northern Ireland': 'GB',
  'UAE': 'AE', 'U.A.E.': 'AE', 'Emirates': 'AE', 'Dubai': 'AE', 'Abu Dhabi': 'AE', 'KSA': 'SA', 'Saudi': 'SA',
  'Holland': 'NL', 'The Netherlands': 'NL', 'Korea': 'KR', 'Republic of Korea': 'KR', 'South Korea': 'KR',
  'Russian Federation': 'RU', 'Czech Republic': 'CZ', 'Ivory Coast': 'CI', 'Burma': 'MM', 'Turkey': 'TR',
  'Swaziland': 'SZ', 'Macedonia': 'MK', 'Hong Kong': 'HK', 'Macau': 'MO', 'Macao': 'MO', 'PRC': 'CN',
  "People's Republic of China": 'CN', 'Mainland China': 'CN', 'ROC': 'TW', 'Viet Nam': 'VN', 'Lao PDR': 'LA',
  'NZ': 'NZ', 'Aus': 'AU', 'Oz': 'AU', 'RSA': 'ZA', 'DRC': 'CD', 'Congo-Kinshasa': 'CD', 'Congo-Brazzaville': 'CG',
  'Persia': 'IR', 'Ceylon': 'LK', 'Siam': 'TH', 'East Timor': 'TL', 'Cape Verde': 'CV', 'Vatican': 'VA',
  // India, in its own languages and scripts
  'Bharat': 'IN', 'Bharath': 'IN', 'Hindustan': 'IN', 'भारत': 'IN', 'हिंदुस्तान': 'IN', 'इंडिया': 'IN', 'ভারত': 'IN',
  'இந்தியா': 'IN', 'భారతదేశం': 'IN', 'ಭಾರತ': 'IN', 'ഇന്ത്യ': 'IN', 'ભારત': 'IN', 'ਭਾਰਤ': 'IN', 'ଭାରତ': 'IN', 'بھارت': 'IN',
  // Neighbours and the Gulf, as written locally
  'پاکستان': 'PK', 'বাংলাদেশ': 'BD', 'नेपाल': 'NP', 'ශ්‍රී ලංකාව': 'LK', 'இலங்கை': 'LK', 'الإمارات': 'AE',
  'الإمارات العربية المتحدة': 'AE', 'السعودية': 'SA', 'المملكة العربية السعودية': 'SA', 'قطر': 'QA', 'الكويت': 'KW',
  'عمان': 'OM', 'البحرين': 'BH', 'مصر': 'EG', 'ایران': 'IR', 'Türkiye': 'TR',
  // Europe, in its own languages
  'Deutschland': 'DE', 'Bundesrepublik Deutschland': 'DE', 'BRD': 'DE', 'Österreich': 'AT', 'Schweiz': 'CH', 'Suisse': 'CH',
  'Svizzera': 'CH', 'Helvetia': 'CH', 'España': 'ES', 'Espanya': 'ES', 'France': 'FR', 'Italia': 'IT', 'Nederland': 'NL',
  'België': 'BE', 'Belgique': 'BE', 'Belgien': 'BE', 'Portugal': 'PT', 'Polska': 'PL', 'Česko': 'CZ', 'Česká republika': 'CZ',
  'Slovensko': 'SK', 'Magyarország': 'HU', 'România': 'RO', 'България': 'BG', 'Ελλάδα': 'GR', 'Ellada': 'GR', 'Hellas': 'GR',
  'Danmark': 'DK', 'Sverige': 'SE', 'Norge': 'NO', 'Suomi': 'FI', 'Ísland': 'IS', 'Éire': 'IE', 'Hrvatska': 'HR',
  'Srbija': 'RS', 'Србија': 'RS', 'Slovenija': 'SI', 'Lietuva': 'LT', 'Latvija': 'LV', 'Eesti': 'EE', 'Україна': 'UA',
  'Ukraina': 'UA', 'Россия': 'RU', 'Rossiya': 'RU', 'Беларусь': 'BY', 'Lëtzebuerg': 'LU', 'Luxemburg': 'LU',
  // Americas, Asia-Pacific, Africa
  'Brasil': 'BR', 'México': 'MX', 'Perú': 'PE', 'Méjico': 'MX', 'Estados Unidos': 'US', 'EEUU': 'US', 'EE.UU.': 'US',
  'Reino Unido': 'GB', 'Canadá': 'CA', 'Argentina': 'AR', 'Colombia': 'CO', 'Chile': 'CL',
  '中国': 'CN', '中國': 'CN', 'Zhongguo': 'CN', '日本': 'JP', 'Nippon': 'JP', 'Nihon': 'JP', '대한민국': 'KR', '한국': 'KR',
  '台灣': 'TW', '台湾': 'TW', '香港': 'HK', 'Việt Nam': 'VN', 'ประเทศไทย': 'TH', 'Pilipinas': 'PH', 'Malaysia': 'MY',
  'Singapura': 'SG', '新加坡': 'SG', 'சிங்கப்பூர்': 'SG', 'Indonesia': 'ID', 'Misr': 'EG', 'Al-Maghrib': 'MA',
  'Nigeria': 'NG', 'Kenya': 'KE', 'South Africa': 'ZA', 'Suid-Afrika': 'ZA',
};

// Letters, marks and digits of any script survive; Latin, Greek and Cyrillic accents fold away.
const COMBINING = /\p{Mn}/gu;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{M}\p{N}]/gu;
const LEADING_THE = /^the\s+/;
const SAINT = /\bsaint\b/g;

/** The comparison key of a country name: "The Netherlands", "netherlands" and "NETHERLANDS." agree. */
export function countryKey(name: string): string {
  const folded = name.toLowerCase().replace(/&/g, 'and').replace(LEADING_THE, '').replace(SAINT, 'st');
  // Indic and Arabic scripts keep their vowel signs (also marks): dropping them would change the word.
  const latinish = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\s\p{P}\p{N}]*$/u.test(folded);
  const base = latinish ? folded.normalize('NFD').replace(COMBINING, '') : folded;
  return base.replace(NOT_LETTER_OR_DIGIT, '');
}

/** The table above, keyed by countryKey. */
export function countryAliases(): Array<[string, string]> {
  return Object.entries(NAMES).map(([name, code]) => [countryKey(name), code]);
}
