/** How the offline assistant talks about a kind of business: what to call it, its customers, what it gains. */
export interface IndustryProfile {
  /** "clinic", "gym", ... as in "your clinic in Jaipur". */
  noun: string;
  nounPlural: string;
  /** Whom the business serves: "patients", "members". */
  customers: string;
  /** Named with its industry ("IT services companies") rather than alone ("hotels"). */
  qualified?: boolean;
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

const bakery: IndustryProfile = {
  noun: 'bakery',
  nounPlural: 'bakeries',
  customers: 'customers',
  keywords: ['bakery', 'cake', 'cakes', 'bread', 'pastry', 'orders', 'customers', 'delivery'],
  expectedResults: (city) => [
    `More orders from people looking for a bakery${near(city)}`,
    'More repeat customers through simple offers',
    'Higher ratings on Google and the delivery apps',
  ],
};

const cafe: IndustryProfile = { ...restaurant, noun: 'café', nounPlural: 'cafés', customers: 'customers' };

const hotel: IndustryProfile = {
  noun: 'hotel',
  nounPlural: 'hotels',
  customers: 'guests',
  keywords: ['hotel', 'hotels', 'guest', 'guests', 'rooms', 'booking', 'bookings', 'stay', 'hospitality', 'travel'],
  expectedResults: (city) => [
    `More direct bookings from travellers looking for a stay${near(city)}`,
    'Higher ratings on Google and the travel sites',
    'More returning guests through timely offers',
  ],
};

const school: IndustryProfile = {
  noun: 'school',
  nounPlural: 'schools',
  customers: 'families',
  keywords: ['school', 'schools', 'students', 'parents', 'admissions', 'education', 'families', 'campus'],
  expectedResults: (city) => [
    `More admission enquiries from families${near(city)}`,
    'Faster, more consistent replies to every parent who asks',
    'A clear view of where each enquiry came from',
  ],
};

const company: IndustryProfile = {
  noun: 'company',
  nounPlural: 'companies',
  customers: 'clients',
  qualified: true,
  keywords: ['company', 'companies', 'clients', 'software', 'team', 'office', 'employees', 'staff', 'b2b'],
  expectedResults: (city) => [
    `More qualified enquiries from clients${near(city)} every month`,
    'Faster, more consistent follow-up on every new lead',
    'A simple monthly report showing what is working and what to change',
  ],
};

const business: IndustryProfile = {
  noun: 'business',
  nounPlural: 'businesses',
  qualified: true,
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
  [/dent|clinic|health|medic|hospital(?!ity)|physio|doctor|pharma|ortho|derma|ayur/, clinic],
  [/yoga|pilates|dance|studio/, studio],
  [/gym|fitness|crossfit|sport|wellness/, gym],
  [/bakery|bakeries|patisserie|cake shop/, bakery],
  [/\bcaf(e|é)|coffee/, cafe],
  [/food|restaurant|catering|dhaba|hotel dining|kitchen|bar\b/, restaurant],
  [/hotel|hospitality|resort|guest ?house|homestay/, hotel],
  [/school|education|college|academy|coaching|tuition/, school],
  [/software|it services|\bit\b|technology|\btech\b|saas|co-?working/, company],
  [/retail|store|shop|boutique|fashion|apparel|jewel|grocery|supermarket|e-?commerce/, store],
];

export function industryProfile(industry: string | null): IndustryProfile {
  const text = (industry ?? '').toLowerCase();
  return families.find(([pattern]) => pattern.test(text))?.[1] ?? business;
}
