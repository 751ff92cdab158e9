// The mapping step: from a file's first bytes, the header, the proposed mapping and the first rows
// as the import would take them, each with its issues. Pure: the same header detection, mapping,
// row reading and in-file duplicate rules as the import itself, nothing written.
import { mapCsvHeader, unknownChoices, type ColumnChoice, type ImportTarget } from '../csv-columns.ts';
import type { NormalizedLead } from '../lead-input.ts';
import { validationError } from '../../errors.ts';
import { describeLimit, type CsvRecord } from './csv-record.ts';
import { FileDuplicates } from './file-duplicates.ts';
import { HeaderFinder, type FoundHeader } from './header-row.ts';
import { readLeadRow } from './lead-row.ts';

export const PREVIEW_ROWS = { default: 20, max: 100 } as const;
const SAMPLES = 3;

export type PreviewOutcome = 'IMPORT' | 'INVALID' | 'DUPLICATE' | 'SKIP';

export interface PreviewRow {
  row: number;
  outcome: PreviewOutcome;
  lead: NormalizedLead | null;
  issues: Array<{ field: string; kind: 'invalid' | 'duplicate' | 'warning'; reason: string }>;
}

export interface PreviewColumn {
  index: number;
  header: string;
  target: ImportTarget;
  /** The first non-empty values of the column. */
  samples: string[];
}

export interface ImportPreview {
  headerRow: number | null;
  columns: PreviewColumn[];
  rows: PreviewRow[];
  fileErrors: string[];
}

export async function previewImport(
  records: AsyncIterable<CsvRecord>,
  options: { defaultCountry: string; mapping: readonly ColumnChoice[]; headerRow: number | null; rows: number },
): Promise<ImportPreview> {
  const finder = new HeaderFinder(options.headerRow);
  let found: FoundHeader | null = null;
  const data: CsvRecord[] = [];
  for await (const record of records) {
    if (found) data.push(record);
    else if ((found = finder.offer(record))) data.push(...found.after);
    if (data.length >= options.rows) break;
  }
  if (!found && (found = finder.finish())) data.push(...found.after);
  if (!found) return { headerRow: null, columns: [], rows: [], fileErrors: ['the file is empty: expected a header row and at least one lead'] };
  const broken = found.header.overLimit;
  if (broken) return { headerRow: found.header.row, columns: [], rows: [], fileErrors: [`header (row ${found.header.row}): ${describeLimit(broken)}`] };
  const header = found.header.cells;
  const unknown = unknownChoices(header, options.mapping);
  if (unknown.length) throw validationError(unknown);
  const mapping = mapCsvHeader(header, options.mapping);
  const rows = data.slice(0, options.rows);
  const columns = mapping.columns.map((column): PreviewColumn => ({
    index: column.index,
    header: column.header,
    target: column.target,
    samples: rows.map((record) => record.cells[column.index]?.trim() ?? '').filter((cell) => cell !== '').slice(0, SAMPLES),
  }));
  const fileErrors = mapping.missing.map((message) => `header (row ${found.header.row}): ${message}`);
  const duplicates = new FileDuplicates();
  const previewRows = fileErrors.length ? [] : rows.map((record): PreviewRow => {
    const outcome = readLeadRow(mapping, record.cells, { defaultCountry: options.defaultCountry, strayQuote: record.strayQuote, overLimit: record.overLimit });
    if (outcome.kind === 'skip') return { row: record.row, outcome: 'SKIP', lead: null, issues: [] };
    if (outcome.kind === 'invalid') return { row: record.row, outcome: 'INVALID', lead: null, issues: outcome.errors.map((e) => ({ field: e.field, kind: 'invalid', reason: e.message })) };
    const earlier = duplicates.check(record.row, outcome.lead);
    if (earlier) return { row: record.row, outcome: 'DUPLICATE', lead: outcome.lead, issues: [{ field: earlier.field, kind: 'duplicate', reason: `same ${earlier.field === 'businessName' ? 'business name and city' : earlier.field} as row ${earlier.row} of this file` }] };
    return { row: record.row, outcome: 'IMPORT', lead: outcome.lead, issues: outcome.warnings.map((w) => ({ field: w.field, kind: 'warning', reason: w.message })) };
  });
  return { headerRow: found.header.row, columns, rows: previewRows, fileErrors };
}
