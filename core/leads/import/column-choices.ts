// The mapping step as the API speaks it: each column → a field name (BUSINESS_NAME, PHONE, …),
// CUSTOM (with the custom field's name) or IGNORE. One enum for GraphQL and REST alike.
import { validationError, type FieldError } from '../../errors.ts';
import type { ColumnChoice, ImportTarget } from '../csv-columns.ts';
import type { LeadField } from './header-aliases.ts';

export const ImportField = {
  BUSINESS_NAME: 'BUSINESS_NAME', CONTACT_NAME: 'CONTACT_NAME', FIRST_NAME: 'FIRST_NAME', LAST_NAME: 'LAST_NAME',
  EMAIL: 'EMAIL', PHONE: 'PHONE', WEBSITE: 'WEBSITE', INDUSTRY: 'INDUSTRY', CITY: 'CITY', COUNTRY: 'COUNTRY',
  SOURCE: 'SOURCE', COMPANY_SIZE: 'COMPANY_SIZE', TAGS: 'TAGS', CUSTOM: 'CUSTOM', IGNORE: 'IGNORE',
} as const;
export type ImportField = (typeof ImportField)[keyof typeof ImportField];

const LEAD_FIELD_OF: Record<Exclude<ImportField, 'CUSTOM' | 'IGNORE'>, LeadField> = {
  BUSINESS_NAME: 'businessName', CONTACT_NAME: 'contactName', FIRST_NAME: 'firstName', LAST_NAME: 'lastName', EMAIL: 'email',
  PHONE: 'phone', WEBSITE: 'website', INDUSTRY: 'industry', CITY: 'city', COUNTRY: 'country', SOURCE: 'source',
  COMPANY_SIZE: 'companySize', TAGS: 'tags',
};
const IMPORT_FIELD_OF = new Map<LeadField, ImportField>(Object.entries(LEAD_FIELD_OF).map(([name, field]) => [field, name as ImportField]));

/** A column's target as the API shows it. */
export function describeTarget(target: ImportTarget): { field: ImportField; customKey: string | null } {
  if (target.kind === 'field') return { field: IMPORT_FIELD_OF.get(target.field) as ImportField, customKey: null };
  if (target.kind === 'custom') return { field: ImportField.CUSTOM, customKey: target.key };
  return { field: ImportField.IGNORE, customKey: null };
}

export interface ColumnChoiceInput {
  column?: string | null;
  index?: number | null;
  field: string;
  customKey?: string | null;
}

const MAX_CHOICES = 500;
const MAX_KEY = 100;

/** Checks the caller's choices; each mistake names its place (`mapping[2].field`). */
export function toColumnChoices(inputs: readonly ColumnChoiceInput[]): ColumnChoice[] {
  const errors: FieldError[] = [];
  if (inputs.length > MAX_CHOICES) errors.push({ field: 'mapping', message: `must have at most ${MAX_CHOICES} columns (got ${inputs.length})` });
  const choices = inputs.slice(0, MAX_CHOICES).map((input, i): ColumnChoice => {
    const at = `mapping[${i}]`;
    const hasColumn = typeof input.column === 'string' && input.column.trim() !== '';
    const hasIndex = input.index !== undefined && input.index !== null;
    if (hasColumn === hasIndex) errors.push({ field: at, message: 'needs either column (a header) or index (a position from 0), not both' });
    if (hasIndex && (!Number.isInteger(input.index) || (input.index as number) < 0)) errors.push({ field: `${at}.index`, message: 'must be a whole number from 0' });
    const field = input.field as ImportField;
    const key = typeof input.customKey === 'string' ? input.customKey.trim() : '';
    let target: ImportTarget = { kind: 'ignore' };
    if (field === ImportField.CUSTOM) {
      if (key === '' || key.length > MAX_KEY) errors.push({ field: `${at}.customKey`, message: `is needed for CUSTOM (1-${MAX_KEY} characters)` });
      target = { kind: 'custom', key };
    } else if (field in LEAD_FIELD_OF) {
      target = { kind: 'field', field: LEAD_FIELD_OF[field as keyof typeof LEAD_FIELD_OF] };
    } else if (field !== ImportField.IGNORE) {
      errors.push({ field: `${at}.field`, message: `must be one of ${Object.values(ImportField).join(', ')}` });
    }
    return { column: hasColumn ? (input.column as string) : null, index: hasIndex ? (input.index as number) : null, target };
  });
  if (errors.length) throw validationError(errors);
  return choices;
}

/** The REST form: a JSON array of { column | index, field, customKey }. */
export function parseColumnChoices(json: string): ColumnChoice[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw validationError([{ field: 'mapping', message: 'must be JSON: an array of {"column": "<header>", "field": "PHONE"}' }]);
  }
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item))) {
    throw validationError([{ field: 'mapping', message: 'must be an array of objects such as {"column": "<header>", "field": "PHONE"}' }]);
  }
  const inputs = parsed.map((item: Record<string, unknown>) => ({
    column: typeof item.column === 'string' ? item.column : null,
    index: typeof item.index === 'number' ? item.index : null,
    field: typeof item.field === 'string' ? item.field : '',
    customKey: typeof item.customKey === 'string' ? item.customKey : null,
  }));
  return toColumnChoices(inputs);
}
