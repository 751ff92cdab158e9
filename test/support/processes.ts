import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestGateway } from './gateway.ts';

/** A worker process of the same deployment as `app` (`gateway/main.ts worker`), killable at will. */
export function spawnWorker(app: TestGateway, env: Record<string, string> = {}): { child: ChildProcess; ready: Promise<void>; output: () => string } {
  return spawnRole(app, 'worker', /worker is running/, env);
}

/** A gateway process of the same deployment as `app` (`gateway/main.ts gateway`) on `port`. */
export function spawnGateway(app: TestGateway, port: number, env: Record<string, string> = {}): { child: ChildProcess; ready: Promise<void>; output: () => string } {
  return spawnRole(app, 'gateway', /gateway listening/, { PORT: String(port), WORKERS: 'false', LOG_LEVEL: 'info', ...env });
}

function spawnRole(app: TestGateway, role: 'worker' | 'gateway', readyLine: RegExp, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'gateway/main.ts', role], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: app.database.ownerUrl,
      DATABASE_APP_URL: app.database.appUrl,
      ENCRYPTION_KEY: app.secrets.encryption.toString('base64'),
      JWT_SECRET: app.secrets.session,
      PUBLIC_URL: app.config.PUBLIC_URL,
      DATA_DIR: join(tmpdir(), 'crm-test-worker'),
      LOG_LEVEL: 'warn',
      WORKER_CONCURRENCY: '4',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (readyLine.test(output)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${role} exited (${code}) before it was ready:\n${output}`)));
  });
  ready.catch(() => undefined);
  return { child, ready, output: () => output };
}

export function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}
