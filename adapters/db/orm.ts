import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { migrations } from '../../migrations/index.ts';

export type Orm = MikroORM;
export type Em = EntityManager;

export interface OrmOptions {
  url: string;
  poolMax?: number;
  /** Called with each SQL statement when set (debugging). */
  onQuery?: (message: string) => void;
}

/** A MikroORM instance on one connection URL. Entities are not mapped: repositories speak SQL. */
export async function createOrm(options: OrmOptions): Promise<Orm> {
  return MikroORM.init({
    clientUrl: options.url,
    entities: [],
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    migrations: { migrationsList: migrations, snapshot: false, silent: true, allOrNothing: true },
    pool: { min: 0, max: options.poolMax ?? 10 },
    sessionContext: 'transaction',
    debug: Boolean(options.onQuery),
    logger: options.onQuery ?? (() => {}),
  });
}

/** Applies pending migrations as the schema owner; concurrent starters wait on one advisory lock. */
export async function migrate(ownerUrl: string): Promise<string[]> {
  const orm = await createOrm({ url: ownerUrl, poolMax: 2 });
  try {
    const em = orm.em.fork();
    return await em.transactional(async (tx) => {
      await tx.execute(`select pg_advisory_xact_lock(hashtext('crm-autopilot:migrate'))`);
      const applied = await orm.migrator.up();
      return applied.map((migration) => migration.name);
    });
  } finally {
    await orm.close(true);
  }
}

/** Names of migrations known to the code but not yet applied to the database. */
export async function pendingMigrations(orm: Orm): Promise<string[]> {
  const rows = await orm.em.fork().execute<{ name: string }[]>('select name from mikro_orm_migrations');
  const applied = new Set(rows.map((row) => row.name));
  return migrations.map((migration) => migration.name).filter((name) => !applied.has(name));
}
