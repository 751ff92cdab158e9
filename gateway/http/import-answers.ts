// The import's answers in the API's shape, one shape for GraphQL and REST: a column's target as an
// ImportField name, and (for REST's JSON) enum values spelled as GraphQL spells them (INVALID, not
// invalid), so a client reads the same values whichever way it asked.
import { describeTarget } from '../../core/leads/import/column-choices.ts';
import type { ImportPreview } from '../../core/leads/import/import-preview.ts';
import type { ImportFormat, ImportResult } from '../../core/leads/lead-import.service.ts';

type Preview = ImportPreview & { format: ImportFormat; fileWarnings: string[] };

/** The preview with each column's target as { field, customKey } (GraphQL maps issue kinds itself). */
export function previewAnswer(preview: Preview) {
  return {
    format: preview.format,
    columns: preview.columns.map((column) => ({ index: column.index, header: column.header, samples: column.samples, ...describeTarget(column.target) })),
    rows: preview.rows,
    fileErrors: preview.fileErrors,
    fileWarnings: preview.fileWarnings,
  };
}

/** An issue kind as GraphQL's ImportIssueKind names it. */
export const kindName = (kind: string): string => kind.toUpperCase();

/** REST: the import's result with GraphQL's enum values. */
export function restImportAnswer(result: ImportResult) {
  return { ...result, issues: result.issues.map((issue) => ({ ...issue, kind: kindName(issue.kind) })) };
}

/** REST: the preview with GraphQL's enum values. */
export function restPreviewAnswer(preview: Preview) {
  const answer = previewAnswer(preview);
  return { ...answer, rows: answer.rows.map((row) => ({ ...row, issues: row.issues.map((issue) => ({ ...issue, kind: kindName(issue.kind) })) })) };
}
