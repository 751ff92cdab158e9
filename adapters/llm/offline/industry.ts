/** How the offline assistant talks about a kind of business: what to call it, its customers, what it gains. */
export interface IndustryProfile {
  /** "clinic", "gym", ... as in "your clinic in Jaipur". */
  noun: string;
  nounPlural: string;
  /** Whom the business serves: "patients", "members". */
  customers: string;
  /** Words that make a catalog service a good fit for this kind of business. */
  keywords: string[];
  expectedResults: (city: string | null) => string[];
}

const near = (city: string | null) => (city ? ` in ${city}` : ' nearby');

const clinic: IndustryProfile = {
  noun: 'clinic',
  nounPlural: 'clinics',
  customers: 'patients',
  keywords: ['clinic', 'clinics', 'dental', 'dentist', 'doctor', 'doctors', 'health', 'healthcare', 'medical', 'patient', 'patients', 'appointment', 'appointments', 'booking'],
  expectedResults: (city) => [
    `More new-patient enquiries from people searching for care${near(city)}`,
    'Fewer empty appointment slots thanks to online booking and reminders',
    'A stronger reputation from a steady flow of genuine Google reviews',
  ],
};

const gym: IndustryProfile = {
  noun: 'gym',
  nounPlural: 'gyms',
  customers: 'members',
  keywords: ['gym', 'gyms', 'fitness', 'studio', 'member', 'members', 'membership', 'trainer', 'workout', 'class', 'classes', 'trial'],
  expectedResults: (city) => [
    `More trial sign-ups from people looking for a gym${near(city)}`,
    'Better member retention through timely reminders and renewal offers',
    'A steadier, more predictable monthly membership pipeline',
  ],
};

const studio: IndustryProfile = { ...gym, noun: 'studio', nounPlural: 'studios', keywords: [...gym.keywords, 'yoga', 'pilates', 'dance'] };

const restaurant: IndustryProfile = {
  noun: 'restaurant',
  nounPlural: 'restaurants',
  customers: 'diners',
  keywords: ['restaurant', 'restaurants', 'food', 'cafe', 'menu', 'table', 'reservation', 'reservations', 'delivery', 'order', 'orders', 'diners'],
  expectedResults: (city) => [
    `More table bookings and online orders from diners${near(city)}`,
    'Higher ratings on Google and the food delivery apps',
    'More repeat visits through simple loyalty offers',
  ],
};

const store: IndustryProfile = {
  noun: 'store',
  nounPlural: 'stores',
  customers: 'shoppers',
  keywords: ['store', 'stores', 'retail', 'shop', 'shopping', 'ecommerce', 'catalog', 'product', 'products', 'shoppers', 'inventory'],
  expectedResults: (city) => [
    `More walk-ins and orders from shoppers searching${near(city)}`,
    'A higher repeat-purchase rate from existing customers',
    'A clear monthly view of which products and offers sell',
  ],
};

const business: IndustryProfile = {
  noun: 'business',
  nounPlural: 'businesses',
  customers: 'customers',
  keywords: ['business', 'businesses', 'company', 'customers', 'clients', 'leads', 'sales', 'brand'],
  expectedResults: (city) => [
    `More qualified enquiries from customers${near(city)} every month`,
    'Faster, more consistent follow-up on every new lead',
    'A simple monthly report showing what is working and what to change',
  ],
};

/** Checked in order: the first family whose pattern matches the industry text wins. */
const families: Array<[RegExp, IndustryProfile]> = [
  [/dent|clinic|health|medic|hospital|physio|doctor|pharma|ortho|derma|ayur/, clinic],
  [/yoga|pilates|dance|studio/, studio],
  [/gym|fitness|crossfit|sport|wellness/, gym],
  [/food|restaurant|cafe|café|bakery|catering|dhaba|hotel dining|kitchen|bar\b/, restaurant],
  [/retail|store|shop|boutique|fashion|apparel|jewel|grocery|supermarket|e-?commerce/, store],
];

export function industryProfile(industry: string | null): IndustryProfile {
  const text = (industry ?? '').toLowerCase();
  return families.find(([pattern]) => pattern.test(text))?.[1] ?? business;
}
