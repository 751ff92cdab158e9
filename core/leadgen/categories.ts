// The kinds of business a search can look for, in the words users type ("dentist", "gym",
// "दंत चिकित्सक", "kirana"), with how each source names them: OpenStreetMap tags for Overpass
// and place types for Google Places (New). One table, so a new industry is one line.

export interface BusinessCategory {
  id: string;
  /** What a lead's industry says, and the tag its leads get. */
  label: string;
  /** Words users type for it, any language; matched whole, case-insensitive. */
  words: string[];
  /** OpenStreetMap key=value tags (any of them). */
  osm: string[];
  /** Google Places (New) primary types. */
  places: string[];
}

export const CATEGORIES: readonly BusinessCategory[] = [
  { id: 'dentist', label: 'Dental clinic', words: ['dentist', 'dentists', 'dental', 'dental clinic', 'orthodontist', 'दंत चिकित्सक', 'डेंटिस्ट'], osm: ['amenity=dentist', 'healthcare=dentist'], places: ['dentist', 'dental_clinic'] },
  { id: 'clinic', label: 'Clinic', words: ['clinic', 'clinics', 'doctor', 'doctors', 'physician', 'क्लिनिक', 'डॉक्टर'], osm: ['amenity=clinic', 'amenity=doctors', 'healthcare=clinic'], places: ['doctor', 'medical_clinic'] },
  { id: 'physio', label: 'Physiotherapy', words: ['physio', 'physiotherapy', 'physiotherapist'], osm: ['healthcare=physiotherapist'], places: ['physiotherapist'] },
  { id: 'gym', label: 'Gym', words: ['gym', 'gyms', 'fitness', 'fitness centre', 'fitness center', 'जिम'], osm: ['leisure=fitness_centre', 'leisure=sports_centre'], places: ['gym', 'fitness_center'] },
  { id: 'yoga', label: 'Yoga studio', words: ['yoga', 'yoga studio', 'pilates', 'योग'], osm: ['sport=yoga', 'leisure=fitness_centre'], places: ['yoga_studio'] },
  { id: 'restaurant', label: 'Restaurant', words: ['restaurant', 'restaurants', 'dhaba', 'eatery', 'रेस्टोरेंट', 'रेस्तरां'], osm: ['amenity=restaurant', 'amenity=fast_food'], places: ['restaurant'] },
  { id: 'cafe', label: 'Cafe', words: ['cafe', 'cafes', 'coffee shop', 'कैफे'], osm: ['amenity=cafe'], places: ['cafe', 'coffee_shop'] },
  { id: 'bakery', label: 'Bakery', words: ['bakery', 'bakeries', 'cake shop', 'बेकरी'], osm: ['shop=bakery', 'shop=pastry'], places: ['bakery'] },
  { id: 'salon', label: 'Salon', words: ['salon', 'salons', 'beauty parlour', 'beauty parlor', 'spa', 'barber', 'सैलून', 'ब्यूटी पार्लर'], osm: ['shop=hairdresser', 'shop=beauty', 'leisure=spa'], places: ['beauty_salon', 'hair_salon', 'spa', 'barber_shop'] },
  { id: 'accountant', label: 'Accounting firm', words: ['accountant', 'accountants', 'ca', 'chartered accountant', 'ca firm', 'tax consultant', 'bookkeeping'], osm: ['office=accountant', 'office=tax_advisor'], places: ['accounting'] },
  { id: 'lawyer', label: 'Law firm', words: ['lawyer', 'lawyers', 'advocate', 'law firm', 'attorney', 'वकील'], osm: ['office=lawyer'], places: ['lawyer'] },
  { id: 'real_estate', label: 'Real estate agency', words: ['real estate', 'realtor', 'property dealer', 'estate agent', 'broker'], osm: ['office=estate_agent'], places: ['real_estate_agency'] },
  { id: 'school', label: 'School', words: ['school', 'schools', 'coaching', 'coaching centre', 'tuition', 'institute', 'स्कूल', 'कोचिंग'], osm: ['amenity=school', 'amenity=college', 'office=educational_institution'], places: ['school', 'primary_school', 'secondary_school'] },
  { id: 'hotel', label: 'Hotel', words: ['hotel', 'hotels', 'guest house', 'homestay', 'resort', 'होटल'], osm: ['tourism=hotel', 'tourism=guest_house'], places: ['hotel', 'lodging'] },
  { id: 'pharmacy', label: 'Pharmacy', words: ['pharmacy', 'chemist', 'medical store', 'मेडिकल स्टोर'], osm: ['amenity=pharmacy', 'shop=chemist'], places: ['pharmacy', 'drugstore'] },
  { id: 'car_repair', label: 'Car garage', words: ['garage', 'car repair', 'mechanic', 'car service', 'workshop'], osm: ['shop=car_repair'], places: ['car_repair'] },
  { id: 'pet', label: 'Pet shop or vet', words: ['pet shop', 'vet', 'veterinary', 'pet clinic'], osm: ['shop=pet', 'amenity=veterinary'], places: ['pet_store', 'veterinary_care'] },
  { id: 'clothing', label: 'Boutique', words: ['boutique', 'clothing store', 'fashion', 'tailor', 'बुटीक'], osm: ['shop=clothes', 'shop=boutique', 'craft=tailor'], places: ['clothing_store'] },
  { id: 'grocery', label: 'Grocery store', words: ['grocery', 'kirana', 'supermarket', 'किराना'], osm: ['shop=supermarket', 'shop=convenience', 'shop=greengrocer'], places: ['grocery_store', 'supermarket'] },
  { id: 'travel', label: 'Travel agency', words: ['travel agent', 'travel agency', 'tour operator', 'travels'], osm: ['shop=travel_agency', 'office=travel_agent'], places: ['travel_agency'] },
  { id: 'interior', label: 'Interior designer', words: ['interior designer', 'interior design', 'interiors'], osm: ['craft=interior_decorator', 'shop=interior_decoration'], places: ['interior_designer'] },
];

const normalise = (text: string) => text.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ').trim();
const byWord = new Map(CATEGORIES.flatMap((category) => [category.id, category.label, ...category.words].map((word) => [normalise(word), category] as const)));

/** The category a user's words name ("Dentists", "dental clinic", "जिम"), or null; tries the whole text, then each word. */
export function findCategory(text: string): BusinessCategory | null {
  const words = normalise(text);
  if (!words) return null;
  const whole = byWord.get(words) ?? byWord.get(words.replace(/s$/, ''));
  if (whole) return whole;
  for (const word of words.split(' ')) {
    const found = byWord.get(word) ?? byWord.get(word.replace(/s$/, ''));
    if (found) return found;
  }
  return null;
}

/** Categories whose label or words start with what was typed, for an autocomplete; at most `limit`. */
export function suggestCategories(prefix: string, limit = 8): BusinessCategory[] {
  const typed = normalise(prefix);
  if (!typed) return CATEGORIES.slice(0, limit);
  return CATEGORIES.filter((category) => [category.label, ...category.words].some((word) => normalise(word).startsWith(typed))).slice(0, limit);
}
