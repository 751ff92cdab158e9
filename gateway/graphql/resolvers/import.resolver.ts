import { Readable } from 'node:stream';
import { Arg, Args, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { validationError } from '../../../core/errors.ts';
import { toColumnChoices } from '../../../core/leads/import/column-choices.ts';
import { readCsv } from '../../http/csv.ts';
import { previewAnswer } from '../../http/import-answers.ts';
import { writeLeadsCsv } from '../../http/leads-csv.ts';
import { PageArgs, importIssueCursor, pageQuery, toConnection } from '../connections.ts';
import type { GraphQLContext } from '../context.ts';
import { ColumnMappingInput, ImportIssueConnection, ImportPreviewType, ImportResultType, LeadImportType } from '../types/import.types.ts';
import { LeadFilterInput, toLeadFilter } from '../types/lead.types.ts';
import { IDEMPOTENCY_DESCRIPTION } from '../idempotency.ts';

/** Inline CSV in a GraphQL string is for small files; large ones go to POST /api/leads/import. */
export const MAX_INLINE_CSV = 5 * 1024 * 1024;
const MB = MAX_INLINE_CSV / 1024 / 1024;

/** The file's bytes from `csv` (text) or `base64` (bytes in any encoding): exactly one of them. */
function fileBytes(text: string | null | undefined, encoded: string | null | undefined): Buffer {
  const csv = text ?? null; // an argument left out arrives as undefined
  const base64 = encoded ?? null;
  if ((csv === null) === (base64 === null)) throw validationError([{ field: 'csv', message: 'give either csv (text) or base64 (the file\'s bytes), not both' }]);
  const bytes = csv !== null ? Buffer.from(csv) : Buffer.from(base64 as string, 'base64');
  if (bytes.length > MAX_INLINE_CSV) throw validationError([{ field: csv !== null ? 'csv' : 'base64', message: `is larger than ${MB} MB; upload it to POST /api/leads/import instead` }]);
  return bytes;
}

@Resolver()
export class ImportResolver {
  @Mutation(() => ImportResultType, { description: `Imports leads from CSV (up to ${MB} MB; POST /api/leads/import streams larger files). mapping overrides the proposed target of the columns it names.` })
  async importLeadsCsv(
    @Arg('csv', () => String, { nullable: true, description: 'The file as text.' }) csv: string | null,
    @Arg('filename', () => String, { nullable: true, description: 'At most 255 characters.' }) filename: string | null,
    @Arg('mapping', () => [ColumnMappingInput], { nullable: true }) mapping: ColumnMappingInput[] | null,
    @Arg('headerRow', () => Int, { nullable: true, description: 'The header\'s row (1-1000), when the detection got it wrong.' }) headerRow: number | null,
    @Arg('base64', () => String, { nullable: true, description: 'The file\'s bytes in base64 (any encoding), instead of csv.' }) base64: string | null,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_DESCRIPTION }) _idempotencyKey: string | null,
    @Ctx() { auth, services }: GraphQLContext,
  ) {
    const ctx = await auth.tenant();
    const choices = toColumnChoices(mapping ?? []);
    return services.imports(ctx).import(ctx, readCsv(Readable.from([fileBytes(csv, base64)])), { filename, mapping: choices, headerRow });
  }

  @Query(() => ImportPreviewType, { description: 'The mapping step: the detected format, the proposed mapping and the first rows as an import would take them. Send the first bytes of the file (a few hundred KB are plenty).' })
  async previewLeadImport(
    @Arg('csv', () => String, { nullable: true, description: 'The start of the file as text.' }) csv: string | null,
    @Arg('base64', () => String, { nullable: true, description: 'The start of the file\'s bytes in base64 (any encoding).' }) base64: string | null,
    @Arg('mapping', () => [ColumnMappingInput], { nullable: true }) mapping: ColumnMappingInput[] | null,
    @Arg('headerRow', () => Int, { nullable: true, description: 'The header\'s row (1-1000).' }) headerRow: number | null,
    @Arg('rows', () => Int, { nullable: true, description: 'Rows to preview, 1-100 (default 20).' }) rows: number | null,
    @Ctx() { auth, services }: GraphQLContext,
  ) {
    const ctx = await auth.tenant();
    const choices = toColumnChoices(mapping ?? []);
    const preview = await services.imports(ctx).preview(ctx, readCsv(Readable.from([fileBytes(csv, base64)])), { mapping: choices, headerRow, rows });
    return previewAnswer(preview);
  }

  @Query(() => LeadImportType, { nullable: true, description: 'One import (null, with a NOT_FOUND error, when there is none).' })
  async leadImport(@Arg('id', () => ID) id: string, @Ctx() { auth, services }: GraphQLContext) {
    const ctx = await auth.tenant();
    return services.imports(ctx).find(ctx, id);
  }

  @Query(() => ImportIssueConnection, { nullable: true, description: 'Issues of an import in row order, a page at a time either way (1-1000, default 100); null, with a NOT_FOUND error, when there is no such import.' })
  async leadImportIssues(@Arg('importId', () => ID) importId: string, @Args(() => PageArgs) page: PageArgs, @Ctx() { auth, services }: GraphQLContext) {
    const ctx = await auth.tenant();
    const found = await services.imports(ctx).issues(ctx, importId, pageQuery(page, importIssueCursor));
    return toConnection(found, importIssueCursor.encode);
  }

  @Query(() => String, { description: 'The filtered leads as CSV text (GET /api/leads/export.csv streams large lists).' })
  async exportLeadsCsv(
    @Arg('filter', () => LeadFilterInput, { nullable: true }) filter: LeadFilterInput | null,
    @Ctx() { auth, services }: GraphQLContext,
  ): Promise<string> {
    const ctx = await auth.tenant();
    const chunks: string[] = [];
    await writeLeadsCsv(services.leads(ctx), ctx, toLeadFilter(filter), (chunk) => chunks.push(chunk));
    return chunks.join('');
  }
}
