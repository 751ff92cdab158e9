import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { exited, spawnWorker } from '../support/processes.ts';

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
