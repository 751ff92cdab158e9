import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const WEB_BUILD = join(ROOT, 'web/build/handler.js');

export interface Product {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The product as `npm start` starts it (gateway, workers, embedded PostgreSQL, the built dashboard)
 * on a free port with a fresh database; `stop` sends SIGINT so PostgreSQL shuts down too.
 */
export async function startProduct(): Promise<Product> {
  if (!existsSync(WEB_BUILD)) throw new Error(`The dashboard is not built (${WEB_BUILD} is missing): run \`npm run build:web\` first.`);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-browser-'));
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO_SEED: 'false', PASSWORD_HASH_COST: '10', PUBLIC_URL: url, LOG_LEVEL: 'warn', NODE_ENV: 'development' };
  // The test run's own database settings must not leak into the product.
  for (const name of ['DATABASE_URL', 'DATABASE_APP_URL', 'JWT_SECRET', 'ENCRYPTION_KEY', 'ORIGIN', 'CRM_GATEWAY_URL']) delete env[name];
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'gateway/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The product exited (${child.exitCode}) before it was ready:\n${output}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The product was not ready within 150 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return { url, output: () => output, stop };
}
