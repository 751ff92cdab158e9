import { Permission, assertCan } from '../access.ts';
import type { TenantContext } from '../context.ts';
import { DomainError, notFound, validationError, type FieldError } from '../errors.ts';
import type { ColumnChoice } from './csv-columns.ts';
import type { CsvRecord } from './import/csv-reader.ts';
import { ImportRun } from './import/import-run.ts';
import { PREVIEW_ROWS, previewImport, type ImportPreview } from './import/import-preview.ts';
import type { ImportIssue, ImportIssueKey, ImportStore, LeadImport } from './lead-import.ts';
import { readPage, type Page, type PageLimits, type PageQuery } from '../paging.ts';
import type { JobQueue } from '../autopilot/jobs.ts';
import type { LeadStore } from './lead.store.ts';

export { IMPORT_BATCH_BYTES, IMPORT_BATCH_SIZE, IMPORT_WRITERS, INLINE_ISSUES } from './import/import-run.ts';

const ISSUE_PAGE: PageLimits = { defaultSize: 100, maxSize: 1000 };
const SWITCHED_ENCODING = 'Part of the file is not UTF-8: it was read as Windows-1252 (Western European) from there on. Check accented letters in the later rows.';

/** Port: runs one batch of an import in one transaction of the caller's tenant. */
export interface ImportUnitOfWork {
  run<T>(work: (leads: LeadStore, imports: ImportStore, jobs: JobQueue) => Promise<T>): Promise<T>;
}

/** A file as the import reads it: its records, and what was found out about its bytes while reading. */
export interface ImportFile {
  records: AsyncIterable<CsvRecord>;
  info: { encoding: string | null; delimiter: string | null; switchedToWindows1252: boolean };
}

export interface ImportOptions {
  filename?: string | null;
  /** The caller's mapping: it wins over the one proposed from the headers, column by column. */
  mapping?: readonly ColumnChoice[] | null;
  /** The header's row, when the caller knows better than the detection. */
  headerRow?: number | null;
}

/** How the file was read: encoding, delimiter and the header's row. */
export interface ImportFormat {
  encoding: string | null;
  delimiter: string | null;
  headerRow: number | null;
}

export interface ImportResult {
  import: LeadImport;
  /** The first issues (invalid, duplicate and warning), in row order. */
  issues: ImportIssue[];
  /** Problems with the file as a whole (unusable header, wrong encoding), in words. */
  fileErrors: string[];
  /** Things about the file as a whole that did not stop it, in words. */
  fileWarnings: string[];
  format: ImportFormat;
}

/** The longest file name kept, and the furthest row a header may be on (a report's notes above it are a few lines). */
export const MAX_FILENAME_LENGTH = 255;
export const MAX_HEADER_ROW = 1_000;

/** The caller's options, each with its limits (VALIDATION naming it). */
function checkOptions(options: ImportOptions & { rows?: number | null }): void {
  const errors: FieldError[] = [];
  if (options.filename && options.filename.length > MAX_FILENAME_LENGTH) errors.push({ field: 'filename', message: `must be at most ${MAX_FILENAME_LENGTH} characters` });
  if (options.headerRow != null && (!Number.isInteger(options.headerRow) || options.headerRow < 1 || options.headerRow > MAX_HEADER_ROW)) errors.push({ field: 'headerRow', message: `must be a row from 1 to ${MAX_HEADER_ROW}` });
  if (options.rows != null && (!Number.isInteger(options.rows) || options.rows < 1 || options.rows > PREVIEW_ROWS.max)) errors.push({ field: 'rows', message: `must be from 1 to ${PREVIEW_ROWS.max}` });
  if (errors.length) throw validationError(errors);
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

  async import(ctx: TenantContext, file: ImportFile, options: ImportOptions = {}): Promise<ImportResult> {
    assertCan(ctx, Permission.WRITE_LEADS);
    checkOptions(options);
    const created = await this.uow.run((_, imports) => imports.create({ filename: options.filename ?? null, actor: ctx.actor }));
    const run = new ImportRun(ctx, created.id, this.uow, { choices: options.mapping ?? [], headerRow: options.headerRow ?? null });
    try {
      await run.consume(file.records);
      const finished = await this.uow.run((_, imports) => imports.finish(created.id, { status: run.fileErrors.length ? 'failed' : 'completed', failure: run.fileErrors.join('; ') || null }));
      const fileWarnings = file.info.switchedToWindows1252 ? [SWITCHED_ENCODING] : [];
      return {
        import: finished,
        issues: run.firstIssues.sort((a, b) => a.row - b.row),
        fileErrors: run.fileErrors,
        fileWarnings,
        format: { encoding: file.info.encoding, delimiter: file.info.delimiter, headerRow: run.headerRow },
      };
    } catch (error) {
      const reason = error instanceof DomainError ? error.message : 'the import stopped on an unexpected error; rows before it were kept';
      await this.uow.run((_, imports) => imports.finish(created.id, { status: 'failed', failure: reason }));
      throw error;
    }
  }

  /** The mapping step: what an import of this file would do with its first rows; nothing is written. */
  async preview(ctx: TenantContext, file: ImportFile, options: Omit<ImportOptions, 'filename'> & { rows?: number | null } = {}): Promise<ImportPreview & { format: ImportFormat; fileWarnings: string[] }> {
    assertCan(ctx, Permission.WRITE_LEADS);
    checkOptions(options);
    const rows = options.rows ?? PREVIEW_ROWS.default;
    const preview = await previewImport(file.records, { defaultCountry: ctx.defaultCountry, mapping: options.mapping ?? [], headerRow: options.headerRow ?? null, rows });
    return {
      ...preview,
      format: { encoding: file.info.encoding, delimiter: file.info.delimiter, headerRow: preview.headerRow },
      fileWarnings: file.info.switchedToWindows1252 ? [SWITCHED_ENCODING] : [],
    };
  }

  async find(ctx: TenantContext, id: string): Promise<LeadImport> {
    assertCan(ctx, Permission.READ);
    const found = await this.uow.run((_, imports) => imports.find(id));
    if (!found) throw notFound('Import', id);
    return found;
  }

  /** The import's issues in row order, a page at a time either way (1-1000, default 100). */
  async issues(ctx: TenantContext, id: string, query: PageQuery<ImportIssueKey>): Promise<Page<ImportIssue>> {
    await this.find(ctx, id);
    return readPage(query, ISSUE_PAGE, (slice) => this.uow.run((_, imports) => imports.issues(id, slice)));
  }
}
