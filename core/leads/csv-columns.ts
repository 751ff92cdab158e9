// Maps CSV header cells to lead fields and turns rows into LeadInput. Pure: no I/O.
// mapCsvHeader runs once per file; rowToLeadInput runs once per row (up to millions), so it only
// walks the precomputed mapping and allocates the result objects.
import type { LeadInput } from './lead-input.ts';

export type LeadField = 'businessName' | 'contactName' | 'firstName' | 'lastName' | 'email' | 'phone' | 'website'
  | 'industry' | 'city' | 'country' | 'source' | 'companySize' | 'tags';

export interface ColumnMapping {
  /** One entry per header cell; `field` and `customKey` are both null for an empty header cell. */
  columns: Array<{ index: number; header: string; field: LeadField | null; customKey: string | null }>;
  /** Human-readable messages for required columns that no header maps to. */
  missing: string[];
  /** Human-readable messages for columns that map to an already-taken field (kept as custom fields). */
  duplicates: string[];
}

// Spelled as people write them; normalised through headerKey() at load, so "e-mail" and "email" agree.
const ALIASES: Record<LeadField, readonly string[]> = {
  businessName: ['business', 'businessname', 'company', 'companyname', 'organisation', 'organization', 'org',
    'account', 'accountname', 'name-of-business', 'firm', 'brand', 'brandname', 'shopname', 'storename', 'legalname', 'tradingname'],
  contactName: ['contact', 'contactname', 'contactperson', 'name', 'fullname', 'person', 'ownername', 'decisionmaker',
    'owner', 'keycontact', 'pointofcontact', 'poc'],
  firstName: ['firstname', 'first', 'givenname', 'forename'],
  lastName: ['lastname', 'last', 'surname', 'familyname'],
  email: ['email', 'emailaddress', 'mail', 'e-mail', 'emailid', 'workemail', 'businessemail'],
  phone: ['phone', 'phonenumber', 'mobile', 'mobilenumber', 'telephone', 'tel', 'whatsapp', 'contactnumber', 'cell',
    'phoneno', 'mobileno', 'contactno', 'cellphone', 'mobilephone', 'whatsappnumber', 'landline'],
  website: ['website', 'url', 'site', 'web', 'domain', 'homepage', 'websiteurl', 'webaddress'],
  industry: ['industry', 'category', 'sector', 'vertical', 'niche', 'businesstype', 'businesscategory'],
  city: ['city', 'town', 'location', 'cityname'],
  country: ['country', 'countrycode', 'nation', 'countryname'],
  source: ['source', 'leadsource', 'channel', 'origin'],
  companySize: ['companysize', 'size', 'employees', 'employeecount', 'headcount', 'teamsize', 'numberofemployees',
    'noofemployees'],
  tags: ['tags', 'tag', 'labels', 'label'],
};

const SEPARATORS = /[\s_\-.\uFEFF]/g; // spaces, underscores, dashes, dots, and a stray UTF-8 BOM
const TAG_SPLIT = /[,;|]/;

function headerKey(header: string): string {
  return header.toLowerCase().replace(SEPARATORS, '');
}

const FIELD_BY_KEY = new Map<string, LeadField>();
for (const [field, aliases] of Object.entries(ALIASES) as Array<[LeadField, readonly string[]]>) {
  for (const alias of aliases) FIELD_BY_KEY.set(headerKey(alias), field);
}

export function mapCsvHeader(header: string[]): ColumnMapping {
  const columns: ColumnMapping['columns'] = [];
  const duplicates: string[] = [];
  const taken = new Map<LeadField, number>(); // field → index of the column that won it
  const customKeys = new Set<string>();
  const customKey = (name: string, index: number): string => {
    // Two custom columns with the same header must not overwrite each other in customFields.
    let key = customKeys.has(name) ? `${name} (column ${index + 1})` : name;
    if (customKeys.has(key)) key = `column_${index + 1}`;
    customKeys.add(key);
    return key;
  };
  header.forEach((cell, index) => {
    const name = cell.trim();
    if (name === '') {
      // A column without a header still holds data: keep it under its position.
      columns.push({ index, header: name, field: null, customKey: customKey(`column_${index + 1}`, index) });
      return;
    }
    const field = FIELD_BY_KEY.get(headerKey(name)) ?? null;
    const winner = field === null ? undefined : taken.get(field);
    if (field !== null && winner === undefined) {
      taken.set(field, index);
      columns.push({ index, header: name, field, customKey: null });
      return;
    }
    if (field !== null && winner !== undefined) {
      const first = columns[winner]?.header ?? '';
      duplicates.push(`column ${index + 1} "${name}" maps to ${field}, already taken by column ${winner + 1} "${first}"`);
    }
    columns.push({ index, header: name, field: null, customKey: customKey(name, index) });
  });
  const missing: string[] = [];
  if (!taken.has('businessName')) {
    missing.push('no column for the business name (expected a header such as "Business Name" or "Company")');
  }
  if (!taken.has('email') && !taken.has('phone')) missing.push('no column for email or phone');
  return { columns, missing, duplicates };
}

/** Sets an own property even for "__proto__", which a plain assignment would treat as the prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/**
 * Turns one CSV row into raw lead input (validation is normalizeLead's job). Empty cells stay unset,
 * first + last name form contactName unless a contact name column has a value, and cells past the
 * header end up in customFields as `column_<n>` (1-based) so nothing is lost.
 */
export function rowToLeadInput(mapping: ColumnMapping, row: string[]): LeadInput {
  const input: LeadInput = {};
  let custom: Record<string, unknown> | undefined;
  let firstName: string | undefined;
  let lastName: string | undefined;
  const { columns } = mapping;
  for (const column of columns) {
    const cell = row[column.index];
    if (cell === undefined) continue; // short rows are fine
    const value = cell.trim();
    if (value === '') continue;
    switch (column.field) {
      case null:
        if (column.customKey !== null) setOwn((custom ??= {}), column.customKey, value);
        break;
      case 'firstName': firstName = value; break;
      case 'lastName': lastName = value; break;
      case 'tags': input.tags = value.split(TAG_SPLIT); break; // trimmed and de-duplicated by normalizeLead
      default: input[column.field] = value;
    }
  }
  if (input.contactName === undefined && (firstName !== undefined || lastName !== undefined)) {
    input.contactName = firstName !== undefined && lastName !== undefined ? `${firstName} ${lastName}` : (firstName ?? lastName);
  }
  for (let i = columns.length; i < row.length; i++) {
    const value = row[i]?.trim();
    if (value) setOwn((custom ??= {}), `column_${i + 1}`, value);
  }
  if (custom !== undefined) input.customFields = custom;
  return input;
}
