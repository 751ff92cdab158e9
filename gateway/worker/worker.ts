import type { Job, JobResult, JobWithMetadata } from 'pg-boss';
import type { Logger } from 'pino';
import { done, outcomeOfError, type StepOutcome } from '../../core/autopilot/autopilot.deps.ts';
import { recordJobFailure } from '../../core/autopilot/job-failure.ts';
import { jobNames, type JobName, type JobPayloads } from '../../core/autopilot/jobs.ts';
import type { Services } from '../services.ts';
import { batchHandlers, handlers } from './handlers.ts';

export interface WorkerOptions {
  concurrency: number;
  batchSize?: number;
  pollingIntervalSeconds?: number;
}

/**
 * Jobs fetched at once for a queue with a batch handler (each batch of one tenant is one unit of
 * work). A batch's moves commit together and reach live subscribers as one burst, which each
 * gateway and client then works through: at 50, a live update's p99 was 40–100 ms on 2 cores; at 20,
 * 20–40 ms, while the autopilot kept its rate (live and autopilot benchmarks).
 */
const BATCH_JOBS = 20;

/** Runs every queue's handler in this process; any number of processes can do the same. */
export async function startWorkers(services: Services, logger: Logger, options: WorkerOptions): Promise<() => Promise<void>> {
  for (const name of jobNames) {
    await services.boss.work(
      name,
      {
        // Jobs are fetched in batches (one round trip for many) and settled one by one.
        batchSize: batchHandlers[name] ? BATCH_JOBS : (options.batchSize ?? 10),
        perJobResults: true,
        localConcurrency: options.concurrency,
        pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
        // Retries and delayed jobs are not announced by NOTIFY: poll for them often enough.
        notifyPollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
        burstWhenBatchFull: true,
        includeMetadata: true,
      },
      async (jobs: Array<JobWithMetadata<object>>): Promise<JobResult[]> => {
        const outcomes = await runJobs(services, name, jobs);
        return Promise.all(jobs.map((job, i) => settleJob(services, logger, name, job, outcomes[i] as StepOutcome<unknown>)));
      },
    );
  }
  return async () => {
    await Promise.all(jobNames.map((name) => services.boss.offWork(name).catch(() => undefined)));
  };
}

/** One outcome per job: a batch handler per tenant where there is one, else job by job. */
async function runJobs<N extends JobName>(services: Services, name: N, jobs: Array<JobWithMetadata<object>>): Promise<Array<StepOutcome<unknown>>> {
  const batch = batchHandlers[name] as ((s: Services, tenantId: string, p: Array<JobPayloads[N]>) => Promise<Array<StepOutcome<unknown>>>) | undefined;
  if (!batch) return Promise.all(jobs.map((job) => runOne(services, name, job)));
  const outcomes: Array<StepOutcome<unknown>> = new Array(jobs.length);
  const byTenant = new Map<string, number[]>();
  jobs.forEach((job, i) => {
    const tenantId = (job.data as { tenantId: string }).tenantId;
    byTenant.set(tenantId, [...(byTenant.get(tenantId) ?? []), i]);
  });
  await Promise.all(
    [...byTenant].map(async ([tenantId, indexes]) => {
      try {
        const results = await batch(services, tenantId, indexes.map((i) => (jobs[i] as JobWithMetadata<object>).data as JobPayloads[N]));
        indexes.forEach((jobIndex, k) => (outcomes[jobIndex] = results[k] as StepOutcome<unknown>));
      } catch {
        // The batch failed as a whole: run its jobs one by one, so one bad job fails alone.
        await Promise.all(indexes.map(async (i) => (outcomes[i] = await runOne(services, name, jobs[i] as JobWithMetadata<object>))));
      }
    }),
  );
  return outcomes;
}

async function runOne<N extends JobName>(services: Services, name: N, job: JobWithMetadata<object>): Promise<StepOutcome<unknown>> {
  try {
    return done(await (handlers[name] as (s: Services, p: JobPayloads[N]) => Promise<unknown>)(services, job.data as JobPayloads[N]));
  } catch (error) {
    return outcomeOfError(error);
  }
}

/** Completes a job, queues it again for later when it was deferred, or fails it (recorded on the lead's timeline on its last attempt). */
async function settleJob(services: Services, logger: Logger, name: JobName, job: JobWithMetadata<object>, outcome: StepOutcome<unknown>): Promise<JobResult> {
  const payload = job.data;
  const log = logger.child({ job: name, jobId: job.id, tenantId: (payload as { tenantId?: string }).tenantId, attempt: job.retryCount + 1 });
  switch (outcome.status) {
    case 'done':
      log.debug('job done');
      return { id: job.id, status: 'completed' };
    case 'skipped':
      log.debug({ reason: outcome.reason }, 'job skipped');
      return { id: job.id, status: 'completed' };
    case 'deferred':
      log.info({ reason: outcome.reason, retryAt: outcome.retryAt }, 'job deferred');
      try {
        await services.boss.send(name, payload, { startAfter: outcome.retryAt });
        return { id: job.id, status: 'completed' };
      } catch (error) {
        return { id: job.id, status: 'failed', output: { message: `could not defer: ${messageOf(error)}` } };
      }
    case 'failed': {
      const lastAttempt = job.retryCount >= job.retryLimit;
      log[lastAttempt ? 'error' : 'warn']({ err: outcome.error }, lastAttempt ? 'job failed for good' : 'job failed; it will be retried');
      if (lastAttempt) await recordFailure(services, name, payload, outcome.error).catch((e: unknown) => log.error({ err: e }, 'could not record the failure'));
      return { id: job.id, status: 'failed', output: { message: messageOf(outcome.error) } };
    }
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A job out of retries appears on its lead's timeline as a failure, with the reason (and its message, if it left one half way, as failed). */
async function recordFailure(services: Services, name: JobName, payload: object, error: unknown): Promise<void> {
  const data = payload as { tenantId?: string; leadId?: string; messageId?: string; proposalId?: string; step?: number };
  if (!data.tenantId) return;
  await services.autopilot(data.tenantId).uow.run((tx) => recordJobFailure(tx, name, data, messageOf(error)));
}

export type { Job };
