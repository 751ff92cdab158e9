import type { Caller, GqlResult, TestGateway } from './gateway.ts';

export interface StageInfo { id: string; name: string; position: number; probability: number; terminal: string; retired: boolean }
export interface PipelineInfo { id: string; name: string; kind: string; builtIn: boolean; stages: StageInfo[]; byName: Record<string, StageInfo> }

export const PIPELINE_FIELDS = 'id name kind builtIn version movePolicy { skipForward moveBack } stages(first: 30) { nodes { id name position probability terminal retired autoAction followUpDays rottingDays } }';
export const DEAL_FIELDS = 'id leadId pipelineId stageId previousStageId status value { amount currency } weightedValue { amount currency } probability lostReason version allowedStageIds stage { name }';

function withNames(pipeline: { stages: { nodes: StageInfo[] } } & Omit<PipelineInfo, 'stages' | 'byName'>): PipelineInfo {
  const stages = pipeline.stages.nodes;
  return { ...pipeline, stages, byName: Object.fromEntries(stages.map((stage) => [stage.name, stage])) };
}

function data<T>(result: GqlResult, what: string): T {
  if (!result.data || result.errors) throw new Error(`${what} failed: ${JSON.stringify(result.errors)}`);
  return result.data as T;
}

/** The tenant's pipelines by name. */
export async function pipelinesOf(app: TestGateway, caller: Caller): Promise<Record<string, PipelineInfo>> {
  const result = data<{ pipelines: { nodes: Array<Parameters<typeof withNames>[0]> } }>(await app.gql(`{ pipelines(first: 10) { nodes { ${PIPELINE_FIELDS} } } }`, {}, caller), 'pipelines');
  return Object.fromEntries(result.pipelines.nodes.map((p) => [p.name, withNames(p)]));
}

/** A pipeline of five open stages (One … Five), then Won and Lost, with the given move policy. */
export async function createFiveStagePipeline(app: TestGateway, caller: Caller, name: string, policy: { skipForward?: boolean; moveBack?: boolean } = {}): Promise<PipelineInfo> {
  const stages = ['One', 'Two', 'Three', 'Four', 'Five'].map((stage, i) => ({ name: stage, probability: (i + 1) * 15, rottingDays: 10 }));
  const input = { name, kind: 'OTHER', ...policy, stages: [...stages, { name: 'Won', probability: 100, terminal: 'WON' }, { name: 'Lost', probability: 0, terminal: 'LOST' }] };
  const result = data<{ createPipeline: Parameters<typeof withNames>[0] }>(await app.gql(`mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { ${PIPELINE_FIELDS} } }`, { input }, caller), 'createPipeline');
  return withNames(result.createPipeline);
}

export async function createDeal(app: TestGateway, caller: Caller, input: Record<string, unknown>): Promise<Record<string, any>> {
  return data<{ createDeal: Record<string, any> }>(await app.gql(`mutation($input: CreateDealInput!) { createDeal(input: $input) { ${DEAL_FIELDS} } }`, { input }, caller), 'createDeal').createDeal;
}

export function moveDeal(app: TestGateway, caller: Caller, id: string, stageId: string, extra: { reason?: string; lostReason?: string } = {}): Promise<GqlResult> {
  return app.gql(
    `mutation($id: ID!, $stageId: ID!, $reason: String, $lostReason: String) { moveDeal(id: $id, stageId: $stageId, reason: $reason, lostReason: $lostReason) { ${DEAL_FIELDS} } }`,
    { id, stageId, ...extra },
    caller,
  );
}
