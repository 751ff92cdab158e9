import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Message, Proposal } from '../../../core/autopilot/autopilot.types.ts';
import type { GraphQLContext } from '../context.ts';
import { presentMessage, presentProposal } from '../types/funnel.present.ts';
import { NODE_KIND, NodeInterface } from '../types/node.types.ts';

@Resolver()
export class NodeResolver {
  @Query(() => NodeInterface, { nullable: true, description: 'Any lead, message, proposal or import of the current tenant by its id (null when there is none).' })
  async node(@Arg('id', () => ID) id: string, @Ctx() { auth, services }: GraphQLContext): Promise<object | null> {
    const ctx = await auth.tenant();
    const found = await services.autopilot(ctx.tenantId, ctx.agencyId).workspace.node(ctx, id);
    if (!found) return null;
    const value = found.kind === 'Lead' ? await services.leads(ctx).get(ctx, id) : found.kind === 'LeadImport' ? await services.imports(ctx).find(ctx, id) : found.value;
    if (!value) return null;
    // Shown as the fields that list them show them (money as Money, a classification's `corrected`).
    const shown = found.kind === 'Proposal' ? presentProposal(value as Proposal) : found.kind === 'Message' ? presentMessage(value as Message) : value;
    return { ...shown, [NODE_KIND]: found.kind };
  }
}
