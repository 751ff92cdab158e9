import { sql, type Database, type Scope } from './database.ts';

export type Claim = { state: 'new' } | { state: 'done'; result: unknown } | { state: 'pending' } | { state: 'mismatch'; operation: string };

/** How long a key is remembered. */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;

/** Idempotency keys of one tenant (see the idempotency_keys migration). */
export class IdempotencyKeys {
  constructor(
    private readonly db: Database,
    private readonly scope: Scope,
  ) {}

  /** Claims `key` for this request, or says what an earlier request with it did. */
  claim(key: string, operation: string, requestHash: string): Promise<Claim> {
    return this.db.transaction(this.scope, async (tx) => {
      // Expired keys go a few at a time (this one first, if it expired), so the table stays small.
      await sql`delete from idempotency_keys where ctid in (
        select ctid from idempotency_keys where created_at < now() - make_interval(hours => ${IDEMPOTENCY_KEY_TTL_HOURS}) limit 20 for update skip locked)`.execute(tx);
      const inserted = await sql`
        insert into idempotency_keys (tenant_id, key, operation, request_hash, state) values (app_current_tenant(), ${key}, ${operation}, ${requestHash}, 'pending')
        on conflict do nothing returning key`.execute(tx);
      if (inserted.rows.length) return { state: 'new' };
      const { rows } = await sql<{ operation: string; request_hash: string; state: 'pending' | 'done'; result: unknown }>`
        select operation, request_hash, state, result from idempotency_keys where tenant_id = app_current_tenant() and key = ${key}`.execute(tx);
      const row = rows[0];
      if (!row) return { state: 'new' };
      if (row.operation !== operation || row.request_hash !== requestHash) return { state: 'mismatch', operation: row.operation };
      return row.state === 'done' ? { state: 'done', result: row.result } : { state: 'pending' };
    });
  }

  async complete(key: string, result: unknown): Promise<void> {
    await this.db.transaction(this.scope, (tx) =>
      sql`update idempotency_keys set state = 'done', result = ${JSON.stringify(result, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}::jsonb
           where tenant_id = app_current_tenant() and key = ${key}`.execute(tx),
    );
  }

  /** The request failed as the caller's mistake or the domain's refusal: the key may be used again. */
  async release(key: string): Promise<void> {
    await this.db.transaction(this.scope, (tx) => sql`delete from idempotency_keys where tenant_id = app_current_tenant() and key = ${key} and state = 'pending'`.execute(tx));
  }
}
