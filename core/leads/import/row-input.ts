// Turns one CSV row into raw lead input through a file's mapping plan. Pure; runs once per row (up
// to millions), so it only walks the precomputed plan and allocates the result objects.
import type { ColumnMapping } from '../csv-columns.ts';
import type { LeadInput } from '../lead-input.ts';
import { readPhoneCell } from './phone-cell.ts';
import { isPlaceholder, isPlaceholderEmail } from './placeholders.ts';

/** Sets an own property even for "__proto__", which a plain assignment would treat as the prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

const TAG_SPLIT = /\s*(?::::|[,;|])\s*/;
const GOOGLE_SYSTEM_LABEL = /^\*\s*(?:mycontacts|starred)$/i;
const EMAIL_LIST = /\s*(?::::|[,;\s])\s*/;
const ANGLE_EMAIL = /<([^<>@\s]+@[^<>\s]+)>/;
const MAILTO = /^mailto:/i;
/** A person's profile is not the business's website (LinkedIn's Connections.csv calls it "URL"). */
const PROFILE_URL = /^(?:https?:\/\/)?(?:[a-z]{2,3}\.)?linkedin\.com\//i;

/** A cell as the value it holds: trimmed, and empty when it is a placeholder ("N/A", "-none-", "nil"). */
function cellValue(cell: string | undefined): string {
  if (cell === undefined) return '';
  const value = cell.trim();
  return value === '' || isPlaceholder(value) ? '' : value;
}

/** The row as raw lead input plus what the import needs to recover from a bad phone. */
export interface RowInput {
  input: LeadInput;
  /** Other numbers to try, in order, should input.phone not be a valid number. */
  otherPhones: string[];
  /** The phone column's header and raw cell, to keep the text should no number be valid. */
  phoneCell: { key: string; raw: string } | null;
  /** The contact name stood in for an empty business name. */
  businessFromContact: boolean;
}

/**
 * Turns one CSV row into raw lead input (validation is normalizeLead's job). Placeholders are empty,
 * each field takes its first non-empty column, first + last name form the contact name unless a
 * contact name column has a value, cells not taken are kept as custom fields under their header, and
 * cells past the header end up in customFields as `column_<n>` (1-based) so nothing is lost.
 */
export function rowToLeadInput(mapping: ColumnMapping, row: string[]): RowInput {
  const input: LeadInput = {};
  let custom: Record<string, unknown> | undefined;
  let firstName: string | undefined;
  let lastName: string | undefined;
  const result: RowInput = { input, otherPhones: [], phoneCell: null, businessFromContact: false };
  for (const slot of mapping.slots) {
    let taken = false;
    for (const column of slot.columns) {
      const value = cellValue(row[column.index]);
      if (value === '') continue;
      if (taken) {
        setOwn((custom ??= {}), column.spareKey, value);
        if ('field' in slot.to && slot.to.field === 'phone') result.otherPhones.push(...readPhoneCell(value).numbers);
        continue;
      }
      if ('custom' in slot.to) {
        setOwn((custom ??= {}), slot.to.custom, value);
        taken = true;
        continue;
      }
      switch (slot.to.field) {
        case 'firstName': firstName = value; break;
        case 'lastName': lastName = value; break;
        case 'tags': input.tags = value.split(TAG_SPLIT).filter((tag) => !GOOGLE_SYSTEM_LABEL.test(tag)); break; // trimmed and de-duplicated by normalizeLead
        case 'email': {
          const [first, ...others] = emailsIn(value);
          if (first === undefined) continue;
          input.email = first;
          if (others.length) setOwn((custom ??= {}), 'Other emails', others.join(', '));
          break;
        }
        case 'website':
          if (PROFILE_URL.test(value)) {
            setOwn((custom ??= {}), 'LinkedIn', value);
            continue;
          }
          input.website = value;
          break;
        case 'phone': {
          const { numbers, extension } = readPhoneCell(value);
          if (!numbers.length) continue;
          input.phone = numbers[0] as string;
          result.phoneCell = { key: column.spareKey, raw: value };
          result.otherPhones.push(...numbers.slice(1));
          if (numbers.length > 1) setOwn((custom ??= {}), 'Other phones', numbers.slice(1).join(', '));
          if (extension) setOwn((custom ??= {}), 'Phone extension', extension);
          break;
        }
        default: input[slot.to.field] = value;
      }
      taken = true;
    }
  }
  for (const { index, key } of mapping.custom) {
    const value = cellValue(row[index]);
    if (value !== '') setOwn((custom ??= {}), key, value);
  }
  if (input.contactName === undefined && (firstName !== undefined || lastName !== undefined)) {
    input.contactName = firstName !== undefined && lastName !== undefined ? `${firstName} ${lastName}` : (firstName ?? lastName);
  }
  if (input.businessName === undefined && input.contactName !== undefined) {
    // A person with no company (LinkedIn, Google Contacts, Justdial enquiries) is still a lead: their name stands in.
    input.businessName = input.contactName;
    result.businessFromContact = true;
  }
  for (let i = mapping.columns.length; i < row.length; i++) {
    const value = cellValue(row[i]);
    if (value) setOwn((custom ??= {}), `column_${i + 1}`, value);
  }
  if (custom !== undefined) input.customFields = custom;
  return result;
}

/** The addresses in an email cell: "a@x.in, b@y.in", Google's "a ::: b", "Name <a@x.in>", "mailto:a@x.in"; placeholders dropped. */
function emailsIn(value: string): string[] {
  const simple = value.indexOf(' ') < 0 && value.indexOf(',') < 0 && value.indexOf(';') < 0 && value.indexOf('<') < 0 && value.indexOf(':') < 0;
  if (simple) return isPlaceholderEmail(value) ? [] : [value];
  const angle = ANGLE_EMAIL.exec(value);
  const parts = angle ? [angle[1] as string] : value.replace(MAILTO, '').split(EMAIL_LIST);
  return parts.filter((part) => part !== '' && !isPlaceholder(part) && !isPlaceholderEmail(part));
}
