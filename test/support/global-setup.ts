import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureAppLogin } from '../../adapters/db/app-role.ts';
import { startEmbeddedPostgres } from '../../adapters/db/embedded-postgres.ts';
import { migrate } from '../../adapters/db/orm.ts';
import { grantQueueAccess, installQueues } from '../../adapters/queue/pg-boss.ts';
import { createDatabaseIfMissing } from '../../gateway/runtime/database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pg: { superuserUrl: string; templateDatabase: string; appUser: string; appPassword: string };
  }
}

/**
 * One PostgreSQL for the whole run: a throwaway embedded server, or TEST_DATABASE_URL (a superuser
 * URL). Migrations run once into a template; each test file clones it into its own database.
 */
export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_URL;
  const embedded = external
    ? null
    : await startEmbeddedPostgres({ dataDir: join(tmpdir(), `crm-autopilot-test-${randomBytes(4).toString('hex')}`), persistent: false });
  const superuserUrl = external ?? embedded!.superuserUrl('postgres');
  const run = randomBytes(4).toString('hex');
  const templateDatabase = `crm_test_template_${run}`;
  const appUser = `crm_test_app_${run}`;
  const appPassword = randomBytes(12).toString('hex');
  await createDatabaseIfMissing(superuserUrl, templateDatabase);
  const templateUrl = withDatabase(superuserUrl, templateDatabase);
  await migrate(templateUrl);
  await installQueues(templateUrl);
  await grantQueueAccess(templateUrl);
  await ensureAppLogin(templateUrl, withCredentials(withDatabase(superuserUrl, templateDatabase), appUser, appPassword));
  project.provide('pg', { superuserUrl, templateDatabase, appUser, appPassword });
  return async () => {
    await embedded?.stop();
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export function withCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = password;
  return parsed.toString();
}
