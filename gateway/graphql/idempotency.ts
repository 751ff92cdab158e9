import { createHash } from 'node:crypto';
import { DomainError, ErrorCode, validationError } from '../../core/errors.ts';
import { IdempotencyKeys } from '../../adapters/db/idempotency.store.pg.ts';
import type { GraphQLContext } from './context.ts';

/** The argument a creating mutation takes to be safe to retry. */
export const IDEMPOTENCY_ARG = 'idempotencyKey';
export const IDEMPOTENCY_DESCRIPTION =
  'Any unique string (a UUID, say) of your choosing: a retry with the same key and the same arguments within 24 hours gets the first answer instead of a second object.';

const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Runs a creating mutation at most once per idempotency key: the key is claimed first, the answer
 * stored with it, and a retry gets that answer (as JSON). A key still running, or whose first
 * request never finished, is a CONFLICT rather than a second run; a request that failed frees it.
 */
export async function onceByKey(context: GraphQLContext, operation: string, args: Record<string, unknown>, run: () => Promise<unknown>): Promise<unknown> {
  const key = args[IDEMPOTENCY_ARG];
  if (key === null || key === undefined) return run();
  if (typeof key !== 'string' || !KEY.test(key)) throw validationError([{ field: IDEMPOTENCY_ARG, message: 'must be 1-255 visible ASCII characters (a UUID, say)' }]);
  const ctx = await context.auth.tenant();
  const keys = new IdempotencyKeys(context.services.db, { agencyId: ctx.agencyId, tenantId: ctx.tenantId });
  const { [IDEMPOTENCY_ARG]: _key, ...request } = args;
  // A key is the caller's own (a user's or an API key's): nobody else's retry can read its answer.
  const owned = createHash('sha256').update(JSON.stringify([ctx.actor.type, ctx.actor.id, key])).digest('hex');
  const claim = await keys.claim(owned, operation, createHash('sha256').update(JSON.stringify(request)).digest('hex'));
  switch (claim.state) {
    case 'done':
      return claim.result;
    case 'pending':
      throw new DomainError(ErrorCode.CONFLICT, 'A request with this idempotency key is still running, or did not finish; check whether it took effect before sending it with a new key.', { reason: 'IDEMPOTENCY_KEY_IN_USE' });
    case 'mismatch':
      throw new DomainError(ErrorCode.CONFLICT, `This idempotency key was already used for a different request (${claim.operation} with other arguments); use a new key.`, { reason: 'IDEMPOTENCY_KEY_REUSED' });
    case 'new':
      break;
  }
  let result: unknown;
  try {
    result = await run();
  } catch (error) {
    await keys.release(owned);
    throw error;
  }
  await keys.complete(owned, result);
  return result;
}
