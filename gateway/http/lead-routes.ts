import { stringify } from 'csv-stringify/sync';
import type { IncomingMessage } from 'node:http';
import type { TenantContext } from '../../core/context.ts';
import type { OperationName } from '../../core/operation-access.ts';
import type { Services } from '../services.ts';
import { readCsv, spreadsheetCell } from './csv.ts';
import { importIssueCursor, pageQuery } from '../graphql/connections.ts';
import { kindName, restImportAnswer, restPreviewAnswer } from './import-answers.ts';
import { writeLeadsCsv } from './leads-csv.ts';
import { sendJson } from './io.ts';
import type { Route } from './server.ts';
import type { LeadFilter } from '../../core/leads/lead.types.ts';
import { LeadStatus } from '../../core/lifecycle/lead-lifecycle.ts';
import { validationError } from '../../core/errors.ts';
import { parseColumnChoices } from '../../core/leads/import/column-choices.ts';
import type { ColumnChoice } from '../../core/leads/csv-columns.ts';

const statuses = new Set<string>(Object.values(LeadStatus));

/** The list filter from query parameters (the same names as GraphQL's LeadFilterInput). */
function filterFrom(url: URL): LeadFilter {
  const params = url.searchParams;
  const status = params.getAll('status').flatMap((value) => value.split(',')).filter(Boolean);
  const unknown = status.filter((value) => !statuses.has(value));
  if (unknown.length) throw validationError([{ field: 'status', message: `has unknown values ${unknown.join(', ')}` }]);
  return {
    status: status.length ? (status as LeadFilter['status']) : null,
    search: params.get('search'),
    industry: params.get('industry'),
    city: params.get('city'),
    source: params.get('source'),
    tag: params.get('tag'),
    assigneeId: uuidParam(params, 'assignee'),
    unassigned: params.get('unassigned') === 'true',
  };
}

/** The import's options from query parameters: mapping (JSON), headerRow, and for a preview rows. */
function importOptions(url: URL): { mapping: ColumnChoice[]; headerRow: number | null; rows: number | null } {
  const params = url.searchParams;
  const mapping = params.get('mapping');
  const whole = (name: string): number | null => {
    const value = params.get(name);
    if (value === null || value === '') return null;
    if (!/^\d{1,9}$/.test(value)) throw validationError([{ field: name, message: 'must be a whole number' }]);
    return Number(value);
  };
  return { mapping: mapping ? parseColumnChoices(mapping) : [], headerRow: whole('headerRow'), rows: whole('rows') };
}

const UUID_IN_PATH = /^\/api\/imports\/([^/]+)\/issues\.csv$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id in a query parameter or path, checked here so the caller hears which one is wrong. */
function checkedId(value: string, field: string): string {
  if (!UUID.test(value)) throw validationError([{ field, message: `is not an id: ${JSON.stringify(value.slice(0, 60))} (ids are UUIDs)` }]);
  return value;
}

function uuidParam(params: URLSearchParams, name: string): string | null {
  const value = params.get(name);
  return value === null || value === '' ? null : checkedId(value, name);
}

/** A request's caller, let through the access table for `operation` (the only way these routes reach a tenant). */
export type Authorized = (req: IncomingMessage, operation: OperationName) => Promise<TenantContext>;

/** REST endpoints for files: streamed CSV import and export, and an import's issue report. */
export function leadRoutes(services: Services, authorized: Authorized, maxImportBytes: number): Route[] {
  return [
    {
      method: 'POST',
      path: '/api/leads/import',
      operation: 'importLeadsCsv',
      async handler(req, res, url) {
        const ctx = await authorized(req, 'importLeadsCsv');
        const filename = url.searchParams.get('filename');
        const { mapping, headerRow } = importOptions(url);
        const result = await services.imports(ctx).import(ctx, readCsv(req, { maxBytes: maxImportBytes }), { filename, mapping, headerRow });
        sendJson(res, result.fileErrors.length ? 400 : 200, restImportAnswer(result));
      },
    },
    {
      method: 'POST',
      path: '/api/leads/import/preview',
      operation: 'previewLeadImport',
      async handler(req, res, url) {
        const ctx = await authorized(req, 'previewLeadImport');
        // The start of the file is enough; reading stops once the rows to show are read.
        const preview = await services.imports(ctx).preview(ctx, readCsv(req, { maxBytes: maxImportBytes }), importOptions(url));
        sendJson(res, 200, restPreviewAnswer(preview));
      },
    },
    {
      method: 'GET',
      path: '/api/leads/export.csv',
      operation: 'exportLeadsCsv',
      async handler(req, res, url) {
        const ctx = await authorized(req, 'exportLeadsCsv');
        const filter = filterFrom(url);
        await writeLeadsCsv(services.leads(ctx), ctx, filter, (chunk) => {
          // The status is sent with the first rows, once the database has accepted the filter.
          if (!res.headersSent) res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="leads.csv"' });
          return res.write(chunk) ? undefined : new Promise((resolve) => res.once('drain', resolve));
        });
        res.end();
      },
    },
    {
      method: 'GET',
      path: UUID_IN_PATH,
      operation: 'leadImportIssues',
      async handler(req, res, url) {
        const ctx = await authorized(req, 'leadImportIssues');
        const importId = checkedId((url.pathname.match(UUID_IN_PATH) as RegExpMatchArray)[1] as string, 'importId');
        const imports = services.imports(ctx);
        await imports.find(ctx, importId);
        res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="import-${importId}-issues.csv"` });
        res.write(stringify([['row', 'field', 'kind', 'reason', 'existing_lead_id']]));
        let after: string | null = null;
        for (;;) {
          const page = await imports.issues(ctx, importId, pageQuery({ first: 1000, after }, importIssueCursor));
          res.write(stringify(page.items.map((i) => [i.row, i.field, kindName(i.kind), i.reason, i.existingLeadId].map(spreadsheetCell))));
          const last = page.items.at(-1);
          if (!page.hasNextPage || !last) break;
          after = importIssueCursor.encode(last);
        }
        res.end();
      },
    },
  ];
}
