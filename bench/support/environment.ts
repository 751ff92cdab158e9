import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureAppLogin } from '../../adapters/db/app-role.ts';
import { freePort, startEmbeddedPostgres } from '../../adapters/db/embedded-postgres.ts';
import { migrate } from '../../adapters/db/orm.ts';
import { grantQueueAccess, installQueues } from '../../adapters/queue/pg-boss.ts';
import { createDatabaseIfMissing } from '../../gateway/runtime/database.ts';

export interface BenchDatabase {
  ownerUrl: string;
  appUrl: string;
  /** One deployment's secrets: every product process of this database shares them (tokens, credentials). */
  secrets?: { JWT_SECRET: string; ENCRYPTION_KEY: string };
  stop(): Promise<void>;
}

/** A throwaway PostgreSQL for one benchmark run (or BENCH_DATABASE_URL, a superuser URL); it records commit times (the live benchmark measures from them). */
export async function benchDatabase(): Promise<BenchDatabase> {
  const external = process.env.BENCH_DATABASE_URL;
  const server = external ? null : await startEmbeddedPostgres({ dataDir: join(tmpdir(), `crm-bench-${randomBytes(4).toString('hex')}`), persistent: false, settings: { track_commit_timestamp: 'on' } });
  const base = external ?? server!.superuserUrl('postgres');
  const name = `crm_bench_${randomBytes(4).toString('hex')}`;
  await createDatabaseIfMissing(base, name);
  const ownerUrl = withDatabase(base, name);
  await migrate(ownerUrl);
  await installQueues(ownerUrl);
  await grantQueueAccess(ownerUrl);
  const app = new URL(ownerUrl);
  app.username = `crm_bench_app_${randomBytes(3).toString('hex')}`;
  app.password = randomBytes(12).toString('hex');
  await ensureAppLogin(ownerUrl, app.toString());
  const secrets = { JWT_SECRET: randomBytes(32).toString('hex'), ENCRYPTION_KEY: randomBytes(32).toString('base64') };
  return { ownerUrl, appUrl: app.toString(), secrets, stop: async () => void (await server?.stop()) };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export interface Product {
  url: string;
  pid: number;
  /** The V8 flags it was started with (its npm script's). */
  nodeFlags: string[];
  /** The process's peak resident memory so far, in MB (VmHWM). */
  peakRssMb(): number;
  stop(): Promise<void>;
}

/** The V8 heap flags package.json's script for `role` starts the product with, so the bench measures it as shipped. */
function heapFlags(role: 'gateway' | 'worker' | 'all'): string[] {
  const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
  return scripts[role === 'all' ? 'start' : role]?.match(/--max-(?:semi|old)-space-size=\d+/g) ?? [];
}

/** The product as its own process (`gateway/main.ts <role>`, as its npm script runs it), so its memory is measured alone. */
export async function startProduct(db: BenchDatabase, role: 'gateway' | 'worker' | 'all', env: Record<string, string> = {}): Promise<Product> {
  const port = await freePort();
  const nodeFlags = heapFlags(role);
  const child: ChildProcess = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', 'gateway/main.ts', role], {
    env: {
      ...process.env,
      DATABASE_URL: db.ownerUrl,
      DATABASE_APP_URL: db.appUrl,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      DEMO_SEED: 'false',
      PASSWORD_HASH_COST: '10',
      DATA_DIR: join(tmpdir(), `crm-bench-data-${port}`),
      // Measured as deployed when the deployment's secrets are given (production also turns off
      // graphql-js's development-only checks).
      ...(db.secrets ? { NODE_ENV: 'production' } : {}),
      ...(db.secrets ?? {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the product exited during start-up:\n${output}`);
    if (role === 'worker' ? /worker is running/.test(output) : await fetch(`${url}/readyz`).then((r) => r.ok).catch(() => false)) break;
    if (Date.now() > deadline) throw new Error(`the product did not start in 60 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    pid: child.pid as number,
    nodeFlags,
    peakRssMb: () => peakRss(child.pid as number),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function peakRss(pid: number | 'self'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** Signs up an agency and returns the owner's token and first tenant. */
export async function signupOwner(url: string): Promise<{ token: string; tenantId: string }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($i: SignupInput!) { signup(input: $i) { token tenants(first: 1) { nodes { id } } } }',
      variables: { i: { agencyName: 'Bench Agency', tenantName: 'Bench Tenant', name: 'Bench', email: `bench-${randomBytes(4).toString('hex')}@bench.test`, password: 'bench-password' } },
    }),
  });
  const body = (await response.json()) as { data: { signup: { token: string; tenants: { nodes: Array<{ id: string }> } } } };
  return { token: body.data.signup.token, tenantId: body.data.signup.tenants.nodes[0]!.id };
}
