import { Readable } from 'node:stream';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { validationError } from '../../../core/errors.ts';
import { csvRecords } from '../../http/csv.ts';
import { writeLeadsCsv } from '../../http/leads-csv.ts';
import type { GraphQLContext } from '../context.ts';
import { ImportIssueType, ImportResultType, LeadImportType } from '../types/import.types.ts';
import { LeadFilterInput, toLeadFilter } from '../types/lead.types.ts';
import { IDEMPOTENCY_DESCRIPTION } from '../idempotency.ts';

/** Inline CSV in a GraphQL string is for small files; large ones go to POST /api/leads/import. */
export const MAX_INLINE_CSV = 5 * 1024 * 1024;

@Resolver()
export class ImportResolver {
  @Mutation(() => ImportResultType, { description: `Imports leads from CSV text (up to ${MAX_INLINE_CSV / 1024 / 1024} MB; POST /api/leads/import streams larger files).` })
  async importLeadsCsv(
    @Arg('csv', () => String) csv: string,
    @Arg('filename', () => String, { nullable: true }) filename: string | null,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_DESCRIPTION }) _idempotencyKey: string | null,
    @Ctx() { auth, services }: GraphQLContext,
  ) {
    const ctx = await auth.tenant();
    if (Buffer.byteLength(csv) > MAX_INLINE_CSV) {
      throw validationError([{ field: 'csv', message: `is larger than ${MAX_INLINE_CSV / 1024 / 1024} MB; upload it to POST /api/leads/import instead` }]);
    }
    return services.imports(ctx).import(ctx, csvRecords(Readable.from([Buffer.from(csv)])), { filename });
  }

  @Query(() => LeadImportType, { nullable: true, description: 'One import (null, with a NOT_FOUND error, when there is none).' })
  async leadImport(@Arg('id', () => ID) id: string, @Ctx() { auth, services }: GraphQLContext) {
    const ctx = await auth.tenant();
    return services.imports(ctx).find(ctx, id);
  }

  @Query(() => [ImportIssueType], { description: 'Issues of an import, all issues of up to `first` rows after afterRow, in row order.' })
  async leadImportIssues(
    @Arg('importId', () => ID) importId: string,
    @Arg('first', () => Int, { nullable: true, description: '1-1000, default 100.' }) first: number | null,
    @Arg('afterRow', () => Int, { nullable: true }) afterRow: number | null,
    @Ctx() { auth, services }: GraphQLContext,
  ) {
    const ctx = await auth.tenant();
    return services.imports(ctx).issues(ctx, importId, { first: Math.min(Math.max(first ?? 100, 1), 1000), afterRow });
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
