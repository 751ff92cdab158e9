import type { Actor } from '../context.ts';
import type { PageSlice } from '../paging.ts';
import type { NormalizedLead } from './lead-input.ts';

export interface ImportIssue {
  /** The row as a spreadsheet numbers it (the file's first line is row 1; a quoted line break starts no row). */
  row: number;
  field: string;
  /** invalid and duplicate rows were not imported; a row with a warning was, and the warning says what was set aside. */
  kind: 'invalid' | 'duplicate' | 'warning';
  reason: string;
  existingLeadId: string | null;
}

/** Where an issue sits in its import's list (issues are in row order, then by field). */
export interface ImportIssueKey {
  row: number;
  field: string;
}

export const LeadImportStatus = { RUNNING: 'running', COMPLETED: 'completed', FAILED: 'failed' } as const;
export type LeadImportStatus = (typeof LeadImportStatus)[keyof typeof LeadImportStatus];

export interface LeadImport {
  id: string;
  filename: string | null;
  status: LeadImportStatus;
  rowsRead: number;
  imported: number;
  invalid: number;
  duplicates: number;
  /** Rows that hold no lead: blank rows, report footers, notes above the header. Not in rowsRead. */
  skipped: number;
  /** Imported rows that came with a warning (counted in imported too). */
  warnings: number;
  failure: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export type ImportCounts = Pick<LeadImport, 'rowsRead' | 'imported' | 'invalid' | 'duplicates' | 'skipped' | 'warnings'>;

/** Validated leads on their way to the store, as bytes: `[{…},{…}]`, one NormalizedLead object per lead. */
export interface LeadsJson {
  /** UTF-8 JSON array of NormalizedLead objects (their field names, camelCase). */
  readonly json: Uint8Array;
  readonly count: number;
}

/**
 * A lead of a batch left out because it already exists: a lead with its email, or (for a lead
 * without email) a lead with its phone, or with its business name and city.
 */
export interface SkippedLead {
  /** Position in the batch, from 0. */
  index: number;
  /** What matched: email, phone or businessName (with the city). */
  field: 'email' | 'phone' | 'businessName';
  /** The value that matched, for the report ("ravi@x.in", "+919829011111", "Sharma Dental, Jaipur"). */
  value: string;
  existingLeadId: string | null;
}

/** Port: a tenant's import records, their per-row issues, and the leads they create. */
export interface ImportStore {
  create(meta: { filename: string | null; actor: Actor }): Promise<LeadImport>;
  /**
   * Inserts a batch of the import's leads in one statement; a lead that already exists (see
   * SkippedLead), or whose email repeats an earlier one of the batch, is skipped and returned. Imported leads get no timeline
   * row each: their "created" entry comes from the import, so a million rows stay cheap.
   */
  insertLeads(importId: string, leads: LeadsJson): Promise<SkippedLead[]>;
  addIssues(importId: string, issues: ImportIssue[]): Promise<void>;
  /** Adds to the counters (each batch reports its own). */
  addCounts(importId: string, counts: ImportCounts): Promise<void>;
  finish(importId: string, outcome: { status: 'completed' | 'failed'; failure: string | null }): Promise<LeadImport>;
  find(importId: string): Promise<LeadImport | null>;
  /** Every issue of the first `first` rows after `afterRow`, so a row's issues never split across pages. */
  /** A slice of the import's issues in row order, then by field (see core/paging.ts). */
  issues(importId: string, slice: PageSlice<ImportIssueKey>): Promise<ImportIssue[]>;
}

const encoder = new TextEncoder();
const [OPEN, COMMA, CLOSE] = [0x5b, 0x2c, 0x5d]; // [ , ]

/**
 * Accepted leads held as bytes until they are written: each lead is appended as JSON to a reusable
 * buffer, with its row number. The objects of a row die as soon as it is encoded, instead of
 * waiting (and being promoted to the old generation) while the batch queues for the database.
 */
export class LeadBatch implements LeadsJson {
  private bytes: Uint8Array;
  private length = 1; // after the opening "["
  private readonly rows: Int32Array;
  count = 0;

  constructor(maxLeads: number, private readonly maxBytes: number) {
    this.rows = new Int32Array(maxLeads);
    this.bytes = new Uint8Array(maxBytes + 64 * 1024);
    this.bytes[0] = OPEN;
  }

  /** Full by count, or by size (wide rows make smaller batches). */
  get full(): boolean {
    return this.count === this.rows.length || this.length >= this.maxBytes;
  }

  /** Warnings of the leads that have some, by position: reported only for leads that get imported. */
  readonly warnings = new Map<number, Array<{ field: string; message: string }>>();

  add(row: number, lead: NormalizedLead, warnings: Array<{ field: string; message: string }> = []): void {
    if (warnings.length) this.warnings.set(this.count, warnings);
    const text = JSON.stringify(lead);
    this.reserve(text.length * 3 + 2); // a UTF-16 unit is at most 3 UTF-8 bytes
    if (this.count > 0) this.bytes[this.length++] = COMMA;
    this.length += encoder.encodeInto(text, this.bytes.subarray(this.length)).written;
    this.rows[this.count++] = row;
  }

  /** The spreadsheet row of the lead at `index`. */
  rowAt(index: number): number {
    return this.rows[index] as number;
  }

  get json(): Uint8Array {
    this.bytes[this.length] = CLOSE;
    return this.bytes.subarray(0, this.length + 1);
  }

  clear(): void {
    this.length = 1;
    this.count = 0;
    this.warnings.clear();
  }

  private reserve(size: number): void {
    if (this.length + size < this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + size + 1));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
}
