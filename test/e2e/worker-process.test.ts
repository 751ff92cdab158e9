import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { freePort } from '../../adapters/db/embedded-postgres.ts';
import { signup } from '../support/factories.ts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { exited, spawnGateway, spawnWorker } from '../support/processes.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

/** A process's niceness, from /proc/<pid>/stat (field 19; the name in field 2 may hold spaces). */
const nicenessOf = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);

let app: TestGateway;
beforeAll(async () => {
  app = await startTestGateway({}, { workers: false });
});
afterAll(() => app.close());

describe('worker process', () => {
  it.runIf(process.platform === 'linux')('runs at a lower CPU priority than the gateway (WORKER_NICENESS, 10 by default; 0 keeps it)', async () => {
    for (const [env, expected] of [[{}, 10], [{ WORKER_NICENESS: '0' }, nicenessOf(process.pid)]] as const) {
      const worker = spawnWorker(app, env);
      try {
        await worker.ready;
        expect(nicenessOf(worker.child.pid as number)).toBe(expected);
      } finally {
        worker.child.kill('SIGTERM');
        await exited(worker.child);
      }
    }
    expect(nicenessOf(process.pid)).toBe(0); // the gateway (this process) keeps its priority
  });

  it('refuses a niceness outside 0–19 with the variable named', async () => {
    const worker = spawnWorker(app, { WORKER_NICENESS: '25' });
    await expect(worker.ready).rejects.toThrow(/exited \(78\)[\s\S]*WORKER_NICENESS/);
  });
});

describe('graceful shutdown', () => {
  it('a gateway process given SIGTERM finishes the request in flight (an upload still arriving), then exits 0', async () => {
    const owner = await signup(app);
    const port = await freePort();
    const gateway = spawnGateway(app, port);
    try {
      await gateway.ready;
      const upload = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/leads/import?filename=late.csv', headers: { authorization: `Bearer ${owner.token}`, 'x-tenant-id': owner.tenantId, 'content-type': 'text/csv' } });
      const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
        upload.on('response', (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        upload.on('error', reject);
      });
      upload.write('Company,Email\nFirst Clinic,first@late.in\n');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const exit = new Promise<number | null>((resolve) => gateway.child.once('exit', (code) => resolve(code)));
      gateway.child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 200));
      upload.end('Second Clinic,second@late.in\n');
      const { status, body } = await answer;
      expect(status, body).toBe(200);
      expect(JSON.parse(body).import).toMatchObject({ rowsRead: 2, imported: 2 });
      expect(await exit).toBe(0);
      expect(gateway.output()).toMatch(/shutting down/);
    } finally {
      gateway.child.kill('SIGKILL');
      await exited(gateway.child);
    }
  });
});
