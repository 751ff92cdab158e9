import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { Database } from '../../adapters/db/database.ts';
import { createOrm } from '../../adapters/db/orm.ts';
import { withCredentials, withDatabase } from './global-setup.ts';

export interface TestDatabase {
  name: string;
  ownerUrl: string;
  appUrl: string;
  db: Database;
  /** A raw client connected as the app's role (no ORM), for SQL that bypasses the code. */
  appClient(): Promise<pg.Client>;
  /** A raw client as the superuser (bypasses RLS): for checking what really is in the tables. */
  ownerClient(): Promise<pg.Client>;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file, cloned from the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { superuserUrl, templateDatabase, appUser, appPassword } = inject('pg');
  const name = `crm_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: superuserUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${templateDatabase}`);
  await admin.end();
  const ownerUrl = withDatabase(superuserUrl, name);
  const appUrl = withCredentials(ownerUrl, appUser, appPassword);
  const db = new Database(await createOrm({ url: appUrl, poolMax: 10 }));
  // One client of each kind per test database, opened on first use (tests ask for them often).
  const clients = new Map<string, Promise<pg.Client>>();
  const connect = (url: string) => {
    if (!clients.has(url)) {
      const client = new pg.Client({ connectionString: url });
      clients.set(url, client.connect().then(() => client));
    }
    return clients.get(url) as Promise<pg.Client>;
  };
  return {
    name,
    ownerUrl,
    appUrl,
    db,
    appClient: () => connect(appUrl),
    ownerClient: () => connect(ownerUrl),
    async drop() {
      await Promise.all([...clients.values()].map(async (client) => (await client).end().catch(() => undefined)));
      await db.close();
      const cleanup = new pg.Client({ connectionString: superuserUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
