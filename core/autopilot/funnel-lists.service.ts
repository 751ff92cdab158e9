import { Permission, assertCan } from '../access.ts';
import type { TenantContext } from '../context.ts';
import { LIST_PAGE, pageSlice, pagesByOwner, readPage, type Page, type PageQuery, type PageSlice } from '../paging.ts';
import type { AutopilotDeps } from './autopilot.deps.ts';
import type { TenantTx } from './autopilot.ports.ts';
import type { AiDecision, Client, Message, OutboxEntry, Proposal, Task, TaskStatus } from './autopilot.types.ts';

/**
 * What the funnel produced, a page at a time (either way, cursors opaque to callers): the replies,
 * what the offline channel delivered, clients, tasks, and each lead's messages, tasks and AI
 * decisions, which load for every lead of a request in one read each.
 */
export class FunnelLists {
  constructor(private readonly deps: Pick<AutopilotDeps, 'uow'>) {}

  /** Replies with their classification, newest first. */
  inbox(ctx: TenantContext, query: PageQuery): Promise<Page<Message>> {
    return this.read(ctx, query, (tx, slice) => tx.messages.inbox(slice));
  }

  /** What the offline channel delivered, newest first. */
  outbox(ctx: TenantContext, query: PageQuery): Promise<Page<OutboxEntry>> {
    return this.read(ctx, query, (tx, slice) => tx.messages.outbox(slice));
  }

  /** Clients (paid leads), newest first. */
  clients(ctx: TenantContext, query: PageQuery): Promise<Page<Client>> {
    return this.read(ctx, query, (tx, slice) => tx.records.clients(slice));
  }

  /** The tenant's tasks, oldest first; only open or done ones with `status`. */
  tasks(ctx: TenantContext, filter: { status?: TaskStatus | null }, query: PageQuery): Promise<Page<Task>> {
    return this.read(ctx, query, (tx, slice) => tx.records.tasks(filter, slice));
  }

  /** Each lead's messages, oldest first. */
  leadMessages(ctx: TenantContext, leadIds: string[], query: PageQuery): Promise<Map<string, Page<Message>>> {
    return this.perLead(ctx, leadIds, query, (tx, slice) => tx.messages.pageForLeads(leadIds, slice));
  }

  /** Each lead's tasks, oldest first. */
  leadTasks(ctx: TenantContext, leadIds: string[], query: PageQuery): Promise<Map<string, Page<Task>>> {
    return this.perLead(ctx, leadIds, query, (tx, slice) => tx.records.tasksPageForLeads(leadIds, slice));
  }

  /** Each lead's AI decisions, oldest first. */
  leadDecisions(ctx: TenantContext, leadIds: string[], query: PageQuery): Promise<Map<string, Page<AiDecision>>> {
    return this.perLead(ctx, leadIds, query, (tx, slice) => tx.records.decisionsPageForLeads(leadIds, slice));
  }

  /** Each lead's latest proposal (leads without one are left out). */
  async latestProposals(ctx: TenantContext, leadIds: string[]): Promise<Map<string, Proposal>> {
    assertCan(ctx, Permission.READ);
    const proposals = await this.deps.uow.run((tx) => tx.records.latestProposals(leadIds));
    return new Map(proposals.map((proposal) => [proposal.leadId, proposal]));
  }

  private read<T>(ctx: TenantContext, query: PageQuery, read: (tx: TenantTx, slice: PageSlice) => Promise<T[]>): Promise<Page<T>> {
    assertCan(ctx, Permission.READ);
    return readPage(query, LIST_PAGE, (slice) => this.deps.uow.run((tx) => read(tx, slice)));
  }

  private async perLead<T extends { leadId: string | null }>(ctx: TenantContext, leadIds: string[], query: PageQuery, read: (tx: TenantTx, slice: PageSlice) => Promise<T[]>): Promise<Map<string, Page<T>>> {
    assertCan(ctx, Permission.READ);
    const slice = pageSlice(query.request, LIST_PAGE, query.decode);
    const items = await this.deps.uow.run((tx) => read(tx, slice));
    return pagesByOwner(slice, leadIds, items, (item) => item.leadId as string);
  }
}
