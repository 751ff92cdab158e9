// One data row of an import to one outcome: nothing (a blank row, a report's footer), a lead (with
// warnings for what was set aside), or the reasons it is no lead. Pure. The rule a row is judged by:
// a lead needs a name and a way to be reached; a cell that cannot be read (a phone "call after 5",
// a website "n.a. yet") costs the lead that cell, not the lead: its text is kept as a custom field.
import type { FieldError } from '../../errors.ts';
import { rowToLeadInput, type ColumnMapping } from '../csv-columns.ts';
import { normalizeLead, visibleText, type LeadInput, type NormalizedLead } from '../lead-input.ts';
import { describeLimit, type RecordLimit } from './csv-record.ts';
import type { LeadField } from './header-aliases.ts';

export type RowOutcome =
  | { kind: 'skip' }
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'lead'; lead: NormalizedLead; warnings: FieldError[] };

/** The lines a report export adds under its rows (Salesforce: totals, a confidentiality notice, a copyright). */
const FOOTER = /^(?:grand totals?\b|totals?\b|sub-?totals?\b|confidential information|copyright|©|\(c\)\s*\d{4}|generated (?:by|on|at)\b|report (?:generated|run)\b|filtered by\b|salesforce\.com|powered by\b)/i;

/** Fields whose unreadable value costs only that value; a name or the last way to reach a lead is needed. */
const SPARABLE = new Set<string>(['phone', 'email', 'website', 'country', 'industry', 'city', 'source', 'companySize', 'contactName', 'tags']);
const STRAY_QUOTE = 'has an unmatched quote ("): it was read as plain text up to the end of its line';

export function isBlankRow(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell.trim() !== '') return false;
  return true;
}

/** A report's footer: one cell of text that says it is one. */
function isFooter(cells: readonly string[]): boolean {
  let text: string | null = null;
  for (const cell of cells) {
    if (cell.trim() === '') continue;
    if (text !== null) return false;
    text = cell.trim();
  }
  return text !== null && FOOTER.test(text);
}

export function readLeadRow(mapping: ColumnMapping, cells: string[], options: { defaultCountry: string; strayQuote?: boolean; overLimit?: RecordLimit | null }): RowOutcome {
  // A row the reader could not read whole is not imported in part: its cells past the limit would be lost.
  if (options.overLimit) return { kind: 'invalid', errors: [{ field: 'row', message: describeLimit(options.overLimit) }] };
  if (isBlankRow(cells) || isFooter(cells)) return { kind: 'skip' };
  const row = rowToLeadInput(mapping, cells);
  const warnings: FieldError[] = [];
  if (options.strayQuote) warnings.push({ field: 'row', message: STRAY_QUOTE });
  let result = normalizeLead(row.input, options);
  if (!result.ok && hasError(result.errors, 'phone')) result = tryOtherPhones(row.input, row.otherPhones, options) ?? result;
  if (!result.ok) {
    const firstErrors = result.errors;
    const spared = spare(mapping, cells, row.input, firstErrors, row.phoneCell);
    if (spared) {
      result = normalizeLead(row.input, options);
      if (result.ok) warnings.push(...spared);
      else result = { ok: false, errors: firstErrors };
    }
  }
  if (!result.ok) return { kind: 'invalid', errors: options.strayQuote ? [...result.errors, { field: 'row', message: STRAY_QUOTE }] : result.errors };
  if (row.businessFromContact) warnings.push({ field: 'businessName', message: 'was empty: the contact name stands in for it' });
  return { kind: 'lead', lead: result.value, warnings };
}

function hasError(errors: FieldError[], field: string): boolean {
  return errors.some((error) => error.field === field);
}

/** The row's other numbers (later ones of the cell, then other phone columns), first valid one wins. */
function tryOtherPhones(input: LeadInput, others: string[], options: { defaultCountry: string }) {
  const first = input.phone;
  for (const phone of others) {
    input.phone = phone;
    const result = normalizeLead(input, options);
    if (result.ok || !hasError(result.errors, 'phone')) return result;
  }
  input.phone = first;
  return null;
}

/**
 * Sets aside each unreadable optional value: removed from the input, its text kept as a custom field
 * (under its column's header), and a warning that says so. Null when an error is not of that kind,
 * or when setting a value aside would leave the lead no way to be reached.
 */
function spare(mapping: ColumnMapping, cells: string[], input: LeadInput, errors: FieldError[], phoneCell: { key: string; raw: string } | null): FieldError[] | null {
  const fields = new Set(errors.map((error) => error.field));
  for (const field of fields) if (!SPARABLE.has(field)) return null;
  const reachable = (field: 'email' | 'phone'): boolean => !fields.has(field) && !!input[field];
  if (fields.has('phone') && !reachable('email')) return null;
  if (fields.has('email') && !reachable('phone')) return null;
  const warnings: FieldError[] = [];
  for (const field of fields) {
    const source = field === 'phone' && phoneCell ? phoneCell : sourceCell(mapping, cells, field as LeadField);
    const raw = source?.raw ?? String(input[field as keyof LeadInput] ?? '');
    const key = source?.key ?? field;
    const message = errors.find((error) => error.field === field)?.message ?? 'could not be read';
    delete input[field as keyof LeadInput];
    input.customFields = { ...(input.customFields ?? {}), [key]: raw };
    warnings.push({ field, message: `"${preview(raw)}" ${message}: kept in the custom field "${key}" instead` });
  }
  return warnings;
}

/** The column that gave a field its value in this row: its custom-field name and its text. */
function sourceCell(mapping: ColumnMapping, cells: string[], field: LeadField): { key: string; raw: string } | null {
  const slot = mapping.slots.find((s) => 'field' in s.to && s.to.field === field);
  for (const column of slot?.columns ?? []) {
    const raw = cells[column.index]?.trim();
    if (raw) return { key: column.spareKey, raw };
  }
  return null;
}

const preview = (s: string): string => visibleText(s.length > 60 ? `${s.slice(0, 60)}…` : s);
