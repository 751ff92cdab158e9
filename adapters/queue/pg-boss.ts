import { PgBoss, fromKysely } from 'pg-boss';

type IDatabase = ReturnType<typeof fromKysely>;
import { DEAD_LETTER_QUEUE, jobNames, type JobName, type JobOptions, type JobPayloads, type JobQueue } from '../../core/autopilot/jobs.ts';
import type { Sql } from '../db/database.ts';

/** Retries with exponential backoff, then the dead-letter queue (which itself retries less). */
/** A crashed worker's jobs come back once its heartbeats stop (10 s), not after the 5-minute expiry. */
const queueOptions = { retryLimit: 5, retryDelay: 2, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 300, heartbeatSeconds: 10, deleteAfterSeconds: 86_400 };

/** Installs pg-boss's schema and every queue as the schema owner (the app role creates nothing). */
export async function installQueues(ownerUrl: string): Promise<void> {
  const { default: pg } = await import('pg');
  // Processes starting together take turns: pg-boss's install and createQueue are not concurrent-safe.
  const lock = new pg.Client({ connectionString: ownerUrl });
  await lock.connect();
  await lock.query(`select pg_advisory_lock(hashtext('crm-autopilot:queues'))`);
  const boss = new PgBoss({ connectionString: ownerUrl, max: 2, supervise: false, schedule: false, registerInstance: false });
  boss.on('error', () => {});
  try {
    await boss.start();
    // The dead-letter queue first: the others name it.
    for (const name of [DEAD_LETTER_QUEUE, ...jobNames.filter((n) => n !== DEAD_LETTER_QUEUE)]) {
      const options = {
        ...queueOptions,
        ...(name === DEAD_LETTER_QUEUE ? { retryLimit: 3 } : { deadLetter: DEAD_LETTER_QUEUE }),
        // One dispatch queued and one running per tenant (singletonKey): duplicates are dropped.
        ...(name === 'autopilot.dispatch' ? { policy: 'stately' as const } : {}),
        // One job queued per search and period (singletonKey): a period's start is never queued twice.
        ...(name === 'leadsearch.schedule' ? { policy: 'short' as const } : {}),
        notify: true,
      };
      if (await boss.getQueue(name)) {
        const { policy: _policy, retryDelayMax: _max, heartbeatSeconds: _heartbeat, ...updatable } = options as typeof options & { policy?: string };
        await boss.updateQueue(name, updatable);
      } else {
        await boss.createQueue(name, options);
      }
    }
  } finally {
    await boss.stop({ graceful: false, close: true }).catch(() => undefined);
    await lock.end();
  }
}

/** pg-boss as the app's role: no schema changes, no reindexing (those need the owner). */
export function createBoss(appUrl: string, options: { max?: number; supervise?: boolean } = {}): PgBoss {
  return new PgBoss({
    connectionString: appUrl,
    max: options.max ?? 5,
    migrate: false,
    createSchema: false,
    supervise: options.supervise ?? true,
    // How often lost heartbeats and expired jobs are noticed.
    superviseIntervalSeconds: 5,
    reindex: false,
    schedule: false,
    persistWarnings: false,
    // Workers wake on NOTIFY the moment a job is queued, instead of at the next poll.
    useListenNotify: true,
  });
}

/** The JobQueue port on pg-boss; with `tx`, jobs commit or roll back with the caller's transaction. */
export class PgBossQueue implements JobQueue {
  private readonly db: IDatabase | undefined;

  constructor(
    private readonly boss: PgBoss,
    tx?: Sql,
  ) {
    this.db = tx ? fromKysely(tx) : undefined;
  }

  async send<N extends JobName>(name: N, payload: JobPayloads[N], options: JobOptions = {}): Promise<void> {
    await this.boss.send(name, payload, {
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(this.db ? { db: this.db } : {}),
    });
  }

  async sendMany<N extends JobName>(name: N, payloads: Array<JobPayloads[N]>): Promise<void> {
    if (!payloads.length) return;
    await this.boss.insert(name, payloads.map((data) => ({ data })), this.db ? { db: this.db } : undefined);
  }
}

/** Lets the app's role use pg-boss's tables and functions (run after installQueues, as the owner). */
export async function grantQueueAccess(ownerUrl: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(`
      GRANT USAGE ON SCHEMA pgboss TO crm_app;
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO crm_app;
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA pgboss TO crm_app;
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA pgboss TO crm_app;`);
  } finally {
    await client.end();
  }
}
