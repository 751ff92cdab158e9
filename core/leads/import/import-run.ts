// One import as it streams: the header found and mapped, each row read to a lead or a reason,
// duplicates within the file decided in file order (the first row wins), and batches written by
// up to IMPORT_WRITERS at once. Pure orchestration over the ImportUnitOfWork port.
import type { TenantContext } from '../../context.ts';
import { validationError } from '../../errors.ts';
import { mapCsvHeader, unknownChoices, type ColumnChoice, type ColumnMapping } from '../csv-columns.ts';
import { LeadBatch, type ImportCounts, type ImportIssue } from '../lead-import.ts';
import { describeLimit, type CsvRecord } from './csv-record.ts';
import { FileDuplicates, type FileDuplicate } from './file-duplicates.ts';
import { HeaderFinder, type FoundHeader } from './header-row.ts';
import { readLeadRow } from './lead-row.ts';
import type { ImportUnitOfWork } from '../lead-import.service.ts';

export const IMPORT_BATCH_SIZE = 2000;
/** A batch is also cut at this much JSON, so wide rows (long custom fields) make smaller batches. */
export const IMPORT_BATCH_BYTES = 1024 * 1024;
/**
 * Batches written at once, each in its own transaction: PostgreSQL's work per row (indexes, keys,
 * checks) is what sets an import's pace, and two sessions use two cores for it.
 */
export const IMPORT_WRITERS = 2;
/** Issues returned inline with a result; the full list is paged from the import. */
export const INLINE_ISSUES = 100;

const zero = (): ImportCounts => ({ rowsRead: 0, imported: 0, invalid: 0, duplicates: 0, skipped: 0, warnings: 0 });
const SAME: Record<FileDuplicate['field'], string> = { email: 'same email', phone: 'same phone (and no email)', businessName: 'same business name and city (and no email)' };

export class ImportRun {
  readonly fileErrors: string[] = [];
  readonly firstIssues: ImportIssue[] = [];
  headerRow: number | null = null;
  private mapping: ColumnMapping | null = null;
  private readonly duplicates = new FileDuplicates();
  /** The batch being filled; the others are being written or free: reusable buffers for any file. */
  private filling = new LeadBatch(IMPORT_BATCH_SIZE, IMPORT_BATCH_BYTES);
  private readonly free = Array.from({ length: IMPORT_WRITERS }, () => new LeadBatch(IMPORT_BATCH_SIZE, IMPORT_BATCH_BYTES));
  private issues: ImportIssue[] = [];
  /** Batches being written, oldest first, while the next one is read and checked (IMPORT_WRITERS at most). */
  private readonly writing: Array<Promise<void>> = [];
  private importedAny = false;
  private counts: ImportCounts = zero();

  constructor(
    private readonly ctx: TenantContext,
    private readonly importId: string,
    private readonly uow: ImportUnitOfWork,
    private readonly options: { choices: readonly ColumnChoice[]; headerRow: number | null },
  ) {}

  async consume(records: AsyncIterable<CsvRecord>): Promise<void> {
    const finder = new HeaderFinder(this.options.headerRow);
    for await (const record of records) {
      if (this.mapping) {
        this.accept(record);
        if (this.filling.full) await this.startFlush();
        continue;
      }
      const found = finder.offer(record);
      if (found && !this.start(found)) return;
    }
    if (!this.mapping) {
      const found = finder.finish();
      if (!found) this.fileErrors.push(this.options.headerRow ? `the file has no row ${this.options.headerRow} to take as the header` : 'the file is empty: expected a header row and at least one lead');
      else if (!this.start(found)) return;
    }
    await this.startFlush();
    await Promise.all(this.writing);
    // The autopilot (when on) picks the new leads up: one dispatch for the whole file.
    if (this.importedAny) await this.uow.run((_, __, jobs) => jobs.send('autopilot.dispatch', { tenantId: this.ctx.tenantId }, { singletonKey: this.ctx.tenantId }));
  }

  /** Maps the header; false when the file cannot be imported. Rows read past the header are taken. */
  private start(found: FoundHeader): boolean {
    const broken = found.header.overLimit;
    if (broken) {
      this.fileErrors.push(`header (row ${found.header.row}): ${describeLimit(broken)}`);
      return false;
    }
    const header = found.header.cells;
    const unknown = unknownChoices(header, this.options.choices);
    if (unknown.length) throw validationError(unknown);
    this.mapping = mapCsvHeader(header, this.options.choices);
    this.headerRow = found.header.row;
    if (this.mapping.missing.length) {
      this.fileErrors.push(...this.mapping.missing.map((message) => `header (row ${found.header.row}): ${message}`));
      return false;
    }
    this.counts.skipped += found.above;
    for (const record of found.after) this.accept(record);
    return true;
  }

  private accept(record: CsvRecord): void {
    const { row } = record;
    const outcome = readLeadRow(this.mapping as ColumnMapping, record.cells, { defaultCountry: this.ctx.defaultCountry, strayQuote: record.strayQuote, overLimit: record.overLimit });
    if (outcome.kind === 'skip') {
      this.counts.skipped += 1;
      return;
    }
    this.counts.rowsRead += 1;
    if (outcome.kind === 'invalid') {
      this.counts.invalid += 1;
      for (const error of outcome.errors) this.report({ row, field: error.field, kind: 'invalid', reason: error.message, existingLeadId: null });
      return;
    }
    const earlier = this.duplicates.check(row, outcome.lead);
    if (earlier) {
      this.counts.duplicates += 1;
      this.report({ row, field: earlier.field, kind: 'duplicate', reason: `${SAME[earlier.field]} as row ${earlier.row} of this file`, existingLeadId: null });
      return;
    }
    this.filling.add(row, outcome.lead, outcome.warnings);
  }

  private report(issue: ImportIssue): void {
    this.issues.push(issue);
    if (this.firstIssues.length < INLINE_ISSUES) this.firstIssues.push(issue);
  }

  /** Starts writing the filled batch, once a writer is free (its buffer becomes the next one to fill). */
  private async startFlush(): Promise<void> {
    if (this.writing.length >= IMPORT_WRITERS) await this.writing.shift();
    const batch = this.filling;
    this.filling = this.free.pop() as LeadBatch;
    this.duplicates.nextBatch();
    const write = this.flush(batch).then(() => void this.free.push(batch));
    // Observed here so a failure waits, unreported, for the next await of it to throw.
    write.catch(() => undefined);
    this.writing.push(write);
  }

  private async flush(batch: LeadBatch): Promise<void> {
    const counts = this.counts;
    this.counts = zero();
    const issues = this.issues;
    this.issues = [];
    if (!batch.count && !issues.length && !counts.rowsRead && !counts.skipped) return;
    await this.uow.run(async (_, imports) => {
      const skipped = batch.count ? await imports.insertLeads(this.importId, batch) : [];
      counts.imported += batch.count - skipped.length;
      counts.duplicates += skipped.length;
      const notImported = new Set<number>();
      for (const lead of skipped) {
        notImported.add(lead.index);
        const reason = lead.field === 'email' ? `a lead with the email ${lead.value} already exists`
          : lead.field === 'phone' ? `a lead with the phone ${lead.value} already exists (this row has no email)`
            : `a lead "${lead.value}" already exists (this row has no email)`;
        this.collect(issues, { row: batch.rowAt(lead.index), field: lead.field, kind: 'duplicate', reason, existingLeadId: lead.existingLeadId });
      }
      for (const [index, warnings] of batch.warnings) {
        if (notImported.has(index)) continue;
        counts.warnings += 1;
        for (const warning of warnings) this.collect(issues, { row: batch.rowAt(index), field: warning.field, kind: 'warning', reason: warning.message, existingLeadId: null });
      }
      await imports.addIssues(this.importId, issues);
      await imports.addCounts(this.importId, counts);
      if (counts.imported) this.importedAny = true;
    });
    batch.clear();
  }

  private collect(issues: ImportIssue[], issue: ImportIssue): void {
    issues.push(issue);
    if (this.firstIssues.length < INLINE_ISSUES) this.firstIssues.push(issue);
  }
}
