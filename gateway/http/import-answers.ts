// The import's answers in the API's shape, one shape for GraphQL and REST: a column's target as an
// ImportField name, and (for REST's JSON) enum values spelled as GraphQL spells them (INVALID, not
// invalid), so a client reads the same values whichever way it asked.
import { describeTarget } from '../../core/leads/import/column-choices.ts';
import type { ImportPreview } from '../../core/leads/import/import-preview.ts';
import { Delimiter, TextEncoding } from '../../core/leads/import/text-format.ts';
import { LeadImportStatus } from '../../core/leads/lead-import.ts';
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

/** A value of a closed set by the name its GraphQL enum gives it (the key of the domain's value map). */
function enumName<V extends string>(values: Record<string, V>, value: V | null): string | null {
  if (value === null) return null;
  return Object.entries(values).find(([, v]) => v === value)?.[0] ?? value;
}

/** How the file was read, named as GraphQL's ImportEncoding and CsvDelimiter name it (UTF_8, COMMA). */
const restFormat = (format: ImportFormat) => ({
  ...format,
  encoding: enumName(TextEncoding, format.encoding as TextEncoding | null),
  delimiter: enumName(Delimiter, format.delimiter as Delimiter | null),
});

/** REST: the import's result with GraphQL's enum values. */
export function restImportAnswer(result: ImportResult) {
  return {
    ...result,
    import: { ...result.import, status: enumName(LeadImportStatus, result.import.status) },
    format: restFormat(result.format),
    issues: result.issues.map((issue) => ({ ...issue, kind: kindName(issue.kind) })),
  };
}

/** REST: the preview with GraphQL's enum values. */
export function restPreviewAnswer(preview: Preview) {
  const answer = previewAnswer(preview);
  return { ...answer, format: restFormat(answer.format), rows: answer.rows.map((row) => ({ ...row, issues: row.issues.map((issue) => ({ ...issue, kind: kindName(issue.kind) })) })) };
}
