import type { Job, JobResult, JobWithMetadata } from 'pg-boss';
import type { Logger } from 'pino';
import { StepDeferred, StepSkipped } from '../../core/autopilot/autopilot.deps.ts';
import { jobNames, type JobName, type JobPayloads } from '../../core/autopilot/jobs.ts';
import { TimelineKind } from '../../core/leads/lead.types.ts';
import type { Services } from '../services.ts';
import { handlers } from './handlers.ts';

export interface WorkerOptions {
  concurrency: number;
  batchSize?: number;
  pollingIntervalSeconds?: number;
}

/** Runs every queue's handler in this process; any number of processes can do the same. */
export async function startWorkers(services: Services, logger: Logger, options: WorkerOptions): Promise<() => Promise<void>> {
  for (const name of jobNames) {
    await services.boss.work(
      name,
      {
        // Jobs are fetched in batches (one round trip for many) and settled one by one.
        batchSize: options.batchSize ?? 10,
        perJobResults: true,
        localConcurrency: options.concurrency,
        pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
        // Retries and delayed jobs are not announced by NOTIFY: poll for them often enough.
        notifyPollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
        burstWhenBatchFull: true,
        includeMetadata: true,
      },
      async (jobs: Array<JobWithMetadata<object>>): Promise<JobResult[]> =>
        Promise.all(
          jobs.map(async (job) => {
            try {
              await runJob(services, logger, name, job);
              return { id: job.id, status: 'completed' as const };
            } catch (error) {
              return { id: job.id, status: 'failed' as const, output: { message: error instanceof Error ? error.message : String(error) } };
            }
          }),
        ),
    );
  }
  return async () => {
    await Promise.all(jobNames.map((name) => services.boss.offWork(name).catch(() => undefined)));
  };
}

async function runJob<N extends JobName>(services: Services, logger: Logger, name: N, job: JobWithMetadata<object>): Promise<void> {
  const payload = job.data as JobPayloads[N];
  const log = logger.child({ job: name, jobId: job.id, tenantId: (payload as { tenantId?: string }).tenantId, attempt: job.retryCount + 1 });
  try {
    await (handlers[name] as (s: Services, p: JobPayloads[N]) => Promise<unknown>)(services, payload);
    log.debug('job done');
  } catch (error) {
    if (error instanceof StepSkipped) {
      log.debug({ reason: error.reason }, 'job skipped');
      return;
    }
    if (error instanceof StepDeferred) {
      log.info({ reason: error.reason, retryAt: error.retryAt }, 'job deferred');
      await services.boss.send(name, payload, { startAfter: error.retryAt });
      return;
    }
    const lastAttempt = job.retryCount >= job.retryLimit;
    log[lastAttempt ? 'error' : 'warn']({ err: error }, lastAttempt ? 'job failed for good' : 'job failed; it will be retried');
    if (lastAttempt) await recordFailure(services, name, payload, error).catch((e: unknown) => log.error({ err: e }, 'could not record the failure'));
    throw error;
  }
}

/** A job out of retries appears on its lead's timeline as a failure, with the reason. */
async function recordFailure(services: Services, name: JobName, payload: object, error: unknown): Promise<void> {
  const data = payload as { tenantId?: string; leadId?: string; messageId?: string; proposalId?: string };
  if (!data.tenantId) return;
  await services.autopilot(data.tenantId).uow.run(async (tx) => {
    const leadId =
      data.leadId ??
      (data.messageId ? (await tx.messages.find(data.messageId))?.leadId : null) ??
      (data.proposalId ? (await tx.records.findProposal(data.proposalId))?.leadId : null);
    if (!leadId) return;
    const reason = error instanceof Error ? error.message : String(error);
    await tx.leads.appendTimeline([{ leadId, kind: TimelineKind.FAILURE, actor: { type: 'system', id: null, name: 'autopilot' }, reason: `${name} failed after every retry: ${reason}`, data: { job: name } }]);
  });
}

export type { Job };
