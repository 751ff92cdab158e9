import type { Actor } from '../context.ts';

export interface ImportIssue {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: number;
  field: string;
  kind: 'invalid' | 'duplicate';
  reason: string;
  existingLeadId: string | null;
}

export interface LeadImport {
  id: string;
  filename: string | null;
  status: 'running' | 'completed' | 'failed';
  rowsRead: number;
  imported: number;
  invalid: number;
  duplicates: number;
  failure: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export type ImportCounts = Pick<LeadImport, 'rowsRead' | 'imported' | 'invalid' | 'duplicates'>;

/** Port: a tenant's import records and their per-row issues. */
export interface ImportStore {
  create(meta: { filename: string | null; actor: Actor }): Promise<LeadImport>;
  addIssues(importId: string, issues: ImportIssue[]): Promise<void>;
  /** Adds to the counters (each batch reports its own). */
  addCounts(importId: string, counts: ImportCounts): Promise<void>;
  finish(importId: string, outcome: { status: 'completed' | 'failed'; failure: string | null }): Promise<LeadImport>;
  find(importId: string): Promise<LeadImport | null>;
  /** Every issue of the first `first` rows after `afterRow`, so a row's issues never split across pages. */
  issues(importId: string, page: { first: number; afterRow: number | null }): Promise<ImportIssue[]>;
}
