// The headers of real exports (HubSpot, Salesforce reports and Data Loader, Pipedrive, Zoho, Google
// Contacts, Outlook, Apollo, LinkedIn, Justdial, IndiaMART) and of hand-made sheets, mapped to what a
// lead holds. Data, not code: a new export's columns are a line here. Each target lists its headers
// in groups, best first: when several columns feed one field (Mobile, Business Phone, Home Phone),
// a row takes the first non-empty one in group order, then in column order, and keeps the others
// as custom fields. Headers are compared by headerKey(): case, spaces and punctuation do not matter.

/** Lead fields a column can fill; firstName and lastName together make the contact name. */
export type LeadField = 'businessName' | 'contactName' | 'firstName' | 'lastName' | 'email' | 'phone' | 'website'
  | 'industry' | 'city' | 'country' | 'source' | 'companySize' | 'tags';

export const LEAD_FIELDS: readonly LeadField[] = ['businessName', 'contactName', 'firstName', 'lastName', 'email', 'phone',
  'website', 'industry', 'city', 'country', 'source', 'companySize', 'tags'];

/**
 * What a lead has no field for, but every export carries: kept as custom fields under one name, so
 * "Street", "Business Street" and "Address 1 - Formatted" all land in "Address".
 */
export const KNOWN_CUSTOM = ['Address', 'State', 'Postal code', 'Job title', 'Notes', 'LinkedIn'] as const;
export type KnownCustom = (typeof KNOWN_CUSTOM)[number];

type Groups = ReadonlyArray<readonly string[]>;

export const FIELD_HEADERS: Record<LeadField, Groups> = {
  businessName: [
    ['business', 'business name', 'company', 'company name', 'organisation', 'organization', 'organization name', 'organisation name',
      'org', 'account', 'account name', 'company / account', 'name of business', 'firm', 'firm name', 'brand', 'brand name', 'shop name',
      'store name', 'legal name', 'trading name', 'organization - name', 'organization 1 - name', 'company name for emails',
      'sender company', 'sender_company', 'buyer company', 'customer company', 'client company', 'clinic name', 'restaurant name',
      'firma', 'firmenname', 'unternehmen', 'entreprise', 'société', 'raison sociale', 'empresa', 'compañía', 'razón social', 'azienda', 'bedrijf', 'dukan', 'dukaan'],
    ['person - organization', 'lead - organization', 'deal - organization', 'associated company', 'primary company', 'company yomi',
      'employer', 'current company', 'works at'],
  ],
  contactName: [
    ['contact', 'contact name', 'contact person', 'full name', 'person', 'person - name', 'lead - contact person', 'deal - contact person',
      'owner name', 'decision maker', 'key contact', 'point of contact', 'poc', 'sender name', 'sender_name', 'caller name',
      'buyer name', 'customer name', 'client name', 'enquirer name', 'lead name', 'prospect name', 'name', 'display name',
      'ansprechpartner', 'kontaktperson', 'kontakt', 'naam', 'contacto', 'nome completo', 'nom complet'],
    ['owner', 'file as', 'nickname'],
  ],
  firstName: [['first name', 'first', 'given name', 'forename', 'firstname', 'person - first name', 'lead - first name', 'vorname', 'prénom', 'nombre', 'nome']],
  lastName: [['last name', 'last', 'surname', 'family name', 'lastname', 'person - last name', 'lead - last name', 'nachname', 'nom', 'nom de famille', 'apellido', 'apellidos', 'sobrenome', 'cognome']],
  email: [
    ['email', 'email address', 'mail', 'e-mail', 'e-mail address', 'email id', 'work email', 'business email', 'email 1', 'e-mail 1 - value',
      'email 1 - value', 'person - email', 'person - email - work', 'lead - email', 'sender email', 'sender_email', 'caller email',
      'buyer email', 'customer email', 'primary email', 'contact email', 'emailaddress', 'e-mail-adresse', 'courriel', 'adresse e-mail', 'correo', 'correo electrónico'],
    ['person - email - other', 'person - email - home', 'e-mail 2 - value', 'email 2', 'e-mail 2 address', 'secondary email',
      'personal email', 'other email', 'alternate email', 'sender email alt', 'sender_email_alt', 'home email'],
    ['e-mail 3 - value', 'e-mail 3 address', 'email 3'],
  ],
  phone: [
    ['phone', 'phone number', 'mobile', 'mobile number', 'mobile phone', 'mobile phone number', 'mobile no', 'mobile no.', 'cell',
      'cell phone', 'cellphone', 'whatsapp', 'whatsapp number', 'whatsapp no', 'contact number', 'contact no', 'phone no', 'tel',
      'telephone', 'phone 1 - value', 'person - phone', 'person - phone - mobile', 'person - phone - work', 'lead - phone',
      'sender mobile', 'sender_mobile', 'caller mobile', 'caller number', 'buyer mobile', 'customer mobile', 'primary phone',
      'primary phone number', 'first phone', 'mobilephone', 'phonenumber',
      'telefon', 'telefonnummer', 'handy', 'mobil', 'mobilnummer', 'téléphone', 'portable', 'teléfono', 'móvil', 'celular', 'telefone', 'cellulare'],
    ['work direct phone', 'direct phone', 'direct dial', 'work phone', 'business phone', 'office phone', 'company phone',
      'corporate phone', 'company main phone', 'main phone', 'landline', 'landline number', 'phone 2 - value', 'sender phone',
      'sender_phone', 'caller phone', 'person - phone - other', 'organization - phone', 'business phone 2', 'festnetz', 'fixe'],
    ['home phone', 'home phone 2', 'other phone', 'phone 3 - value', 'alternate phone', 'alternate number', 'alt phone',
      'secondary phone', 'mobile 2', 'phone 2', 'sender mobile alt', 'sender_mobile_alt', 'sender phone alt', 'sender_phone_alt',
      'person - phone - home', 'car phone', 'assistant\'s phone', 'callback'],
  ],
  website: [
    ['website', 'url', 'site', 'web', 'domain', 'homepage', 'website url', 'web address', 'web page', 'webpage', 'company website',
      'company domain', 'website 1 - value', 'organization - website', 'company url', 'domain name', 'webseite', 'site web', 'site internet', 'sitio web', 'página web', 'sito web'],
    ['personal web page', 'website 2 - value', 'business website'],
  ],
  industry: [
    ['industry', 'category', 'sector', 'vertical', 'niche', 'business type', 'business category', 'type of business',
      'organization - industry', 'industry type', 'branche', 'secteur', 'secteur d\'activité', 'rubro', 'settore'],
  ],
  city: [
    ['city', 'town', 'city name', 'location', 'business city', 'mailing city', 'billing city', 'address 1 - city', 'company city',
      'sender city', 'sender_city', 'caller city', 'buyer city', 'organization - address - city/town/village/locality',
      'city/town', 'district', 'stadt', 'ort', 'ville', 'ciudad', 'cidade', 'città', 'shahar', 'sheher'],
    ['home city', 'other city', 'address 2 - city', 'person city', 'area', 'locality'],
  ],
  country: [
    ['country', 'country code', 'nation', 'country name', 'country/region', 'business country/region', 'business country',
      'mailing country', 'billing country', 'address 1 - country', 'company country', 'sender country', 'sender_country_iso',
      'sender country iso', 'organization - address - country', 'country iso', 'land', 'pays', 'país', 'paese'],
    ['home country/region', 'other country/region', 'address 2 - country', 'person country'],
  ],
  source: [
    ['source', 'lead source', 'channel', 'origin', 'original source', 'original source type', 'leadsource', 'lead - source',
      'person - source', 'source of lead', 'enquiry source'],
    ['original source drill-down 1', 'latest source'],
  ],
  companySize: [
    ['company size', 'size', 'employees', 'employee count', 'headcount', 'team size', 'number of employees', 'no of employees',
      'no. of employees', '# employees', 'numberofemployees', 'organization - number of employees', 'employee range', 'company headcount'],
  ],
  tags: [['tags', 'tag', 'labels', 'label', 'categories', 'lists', 'groups', 'group membership', 'person - labels', 'lead - labels',
    'organization - labels']],
};

export const CUSTOM_HEADERS: Record<KnownCustom, Groups> = {
  Address: [
    ['address', 'street', 'street address', 'address line 1', 'address 1', 'business street', 'mailing street', 'billing street',
      'address 1 - formatted', 'address 1 - street', 'company address', 'organization - address', 'sender address', 'sender_address',
      'full address', 'postal address', 'office address', 'adresse', 'straße', 'strasse', 'dirección', 'endereço', 'indirizzo', 'pata'],
    ['home street', 'other street', 'address 2 - formatted', 'address line 2', 'address 2', 'business street 2'],
  ],
  State: [['state', 'region', 'province', 'state/province', 'state/region', 'business state', 'mailing state', 'billing state',
    'address 1 - region', 'company state', 'sender state', 'sender_state', 'organization - address - state/county', 'bundesland', 'estado'],
  ['home state', 'other state']],
  'Postal code': [['postal code', 'zip', 'zip code', 'zip/postal code', 'postcode', 'pincode', 'pin code', 'pin', 'business postal code',
    'mailing zip/postal code', 'address 1 - postal code', 'sender pincode', 'sender_pincode', 'organization - address - zip/postal code', 'plz', 'postleitzahl', 'code postal', 'código postal', 'cep'],
  ['home postal code', 'other postal code']],
  'Job title': [['job title', 'title', 'designation', 'position', 'role', 'organization title', 'organization 1 - title',
    'person - job title', 'headline', 'occupation']],
  Notes: [['notes', 'note', 'description', 'comments', 'comment', 'remarks', 'message', 'enquiry', 'inquiry', 'requirement',
    'query message', 'query_message', 'enquiry details', 'lead description', 'about', 'details', 'notiz', 'notizen', 'bemerkung', 'bemerkungen', 'commentaire', 'notas', 'nota']],
  LinkedIn: [['linkedin', 'linkedin url', 'person linkedin url', 'linkedin profile', 'profile url', 'linkedin profile url']],
};

/**
 * Numbered groups of Google Contacts ("Phone 2 - Value", "E-mail 3 - Value", "Address 1 - City",
 * "Organization 1 - Name") and similar, matched on the header key: the number orders them.
 */
export const NUMBERED_HEADERS: ReadonlyArray<{ pattern: RegExp; target: LeadField | KnownCustom }> = [
  { pattern: /^e?mail(\d+)(?:value|address)?$/, target: 'email' },
  { pattern: /^phone(\d+)(?:value|number)?$/, target: 'phone' },
  { pattern: /^website(\d+)(?:value)?$/, target: 'website' },
  { pattern: /^organi[sz]ation(\d+)name$/, target: 'businessName' },
  { pattern: /^organi[sz]ation(\d+)title$/, target: 'Job title' },
  { pattern: /^address(\d+)city$/, target: 'city' },
  { pattern: /^address(\d+)country$/, target: 'country' },
  { pattern: /^address(\d+)(?:region|state)$/, target: 'State' },
  { pattern: /^address(\d+)(?:postalcode|zip)$/, target: 'Postal code' },
  { pattern: /^address(\d+)(?:formatted|street)$/, target: 'Address' },
];

// Letters and digits of any script are kept; case, accents and everything else (spaces, _ - . / # ' :) are not.
const NOT_KEY = /[^\p{L}\p{N}]/gu;
const MARK = /\p{M}/gu;

/** "E-mail 1 - Value", "email1value" and "EMAIL_1_VALUE" agree; so do "Prénom" and "prenom". */
export function headerKey(header: string): string {
  return header.toLowerCase().normalize('NFD').replace(MARK, '').replace(NOT_KEY, '');
}
