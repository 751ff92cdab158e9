import { stringify } from 'csv-stringify/sync';
import type { IncomingMessage } from 'node:http';
import type { RequestAuth } from '../auth/authenticate.ts';
import { authorizeInTenant } from '../auth/authorize.ts';
import type { Services } from '../services.ts';
import { csvRecords, spreadsheetCell } from './csv.ts';
import { writeLeadsCsv } from './leads-csv.ts';
import { sendJson } from './io.ts';
import type { Route } from './server.ts';
import type { LeadFilter } from '../../core/leads/lead.types.ts';
import { LeadStatus } from '../../core/lifecycle/lead-lifecycle.ts';
import { validationError } from '../../core/errors.ts';

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
    assigneeId: params.get('assignee'),
    unassigned: params.get('unassigned') === 'true',
  };
}

const UUID_IN_PATH = /^\/api\/imports\/([0-9a-f-]{36})\/issues\.csv$/i;

/** REST endpoints for files: streamed CSV import and export, and an import's issue report. */
export function leadRoutes(services: Services, authFor: (req: IncomingMessage) => RequestAuth, maxImportBytes: number): Route[] {
  return [
    {
      method: 'POST',
      path: '/api/leads/import',
      async handler(req, res, url) {
        const ctx = await authorizeInTenant(authFor(req), 'importLeadsCsv');
        const filename = url.searchParams.get('filename');
        const result = await services.imports(ctx).import(ctx, csvRecords(req, { maxBytes: maxImportBytes }), { filename });
        sendJson(res, result.fileErrors.length ? 400 : 200, result);
      },
    },
    {
      method: 'GET',
      path: '/api/leads/export.csv',
      async handler(req, res, url) {
        const ctx = await authorizeInTenant(authFor(req), 'exportLeadsCsv');
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
      async handler(req, res, url) {
        const ctx = await authorizeInTenant(authFor(req), 'leadImportIssues');
        const importId = (url.pathname.match(UUID_IN_PATH) as RegExpMatchArray)[1] as string;
        const imports = services.imports(ctx);
        await imports.find(ctx, importId);
        res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="import-${importId}-issues.csv"` });
        res.write(stringify([['row', 'field', 'kind', 'reason', 'existing_lead_id']]));
        let afterRow: number | null = null;
        for (;;) {
          const issues = await imports.issues(ctx, importId, { first: 1000, afterRow });
          if (!issues.length) break;
          res.write(stringify(issues.map((i) => [i.row, i.field, i.kind, i.reason, i.existingLeadId].map(spreadsheetCell))));
          afterRow = issues.at(-1)?.row ?? null;
        }
        res.end();
      },
    },
  ];
}
