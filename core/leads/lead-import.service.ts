import { Permission, assertCan } from '../access.ts';
import type { TenantContext } from '../context.ts';
import { DomainError, notFound } from '../errors.ts';
import { mapCsvHeader, rowToLeadInput, type ColumnMapping } from './csv-columns.ts';
import { LeadBatch, type ImportCounts, type ImportIssue, type ImportStore, type LeadImport } from './lead-import.ts';
import { normalizeLead } from './lead-input.ts';
import type { JobQueue } from '../autopilot/jobs.ts';
import type { LeadStore } from './lead.store.ts';

export const IMPORT_BATCH_SIZE = 2000;
/** A batch is also cut at this much JSON, so wide rows (long custom fields) make smaller batches. */
export const IMPORT_BATCH_BYTES = 1024 * 1024;
const MAX_REMEMBERED_EMAILS = 100_000;
/**
 * Batches written at once, each in its own transaction: PostgreSQL's work per row (indexes, keys,
 * checks) is what sets an import's pace, and two sessions use two cores for it.
 */
export const IMPORT_WRITERS = 2;
/** Issues returned inline with a result; the full list is paged from the import. */
export const INLINE_ISSUES = 100;

/** Port: runs one batch of an import in one transaction of the caller's tenant. */
export interface ImportUnitOfWork {
  run<T>(work: (leads: LeadStore, imports: ImportStore, jobs: JobQueue) => Promise<T>): Promise<T>;
}

export interface ImportResult {
  import: LeadImport;
  issues: ImportIssue[];
  /** Problems with the file as a whole (unusable header, wrong encoding), in words. */
  fileErrors: string[];
}

/**
 * CSV import: every row is imported, or reported with its row number, field and reason; duplicates
 * (of an existing lead or of an earlier row) are reported as such. Rows stream through in batches,
 * so the file is never held in memory: one batch is read and checked while up to IMPORT_WRITERS
 * before it are written, and reading waits for a writer to be free (the stream never runs more
 * than that many batches ahead).
 */
export class LeadImportService {
  constructor(private readonly uow: ImportUnitOfWork) {}

  async import(ctx: TenantContext, rows: AsyncIterable<string[]>, meta: { filename?: string | null }): Promise<ImportResult> {
    assertCan(ctx, Permission.WRITE_LEADS);
    const created = await this.uow.run((_, imports) => imports.create({ filename: meta.filename ?? null, actor: ctx.actor }));
    const state = new ImportRun(ctx, created.id, this.uow);
    try {
      await state.consume(rows);
      const finished = await this.uow.run((_, imports) => imports.finish(created.id, { status: state.fileErrors.length ? 'failed' : 'completed', failure: state.fileErrors.join('; ') || null }));
      return { import: finished, issues: state.firstIssues.sort((a, b) => a.row - b.row), fileErrors: state.fileErrors };
    } catch (error) {
      const reason = error instanceof DomainError ? error.message : 'the import stopped on an unexpected error; rows before it were kept';
      await this.uow.run((_, imports) => imports.finish(created.id, { status: 'failed', failure: reason }));
      throw error;
    }
  }

  async find(ctx: TenantContext, id: string): Promise<LeadImport> {
    assertCan(ctx, Permission.READ);
    const found = await this.uow.run((_, imports) => imports.find(id));
    if (!found) throw notFound('Import', id);
    return found;
  }

  async issues(ctx: TenantContext, id: string, page: { first: number; afterRow: number | null }): Promise<ImportIssue[]> {
    await this.find(ctx, id);
    return this.uow.run((_, imports) => imports.issues(id, page));
  }
}

class ImportRun {
  readonly fileErrors: string[] = [];
  readonly firstIssues: ImportIssue[] = [];
  private mapping: ColumnMapping | null = null;
  private readonly seenEmails = new Map<string, number>();
  /** The batch being filled; the others are being written or free: reusable buffers for any file. */
  private filling = new LeadBatch(IMPORT_BATCH_SIZE, IMPORT_BATCH_BYTES);
  private readonly free = Array.from({ length: IMPORT_WRITERS }, () => new LeadBatch(IMPORT_BATCH_SIZE, IMPORT_BATCH_BYTES));
  private issues: ImportIssue[] = [];
  /** Batches being written, oldest first, while the next one is read and checked (IMPORT_WRITERS at most). */
  private readonly writing: Array<Promise<void>> = [];
  private importedAny = false;
  private counts: ImportCounts = { rowsRead: 0, imported: 0, invalid: 0, duplicates: 0 };

  constructor(
    private readonly ctx: TenantContext,
    private readonly importId: string,
    private readonly uow: ImportUnitOfWork,
  ) {}

  async consume(rows: AsyncIterable<string[]>): Promise<void> {
    let row = 0;
    for await (const cells of rows) {
      row += 1;
      if (!this.mapping) {
        this.mapping = mapCsvHeader(cells);
        if (this.mapping.missing.length) {
          this.fileErrors.push(...this.mapping.missing.map((message) => `header: ${message}`));
          return;
        }
        continue;
      }
      this.counts.rowsRead += 1;
      this.accept(row, cells);
      if (this.filling.full) await this.startFlush();
    }
    if (!this.mapping) this.fileErrors.push('the file is empty: expected a header row and at least one lead');
    await this.startFlush();
    await Promise.all(this.writing);
    // The autopilot (when on) picks the new leads up: one dispatch for the whole file.
    if (this.importedAny) await this.uow.run((_, __, jobs) => jobs.send('autopilot.dispatch', { tenantId: this.ctx.tenantId }, { singletonKey: this.ctx.tenantId }));
  }

  /** Starts writing the filled batch, once a writer is free (its buffer becomes the next one to fill). */
  private async startFlush(): Promise<void> {
    if (this.writing.length >= IMPORT_WRITERS) await this.writing.shift();
    const batch = this.filling;
    this.filling = this.free.pop() as LeadBatch;
    const write = this.flush(batch).then(() => void this.free.push(batch));
    // Observed here so a failure waits, unreported, for the next await of it to throw.
    write.catch(() => undefined);
    this.writing.push(write);
  }

  private accept(row: number, cells: string[]): void {
    const result = normalizeLead(rowToLeadInput(this.mapping as ColumnMapping, cells), { defaultCountry: this.ctx.defaultCountry });
    if (!result.ok) {
      this.counts.invalid += 1;
      for (const error of result.errors) this.report({ row, field: error.field, kind: 'invalid', reason: error.message, existingLeadId: null });
      return;
    }
    const email = result.value.email;
    const earlier = email ? this.seenEmails.get(email) : undefined;
    if (earlier !== undefined) {
      this.counts.duplicates += 1;
      this.report({ row, field: 'email', kind: 'duplicate', reason: `same email as row ${earlier} of this file`, existingLeadId: null });
      return;
    }
    // Remembered up to a bound (memory stays flat for any file); past it the database's unique key
    // still reports the duplicate, naming the lead the earlier row created.
    if (email && this.seenEmails.size < MAX_REMEMBERED_EMAILS) this.seenEmails.set(email, row);
    this.filling.add(row, result.value);
  }

  private report(issue: ImportIssue): void {
    this.issues.push(issue);
    if (this.firstIssues.length < INLINE_ISSUES) this.firstIssues.push(issue);
  }

  private async flush(batch: LeadBatch): Promise<void> {
    const counts = this.counts;
    this.counts = { rowsRead: 0, imported: 0, invalid: 0, duplicates: 0 };
    const issues = this.issues;
    this.issues = [];
    if (!batch.count && !issues.length && !counts.rowsRead) return;
    await this.uow.run(async (_, imports) => {
      const skipped = batch.count ? await imports.insertLeads(this.importId, batch) : [];
      counts.imported += batch.count - skipped.length;
      counts.duplicates += skipped.length;
      for (const lead of skipped) {
        const issue: ImportIssue = {
          row: batch.rowAt(lead.index),
          field: 'email',
          kind: 'duplicate',
          reason: `a lead with the email ${lead.email} already exists`,
          existingLeadId: lead.existingLeadId,
        };
        issues.push(issue);
        if (this.firstIssues.length < INLINE_ISSUES) this.firstIssues.push(issue);
      }
      await imports.addIssues(this.importId, issues);
      await imports.addCounts(this.importId, counts);
      if (counts.imported) this.importedAny = true;
    });
    batch.clear();
  }
}
