// Maps CSV header cells to lead fields (or custom fields, or nothing), once per file, into a plan
// that rowToLeadInput (import/row-input.ts) walks for every row. Pure: no I/O.
import {
  CUSTOM_HEADERS, FIELD_HEADERS, KNOWN_CUSTOM, LEAD_FIELDS, NUMBERED_HEADERS, headerKey,
  type KnownCustom, type LeadField,
} from './import/header-aliases.ts';

export type { LeadField } from './import/header-aliases.ts';

/** Where a column's cells go: a lead field, a custom field under `key`, or nowhere. */
export type ImportTarget = { kind: 'field'; field: LeadField } | { kind: 'custom'; key: string } | { kind: 'ignore' };

export interface MappedColumn {
  /** Position in the row, from 0. */
  index: number;
  header: string;
  target: ImportTarget;
  /** How the column was chosen: from the header, or by the caller's mapping. */
  origin: 'header' | 'caller';
}

/** A column chosen by the caller: by header text (case-insensitive) or by position (from 0). */
export interface ColumnChoice {
  column?: string | null;
  index?: number | null;
  target: ImportTarget;
}

/** One destination fed by one or more columns, best first; a row takes the first non-empty cell. */
export interface Slot {
  to: { field: LeadField } | { custom: string };
  /** Columns in preference order, with the custom key a non-chosen cell is kept under. */
  columns: Array<{ index: number; spareKey: string; header: string }>;
}

export interface ColumnMapping {
  columns: MappedColumn[];
  /** Human-readable messages for required columns that no header maps to. */
  missing: string[];
  slots: Slot[];
  /** Plain custom columns: index → key. */
  custom: Array<{ index: number; key: string }>;
}

interface Known { target: LeadField | KnownCustom; rank: number }

const KNOWN_BY_KEY = new Map<string, Known>();
function learn(target: LeadField | KnownCustom, groups: ReadonlyArray<readonly string[]>): void {
  groups.forEach((group, rank) => {
    for (const header of group) {
      const key = headerKey(header);
      const seen = KNOWN_BY_KEY.get(key);
      if (seen && seen.target !== target) throw new Error(`header "${header}" is listed for both ${seen.target} and ${target}`);
      if (!seen) KNOWN_BY_KEY.set(key, { target, rank });
    }
  });
}
for (const field of LEAD_FIELDS) learn(field, FIELD_HEADERS[field]);
for (const custom of KNOWN_CUSTOM) learn(custom, CUSTOM_HEADERS[custom]);

/** Owners that exports put before a contact point ("Person - Email - Home", "Sender Mobile"). */
const OWNER_PREFIX = /^(?:person|organi[sz]ation|lead|deal|contact|company|sender|caller|buyer|customer|client|primary|business|work)/;
const CONTACT_POINTS = new Set<LeadField | KnownCustom>(['email', 'phone', 'website', 'city', 'country']);

/** What a header means, or null for a header no export or alias explains (kept as a custom field). */
export function knownHeader(header: string): Known | null {
  const key = headerKey(header);
  if (key === '') return null;
  const direct = KNOWN_BY_KEY.get(key);
  if (direct) return direct;
  for (const { pattern, target } of NUMBERED_HEADERS) {
    const match = pattern.exec(key);
    if (match) return { target, rank: Number(match[1]) - 1 };
  }
  const owned = OWNER_PREFIX.exec(key);
  if (owned) {
    const rest = KNOWN_BY_KEY.get(key.slice(owned[0].length));
    if (rest && CONTACT_POINTS.has(rest.target)) return { target: rest.target, rank: rest.rank + 1 };
  }
  return null;
}

const isLeadField = (target: string): target is LeadField => (LEAD_FIELDS as readonly string[]).includes(target);

/** The mapping proposed for a header row: every column gets a target; `choices` (the caller's) win. */
export function mapCsvHeader(header: string[], choices: readonly ColumnChoice[] = []): ColumnMapping {
  const chosen = resolveChoices(header, choices);
  const ranks = new Map<number, number>();
  const columns: MappedColumn[] = header.map((cell, index) => {
    const name = cell.trim();
    const choice = chosen.get(index);
    if (choice) return { index, header: name, target: choice, origin: 'caller' };
    const known = knownHeader(name);
    if (!known) return { index, header: name, target: { kind: 'custom', key: name || `column_${index + 1}` }, origin: 'header' };
    ranks.set(index, known.rank);
    const target: ImportTarget = isLeadField(known.target) ? { kind: 'field', field: known.target } : { kind: 'custom', key: known.target };
    return { index, header: name, target, origin: 'header' };
  });
  return plan(columns, ranks);
}

function resolveChoices(header: string[], choices: readonly ColumnChoice[]): Map<number, ImportTarget> {
  const byHeader = new Map<string, number>();
  header.forEach((cell, index) => {
    const key = cell.trim().toLowerCase();
    if (!byHeader.has(key)) byHeader.set(key, index);
  });
  const out = new Map<number, ImportTarget>();
  for (const choice of choices) {
    const index = choice.index ?? byHeader.get((choice.column ?? '').trim().toLowerCase());
    if (index !== undefined && index >= 0 && index < header.length) out.set(index, choice.target);
  }
  return out;
}

/** The choices that name no column of this header, as errors naming the choice (`mapping[2].column`). */
export function unknownChoices(header: string[], choices: readonly ColumnChoice[]): Array<{ field: string; message: string }> {
  const headers = new Set(header.map((cell) => cell.trim().toLowerCase()));
  return choices.flatMap((choice, i) => {
    if (choice.index !== undefined && choice.index !== null) {
      return Number.isInteger(choice.index) && choice.index >= 0 && choice.index < header.length ? [] : [{ field: `mapping[${i}].index`, message: `${choice.index} is not a column of the file (it has ${header.length})` }];
    }
    return headers.has((choice.column ?? '').trim().toLowerCase()) ? [] : [{ field: `mapping[${i}].column`, message: `"${choice.column ?? ''}" is not a header of the file` }];
  });
}

function plan(columns: MappedColumn[], ranks: Map<number, number>): ColumnMapping {
  const usedKeys = new Set<string>();
  const uniqueKey = (name: string, index: number): string => {
    // Two columns kept under the same name must not overwrite each other in customFields.
    let key = usedKeys.has(name) ? `${name} (column ${index + 1})` : name;
    if (usedKeys.has(key)) key = `column_${index + 1}`;
    usedKeys.add(key);
    return key;
  };
  const slots = new Map<string, Slot>();
  const custom: ColumnMapping['custom'] = [];
  // Slot keys are reserved first, so a plain column named "Address" cannot take a known field's key.
  for (const column of columns) if (column.target.kind === 'custom' && KNOWN_CUSTOM.includes(column.target.key as KnownCustom)) usedKeys.add(column.target.key);
  const order = [...columns].sort((a, b) => (ranks.get(a.index) ?? 0) - (ranks.get(b.index) ?? 0) || a.index - b.index);
  for (const column of order) {
    const { target } = column;
    if (target.kind === 'ignore') continue;
    const slotId = target.kind === 'field' ? `field:${target.field}` : KNOWN_CUSTOM.includes(target.key as KnownCustom) ? `custom:${target.key}` : null;
    if (slotId === null) {
      custom.push({ index: column.index, key: uniqueKey((target as { key: string }).key, column.index) });
      continue;
    }
    let slot = slots.get(slotId);
    if (!slot) slots.set(slotId, (slot = { to: target.kind === 'field' ? { field: target.field } : { custom: target.key }, columns: [] }));
    slot.columns.push({ index: column.index, header: column.header, spareKey: uniqueKey(column.header || `column_${column.index + 1}`, column.index) });
  }
  custom.sort((a, b) => a.index - b.index);
  const has = (field: LeadField): boolean => slots.has(`field:${field}`);
  const missing: string[] = [];
  if (!has('businessName') && !has('contactName') && !has('firstName') && !has('lastName')) {
    missing.push('no column for the business name (expected a header such as "Business Name" or "Company")');
  }
  if (!has('email') && !has('phone')) missing.push('no column for email or phone');
  return { columns, missing, slots: [...slots.values()], custom };
}

export { rowToLeadInput, type RowInput } from './import/row-input.ts';
