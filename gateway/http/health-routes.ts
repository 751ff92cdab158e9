import { pendingMigrations } from '../../adapters/db/orm.ts';
import type { Database } from '../../adapters/db/database.ts';
import { sendJson } from './io.ts';
import type { Route } from './server.ts';

/** /healthz: the process answers. /readyz: the database answers and has every migration. */
export function healthRoutes(db: Database): Route[] {
  return [
    { method: ['GET', 'HEAD'], path: '/healthz', handler: async (_req, res) => sendJson(res, 200, { status: 'ok' }) },
    {
      method: ['GET', 'HEAD'],
      path: '/readyz',
      handler: async (_req, res) => {
        try {
          await db.ping();
          const pending = await pendingMigrations(db.orm);
          if (pending.length) return sendJson(res, 503, { status: 'migrations pending', pending });
          sendJson(res, 200, { status: 'ready' });
        } catch (error) {
          sendJson(res, 503, { status: 'database unreachable', error: error instanceof Error ? error.message : String(error) });
        }
      },
    },
  ];
}
