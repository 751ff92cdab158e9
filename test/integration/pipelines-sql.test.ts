import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TerminalKind, checkMove, type MovePolicy, type PipelineRules } from '../../core/pipelines/pipeline-engine.ts';
import { signup, type Account } from '../support/factories.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 120_000 });

/**
 * The database enforces every pipeline from its data, whatever the SQL: moves, new deals, status and
 * history columns, retired stages and deletions, checked from raw SQL as the app's role (row-level
 * security on) and as the owner; and the seed's pipelines exist for every tenant.
 */
let app: TestGateway;
let account: Account;
let owner: pg.Client;

beforeAll(async () => {
  app = await startTestGateway({}, { workers: false });
  account = await signup(app);
  owner = await app.database.ownerClient();
});
afterAll(() => app.close());

interface StageSpec { name: string; terminal?: 'won' | 'lost' | 'none'; retired?: boolean }

/** A pipeline written straight into the tables (as the owner): its id and its stages' ids by name. */
async function pipelineInSql(stages: StageSpec[], policy: MovePolicy = { skipForward: false, moveBack: false }, tenantId = account.tenantId) {
  const { rows } = await owner.query(
    'insert into pipelines (tenant_id, name, kind, allow_skip_forward, allow_move_back) values ($1, $2, $3, $4, $5) returning id',
    [tenantId, `Custom ${Math.random().toString(36).slice(2)}`, 'other', policy.skipForward, policy.moveBack],
  );
  const id = rows[0].id as string;
  const ids: Record<string, string> = {};
  for (const [i, stage] of stages.entries()) {
    const inserted = await owner.query(
      'insert into pipeline_stages (tenant_id, pipeline_id, name, position, probability, terminal_kind, retired) values ($1, $2, $3, $4, 50, $5, $6) returning id',
      [tenantId, id, stage.name, i + 1, stage.terminal ?? 'none', stage.retired ?? false],
    );
    ids[stage.name] = inserted.rows[0].id;
  }
  return { id, ids };
}

async function leadInSql(tenantId = account.tenantId): Promise<string> {
  const { rows } = await owner.query("insert into leads (tenant_id, business_name, email) values ($1, 'Deal Co', $2) returning id", [tenantId, `deal-${Math.random().toString(36).slice(2)}@co.in`]);
  return rows[0].id;
}

async function dealInSql(pipeline: { id: string; ids: Record<string, string> }, stage: string): Promise<string> {
  const { rows } = await owner.query("insert into deals (tenant_id, lead_id, pipeline_id, stage_id, value_currency) values ($1, $2, $3, $4, 'INR') returning id", [account.tenantId, await leadInSql(), pipeline.id, pipeline.ids[stage]]);
  return rows[0].id;
}

const move = (client: pg.Client, dealId: string, stageId: string, extra = '') => client.query(`update deals set stage_id = $2${extra} where id = $1 returning status, previous_stage_id, lost_reason`, [dealId, stageId]);

const FIVE: StageSpec[] = [{ name: 'One' }, { name: 'Two' }, { name: 'Three' }, { name: 'Four' }, { name: 'Five' }, { name: 'Won', terminal: 'won' }, { name: 'Lost', terminal: 'lost' }];

describe('the seed\'s pipelines', () => {
  const expected = {
    Sales: [['New Lead', 10, 'send_initial_email', 0, 'none'], ['Contacted', 20, 'wait_for_reply', 3, 'none'], ['Interested', 40, 'schedule_call', 2, 'none'], ['Proposal Sent', 60, 'send_followup_1', 3, 'none'],
      ['Negotiating', 80, 'ai_monitor', 5, 'none'], ['Won', 100, 'send_welcome', null, 'won'], ['Lost', 0, 'archive', null, 'lost']],
    'Backlink outreach': [['Opportunity Found', 5, 'research_contact', 0, 'none'], ['Contact Found', 10, 'send_pitch', 0, 'none'], ['Pitch Sent', 20, 'wait_for_reply', 5, 'none'],
      ['Follow-up 1', 25, 'send_followup_1', 5, 'none'], ['Follow-up 2', 30, 'send_followup_2', 7, 'none'], ['Responded', 60, 'classify_response', 0, 'none'],
      ['Link Placed', 100, 'verify_link', null, 'won'], ['Rejected', 0, 'archive', null, 'lost']],
  };
  const seeded = async (tenantId: string) => {
    const { rows } = await owner.query(`
      select p.name as pipeline, p.kind, p.built_in, p.allow_skip_forward, p.allow_move_back,
             json_agg(json_build_array(s.name, s.probability, s.auto_action, s.follow_up_days, s.terminal_kind) order by s.position) as stages
        from pipelines p join pipeline_stages s on s.pipeline_id = p.id where p.tenant_id = $1 group by p.tenant_id, p.id order by p.name desc`, [tenantId]);
    return rows;
  };

  it('a new tenant (signed up, or created by an owner) gets Sales and Backlink outreach with the seed\'s stages, and lost reasons', async () => {
    const created = await app.gql('mutation { createTenant(input: { name: "Second client" }) { id } }', {}, { token: account.token });
    for (const tenantId of [account.tenantId, created.data?.createTenant.id as string]) {
      expect(await seeded(tenantId)).toEqual([
        { pipeline: 'Sales', kind: 'sales', built_in: true, allow_skip_forward: false, allow_move_back: false, stages: expected.Sales },
        { pipeline: 'Backlink outreach', kind: 'backlink', built_in: true, allow_skip_forward: true, allow_move_back: true, stages: expected['Backlink outreach'] },
      ]);
      const reasons = await owner.query('select reason from deal_lost_reasons where tenant_id = $1 order by position', [tenantId]);
      expect(reasons.rows.map((r) => r.reason)).toEqual(['No budget', 'Chose a competitor', 'No response', 'Not a fit', 'Bad timing', 'Other']);
    }
  });
});

describe('moves from raw SQL, in a pipeline of the tenant\'s own', () => {
  it('forward one and to a terminal stage succeed; skipping, going back and leaving a closed deal fail', async () => {
    const p = await pipelineInSql(FIVE);
    const deal = await dealInSql(p, 'One');
    await expect(move(owner, deal, p.ids.Three!)).rejects.toThrow(/illegal deal stage change from One to Three/);
    await expect(move(owner, deal, p.ids.Two!)).resolves.toMatchObject({ rows: [{ status: 'active', previous_stage_id: p.ids.One }] });
    await expect(move(owner, deal, p.ids.One!)).rejects.toThrow(/illegal deal stage change from Two to One/);
    await expect(move(owner, deal, p.ids.Won!)).resolves.toMatchObject({ rows: [{ status: 'won' }] });
    await expect(move(owner, deal, p.ids.Five!)).rejects.toThrow(/illegal deal stage change from Won to Five/);
    await expect(move(owner, deal, p.ids.Lost!, ", lost_reason = 'No budget'")).rejects.toThrow(/illegal deal stage change from Won to Lost/);
  });

  it('the same, as the app\'s role under row-level security; another tenant\'s deal is not even seen', async () => {
    const p = await pipelineInSql(FIVE);
    const deal = await dealInSql(p, 'One');
    const appSql = await app.database.appClient();
    await appSql.query('begin');
    try {
      await appSql.query("select set_config('app.tenant_id', $1, true)", [account.tenantId]);
      await expect(move(appSql, deal, p.ids.Two!)).resolves.toMatchObject({ rowCount: 1 });
      await appSql.query('savepoint s');
      await expect(move(appSql, deal, p.ids.Four!)).rejects.toThrow(/illegal deal stage change from Two to Four/);
      await appSql.query('rollback to savepoint s');
      await appSql.query("select set_config('app.tenant_id', $1, true)", [(await signup(app)).tenantId]);
      await expect(move(appSql, deal, p.ids.Three!)).resolves.toMatchObject({ rowCount: 0 });
    } finally {
      await appSql.query('rollback');
    }
  });

  it('the move policy is data: skipping forward and moving back (a closed deal too) once the pipeline allows them', async () => {
    const p = await pipelineInSql(FIVE);
    const deal = await dealInSql(p, 'One');
    await expect(move(owner, deal, p.ids.Four!)).rejects.toThrow(/illegal/);
    await owner.query('update pipelines set allow_skip_forward = true where id = $1', [p.id]);
    await move(owner, deal, p.ids.Four!);
    await expect(move(owner, deal, p.ids.Two!)).rejects.toThrow(/illegal/);
    await owner.query('update pipelines set allow_move_back = true where id = $1', [p.id]);
    await move(owner, deal, p.ids.Two!);
    await expect(move(owner, deal, p.ids.Lost!, ", lost_reason = 'Other'")).resolves.toMatchObject({ rows: [{ status: 'lost', lost_reason: 'Other' }] });
    // Reopened: active again, and the lost reason goes with the loss.
    await expect(move(owner, deal, p.ids.Three!)).resolves.toMatchObject({ rows: [{ status: 'active', lost_reason: null }] });
    await expect(move(owner, deal, p.ids.Lost!, ", lost_reason = 'Other'")).resolves.toBeTruthy();
    await expect(move(owner, deal, p.ids.Won!)).rejects.toThrow(/illegal deal stage change from Lost to Won/);
  });

  it('a retired stage takes no deals, by a move or a new deal; forward one goes past it; a deal in it can leave', async () => {
    const p = await pipelineInSql(FIVE);
    const inTwo = await dealInSql(p, 'Two');
    const inOne = await dealInSql(p, 'One');
    await owner.query('update pipeline_stages set retired = true where id = $1', [p.ids.Two]);
    await expect(move(owner, inOne, p.ids.Two!)).rejects.toThrow(/illegal deal stage change from One to Two/);
    await expect(dealInSql(p, 'Two')).rejects.toThrow(/starts active or paused in an open stage that takes deals/);
    await move(owner, inOne, p.ids.Three!);
    await move(owner, inTwo, p.ids.Three!);
  });

  it('a deal starts in an open stage, stays in its pipeline and with its lead, and its bookkeeping cannot be forged', async () => {
    const p = await pipelineInSql(FIVE);
    const other = await pipelineInSql(FIVE);
    await expect(dealInSql(p, 'Won')).rejects.toThrow(/not active in Won/);
    const deal = await dealInSql(p, 'One');
    await expect(owner.query("insert into deals (tenant_id, lead_id, pipeline_id, stage_id, value_currency, status) values ($1, $2, $3, $4, 'INR', 'won')", [account.tenantId, await leadInSql(), p.id, p.ids.One])).rejects.toThrow(/starts active or paused/);
    // Into another pipeline: its stages are not the deal's pipeline's (the stage keys say so).
    await expect(owner.query('update deals set pipeline_id = $2, stage_id = $3 where id = $1', [deal, other.id, other.ids.One])).rejects.toThrow(/foreign key/);
    await expect(owner.query('update deals set lead_id = $2 where id = $1', [deal, await leadInSql()])).rejects.toThrow(/stays in its pipeline and with its lead/);
    await expect(owner.query('update deals set stage_id = $2 where id = $1', [deal, other.ids.Two])).rejects.toThrow(/violates foreign key/);
    await expect(owner.query("update deals set status = 'won' where id = $1", [deal])).rejects.toThrow(/status follows its stage/);
    await expect(owner.query('update deals set previous_stage_id = $2 where id = $1', [deal, p.ids.Four])).rejects.toThrow(/change only with its stage/);
    await expect(owner.query("update deals set stage_entered_at = now() - interval '3 days' where id = $1", [deal])).rejects.toThrow(/change only with its stage/);
    await expect(move(owner, deal, p.ids.Lost!)).rejects.toThrow(/deals_lost_reason/);
    await owner.query("update deals set status = 'paused' where id = $1", [deal]);
    await expect(move(owner, deal, p.ids.Two!)).resolves.toMatchObject({ rows: [{ status: 'paused' }] });
  });

  it('a stage a deal is in, or passed through, cannot be deleted, nor change its terminal kind while it holds deals', async () => {
    const p = await pipelineInSql(FIVE);
    const deal = await dealInSql(p, 'One');
    await move(owner, deal, p.ids.Two!);
    await expect(owner.query('delete from pipeline_stages where id = $1', [p.ids.Two])).rejects.toThrow(/foreign key/);
    await expect(owner.query('delete from pipeline_stages where id = $1', [p.ids.One])).rejects.toThrow(/foreign key/);
    await expect(owner.query("update pipeline_stages set terminal_kind = 'won' where id = $1", [p.ids.Two])).rejects.toThrow(/keeps its terminal kind/);
    await expect(owner.query('delete from pipeline_stages where id = $1 returning id', [p.ids.Five])).resolves.toMatchObject({ rowCount: 1 });
  });

  it('a move waiting behind a change to its pipeline is judged by the changed pipeline (they serialise on the pipeline\'s row)', async () => {
    const p = await pipelineInSql(FIVE);
    const deal = await dealInSql(p, 'One');
    const changer = new pg.Client({ connectionString: app.database.ownerUrl });
    const mover = new pg.Client({ connectionString: app.database.ownerUrl });
    await Promise.all([changer.connect(), mover.connect()]);
    try {
      await changer.query('begin');
      await changer.query('update pipeline_stages set retired = true where id = $1', [p.ids.Two]);
      const waiting = move(mover, deal, p.ids.Two!).then(() => 'moved', (error: Error) => error.message);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await changer.query('commit');
      expect(await waiting).toMatch(/illegal deal stage change from One to Two/);
    } finally {
      await Promise.all([changer.end(), mover.end()]);
    }
  });
});

describe('random pipelines and random concurrent moves from raw SQL (property-based)', () => {
  const tally = { runs: 0, accepted: 0, refused: 0 };
  afterAll(() => console.log(`raw SQL deal races: ${tally.runs} runs, ${tally.accepted} moves accepted, ${tally.refused} refused by the database`));

  it('every accepted move is a move of the pipeline from where the deal really was, and every deal ends in a legal state', async () => {
    const clients = await Promise.all(Array.from({ length: 4 }, async () => {
      const client = new pg.Client({ connectionString: app.database.ownerUrl });
      await client.connect();
      return client;
    }));
    const stagesArb = fc.array(fc.record({ terminal: fc.constantFrom<'none' | 'won' | 'lost'>('none', 'none', 'none', 'won', 'lost'), retired: fc.boolean() }), { minLength: 2, maxLength: 8 })
      .filter((stages) => stages.some((s) => s.terminal === 'none' && !s.retired));
    try {
      await fc.assert(
        fc.asyncProperty(stagesArb, fc.record({ skipForward: fc.boolean(), moveBack: fc.boolean() }), fc.array(fc.record({ deal: fc.nat({ max: 3 }), stage: fc.nat({ max: 7 }) }), { minLength: 5, maxLength: 30 }), async (specs, policy, attempts) => {
          const p = await pipelineInSql(specs.map((s, i) => ({ name: `S${i}`, terminal: s.terminal, retired: s.retired })), policy);
          const stageIds = specs.map((_, i) => p.ids[`S${i}`]!);
          const rules: PipelineRules = { key: p.id, transitions: [], policy, stages: specs.map((s, i) => ({ key: stageIds[i]!, position: i + 1, terminal: s.terminal as TerminalKind, retired: s.retired })) };
          const start = specs.findIndex((s) => s.terminal === 'none' && !s.retired);
          const deals = await Promise.all([0, 1, 2, 3].map(() => dealInSql(p, `S${start}`)));
          const accepted: Array<{ deal: string; from: string; to: string; at: string }> = [];
          // Each connection runs its share of the attempts in turn; the connections run side by side.
          await Promise.all(clients.map(async (client, c) => {
            for (const attempt of attempts.filter((_, i) => i % clients.length === c)) {
              const deal = deals[attempt.deal]!;
              const to = stageIds[attempt.stage % stageIds.length]!;
              try {
                // A deal already there is no move (nothing changes).
                const { rows } = await client.query('update deals set stage_id = $2, lost_reason = $3 where id = $1 and stage_id <> $2 returning previous_stage_id, stage_id, stage_entered_at::text as at', [deal, to, 'Random']);
                if (rows[0]) accepted.push({ deal, from: rows[0].previous_stage_id, to: rows[0].stage_id, at: rows[0].at });
              } catch (error) {
                // Refused by the pipeline's rules, never by anything else.
                expect((error as { code?: string }).code, String(error)).toBe('CRM01');
                tally.refused += 1;
              }
            }
          }));
          tally.runs += 1;
          tally.accepted += accepted.length;
          for (const move of accepted) expect(checkMove(rules, { stage: move.from, cameFrom: null, reachedBy: null }, move.to, null).ok, `${move.from} → ${move.to}`).toBe(true);
          const { rows } = await owner.query('select d.id, d.stage_id, d.status, s.terminal_kind from deals d join pipeline_stages s on s.id = d.stage_id where d.id = any($1)', [deals]);
          for (const row of rows) {
            // The accepted moves of a deal chain from its first stage to where it is.
            const chain = accepted.filter((m) => m.deal === row.id).sort((a, b) => a.at.localeCompare(b.at));
            let here = stageIds[start]!;
            for (const m of chain) {
              expect(m.from).toBe(here);
              here = m.to;
            }
            expect(row.stage_id).toBe(here);
            expect(row.status).toBe(row.terminal_kind === 'none' ? 'active' : row.terminal_kind);
          }
        }),
        { numRuns: Number(process.env.DEAL_RACES_RUNS ?? 25), seed: 20261203 },
      );
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
  });
});
