import { Permission, assertCan, can, permissionForAction } from '../access.ts';
import type { TenantContext } from '../context.ts';
import { DomainError, ErrorCode, notFound, validationError } from '../errors.ts';
import {
  LeadAction,
  LeadStatus as Status,
  assertActionAllowed,
  leadActions,
  planActionMove,
  actionMovingTo,
  findTransition,
  defaultPipeline,
  type LeadPosition,
  type LeadStatus,
  type TransitionTrigger,
} from '../lifecycle/lead-lifecycle.ts';
import { pageOf, pageSlice, type Page, type PageRequest } from '../paging.ts';
import { insertLeads } from './lead-creation.ts';
import { moveLead } from './lead-moves.ts';
import { blockingSuppression, closingReplyOf, reopenLead } from './lead-reopen.ts';
import { normalizeLead, normalizeLeadPatch, type LeadInput, type NormalizedLead } from './lead-input.ts';
import type { LeadStore, LeadUnitOfWork } from './lead.store.ts';
import { TimelineKind, type Lead, type LeadCursor, type LeadFilter, type LeadOrder, type LeadInList, type TimelineEntry } from './lead.types.ts';

export const MAX_PAGE_SIZE = 200;
export const MAX_NOTE_LENGTH = 10_000;
export const MAX_REASON_LENGTH = 1_000;
export const MAX_FILTER_LENGTH = 200;

/** The actions a caller may take on a lead now: what its state (and history) allows and their role permits. */
export function actionsFor(ctx: TenantContext, lead: LeadPosition): LeadAction[] {
  return leadActions(lead).filter((action) => can(ctx, permissionForAction(action)));
}

/** Lead use cases; every method takes the caller's tenant context first. */
export class LeadService {
  constructor(private readonly uow: LeadUnitOfWork) {}

  async create(ctx: TenantContext, input: LeadInput): Promise<Lead> {
    assertCan(ctx, Permission.WRITE_LEADS);
    const result = normalizeLead(input, { defaultCountry: ctx.defaultCountry });
    if (!result.ok) throw validationError(result.errors);
    return this.uow.run(async (store, jobs) => {
      await assertAssignable(store, result.value.assigneeId);
      const [outcome] = await insertLeads(store, jobs, ctx.tenantId, [{ lead: result.value, actor: ctx.actor, data: {} }]);
      if (!outcome || 'duplicateOf' in outcome) throw duplicateEmail(result.value.email, outcome?.duplicateOf ?? '');
      return outcome.lead;
    });
  }

  async update(ctx: TenantContext, id: string, input: LeadInput, expectedVersion?: number | null): Promise<Lead> {
    return this.uow.run(async (store) => {
      const lead = await this.authorize(ctx, store, id, LeadAction.EDIT);
      const result = normalizeLeadPatch(input, { defaultCountry: ctx.defaultCountry, currentCountry: lead.country });
      if (!result.ok) throw validationError(result.errors);
      const changes = changedFields(lead, result.value);
      if (expectedVersion != null && expectedVersion !== lead.version) throw staleVersion(lead);
      if (Object.keys(changes).length === 0) return lead;
      if ('email' in changes || 'phone' in changes) assertStillContactable({ ...lead, ...changes });
      if ('assigneeId' in changes) await assertAssignable(store, changes.assigneeId ?? null);
      const updated = await store.update(id, changes, lead.version).catch((error: unknown) => {
        if (error instanceof DomainError && error.code === ErrorCode.CONFLICT) throw duplicateEmail(changes.email ?? null, String(error.details.existingLeadId));
        throw error;
      });
      if (!updated) throw staleVersion(lead);
      const before = Object.fromEntries(Object.keys(changes).map((key) => [key, lead[key as keyof NormalizedLead]]));
      await store.appendTimeline([{ leadId: id, kind: TimelineKind.UPDATED, actor: ctx.actor, data: { before, after: changes } }]);
      return updated;
    });
  }

  async delete(ctx: TenantContext, id: string): Promise<string> {
    return this.uow.run(async (store) => {
      await this.authorize(ctx, store, id, LeadAction.DELETE);
      const deletable = defaultPipeline.states.filter((state) => state.allowed.includes(LeadAction.DELETE)).map((state) => state.state);
      if (!(await store.delete(id, deletable))) throw notFound('Lead', id);
      return id;
    });
  }

  async addNote(ctx: TenantContext, id: string, body: string): Promise<TimelineEntry> {
    const text = body.trim();
    if (!text) throw validationError([{ field: 'body', message: 'is required' }]);
    if (text.length > MAX_NOTE_LENGTH) throw validationError([{ field: 'body', message: `must be at most ${MAX_NOTE_LENGTH} characters` }]);
    return this.uow.run(async (store) => {
      await this.authorize(ctx, store, id, LeadAction.ADD_NOTE);
      const [entry] = await store.appendTimeline([{ leadId: id, kind: TimelineKind.NOTE, actor: ctx.actor, data: { body: text } }]);
      return entry as TimelineEntry;
    });
  }

  /** A user's move (MARK_INTERESTED, CLOSE_AS_LOST): checked against role, state and lifecycle. */
  async act(ctx: TenantContext, id: string, action: LeadAction, reason?: string | null): Promise<Lead> {
    const why = checkReason(reason);
    return this.uow.run(async (store) => {
      // A move is judged by the lifecycle first, so an illegal one is ILLEGAL_TRANSITION naming the state.
      const lead = await this.authorize(ctx, store, id, action, { checkState: false });
      const move = planActionMove(lead.status, action);
      return this.move(ctx, store, lead, move.to, move.trigger, why);
    });
  }

  /**
   * A user asks for a state (a card dropped on a board column): the action that reaches it, or a
   * typed refusal saying why not and how the lead gets there.
   */
  async moveTo(ctx: TenantContext, id: string, to: LeadStatus, reason?: string | null): Promise<Lead> {
    const lead = await this.get(ctx, id);
    const transition = findTransition(lead.status, to);
    if (transition?.reverses) {
      // A lost lead dropped on the column it was lost from is a reopen (an owner's or admin's, with a reason).
      if (lead.previousStatus === to) return this.reopen(ctx, id, reason ?? '');
      throw new DomainError(ErrorCode.ILLEGAL_TRANSITION, `A lost lead goes back only to the status it was lost from (${lead.previousStatus ?? 'unknown'}), by reopening it. The lead is ${lead.status}.`, { status: lead.status, to, allowedActions: actionsFor(ctx, lead) });
    }
    const action = actionMovingTo(to);
    if (action) return this.act(ctx, id, action, reason);
    if (lead.status === to) throw new DomainError(ErrorCode.ILLEGAL_TRANSITION, `The lead is already ${to}.`, { status: lead.status, allowedActions: actionsFor(ctx, lead) });
    if (!transition) {
      throw new DomainError(ErrorCode.ILLEGAL_TRANSITION, `Cannot move a lead from ${lead.status} to ${to}: no skipping states, no moving backwards. The lead is ${lead.status}.`, { status: lead.status, to, allowedActions: actionsFor(ctx, lead) });
    }
    throw new DomainError(ErrorCode.ACTION_NOT_ALLOWED, `${defaultPipeline.reachedBy[to] ?? `${to} cannot be set by hand.`} The lead is ${lead.status}.`, { status: lead.status, to, allowedActions: actionsFor(ctx, lead) });
  }

  /**
   * An owner's or admin's reopen of a lost lead, with a reason: back to the status it was lost from
   * (a REOPENED transition), with the suppressions its closing classification added lifted.
   */
  async reopen(ctx: TenantContext, id: string, reason: string): Promise<Lead> {
    assertCan(ctx, permissionForAction(LeadAction.REOPEN));
    const why = checkReason(reason);
    if (!why) throw validationError([{ field: 'reason', message: 'is required: say why the lead is reopened' }]);
    return this.uow.run(async (store, jobs, suppressions) => {
      const lead = await store.findById(id, { forUpdate: true });
      if (!lead) throw notFound('Lead', id);
      const reopened = await reopenLead({ leads: store, suppressions }, lead, ctx.actor, why);
      // Back to NEW with the autopilot on: it writes the outreach again.
      if (reopened.status === Status.NEW && (await store.autopilotOn())) await jobs.send('autopilot.dispatch', { tenantId: ctx.tenantId }, { singletonKey: ctx.tenantId });
      return reopened;
    });
  }

  /** Of these leads, the ones the lifecycle would let reopen but whose address a suppression keeps closed. */
  async reopenBlockedAmong(ctx: TenantContext, ids: readonly string[]): Promise<Set<string>> {
    assertCan(ctx, Permission.READ);
    if (!ids.length) return new Set();
    return this.uow.run(async (store, _jobs, suppressions) => {
      // An email address or a number (SMS, WhatsApp opt-outs) may keep a lead closed.
      const addressesOf = (lead: { email: string | null; phone: string | null }) => [lead.email, lead.phone].filter((a): a is string => Boolean(a));
      const leads = (await store.findByIds(ids)).filter((lead) => leadActions(lead).includes(LeadAction.REOPEN) && addressesOf(lead).length);
      if (!leads.length) return new Set<string>();
      const closings = await store.lastMovesInto(leads.map((lead) => lead.id), Status.LOST);
      const listed = await suppressions.suppressionsOf(leads.flatMap(addressesOf));
      const blocked = leads.filter((lead) => blockingSuppression(listed.filter((s) => addressesOf(lead).includes(s.address)), closingReplyOf(closings.get(lead.id))));
      return new Set(blocked.map((lead) => lead.id));
    });
  }

  /** A move caused by the system or a provider (outreach sent, reply classified, payment confirmed). */
  async transition(ctx: TenantContext, id: string, to: LeadStatus, trigger: TransitionTrigger, reason?: string | null): Promise<Lead> {
    return this.uow.run(async (store) => {
      const lead = await store.findById(id);
      if (!lead) throw notFound('Lead', id);
      return this.move(ctx, store, lead, to, trigger, reason ?? null);
    });
  }

  async get(ctx: TenantContext, id: string): Promise<Lead> {
    assertCan(ctx, Permission.READ);
    const [lead] = await this.uow.run((store) => store.findByIds([id]));
    if (!lead) throw notFound('Lead', id);
    return lead;
  }

  /** A page of leads either way; `decode` reads a cursor of this ordering (and refuses others). */
  async list(
    ctx: TenantContext,
    query: { page?: PageRequest; decode: (cursor: string, field: 'after' | 'before') => LeadCursor; filter?: LeadFilter | null; orderBy?: LeadOrder | null },
  ): Promise<Page<LeadInList>> {
    assertCan(ctx, Permission.READ);
    checkFilter(query.filter);
    const slice = pageSlice(query.page ?? {}, { defaultSize: 50, maxSize: MAX_PAGE_SIZE }, query.decode);
    const orderBy = query.orderBy ?? { field: 'CREATED_AT', direction: 'DESC' };
    return pageOf(slice, await this.uow.run((store) => store.page({ slice, filter: query.filter ?? {}, orderBy })));
  }

  async count(ctx: TenantContext, filter: LeadFilter | null | undefined): Promise<number> {
    assertCan(ctx, Permission.READ);
    checkFilter(filter);
    return this.uow.run((store) => store.count(filter ?? {}));
  }

  /** The lead's timeline, oldest first, a page either way; cursors are entry ids. */
  async history(ctx: TenantContext, leadId: string, request: PageRequest, decode: (cursor: string, field: 'after' | 'before') => string): Promise<Page<TimelineEntry>> {
    assertCan(ctx, Permission.READ);
    const slice = pageSlice(request, { defaultSize: 100, maxSize: 500 }, decode);
    return pageOf(
      slice,
      await this.uow.run(async (store) => {
        if (!(await store.findById(leadId))) throw notFound('Lead', leadId);
        return store.timeline(leadId, slice);
      }),
    );
  }

  async timelineEntry(ctx: TenantContext, leadId: string, entryId: string): Promise<TimelineEntry> {
    assertCan(ctx, Permission.READ);
    const entry = await this.uow.run((store) => store.timelineEntry(leadId, entryId));
    if (!entry) throw notFound('Timeline entry', entryId);
    return entry;
  }

  private async authorize(ctx: TenantContext, store: LeadStore, id: string, action: LeadAction, options = { checkState: true }): Promise<Lead> {
    assertCan(ctx, permissionForAction(action));
    const lead = await store.findById(id, { forUpdate: true });
    if (!lead) throw notFound('Lead', id);
    if (options.checkState) assertActionAllowed(lead.status, action);
    return lead;
  }

  private move(ctx: TenantContext, store: LeadStore, lead: Lead, to: LeadStatus, trigger: TransitionTrigger, reason: string | null): Promise<Lead> {
    return moveLead(store, lead, to, trigger, ctx.actor, reason);
  }
}

/** A filter's texts are matched against fields of at most a few hundred characters: longer is a mistake (or an attack on the index). */
function checkFilter(filter: LeadFilter | null | undefined): void {
  const errors = (['search', 'industry', 'city', 'source', 'tag'] as const)
    .filter((key) => (filter?.[key]?.length ?? 0) > MAX_FILTER_LENGTH)
    .map((key) => ({ field: `filter.${key}`, message: `must be at most ${MAX_FILTER_LENGTH} characters` }));
  if (errors.length) throw validationError(errors);
}

function checkReason(reason: string | null | undefined): string | null {
  const text = reason?.trim() || null;
  if (text && text.length > MAX_REASON_LENGTH) throw validationError([{ field: 'reason', message: `must be at most ${MAX_REASON_LENGTH} characters` }]);
  return text;
}

async function assertAssignable(store: LeadStore, userId: string | null): Promise<void> {
  if (userId && !(await store.isAssignable(userId))) {
    throw validationError([{ field: 'assigneeId', message: 'is not a user who can work in this tenant' }]);
  }
}

function assertStillContactable(lead: Pick<NormalizedLead, 'email' | 'phone'>): void {
  if (!lead.email && !lead.phone) throw validationError([{ field: 'email', message: 'or phone is required: a lead needs a way to be contacted' }]);
}

export function duplicateEmail(email: string | null, existingLeadId: string): DomainError {
  return new DomainError(ErrorCode.CONFLICT, `A lead with the email ${email ?? ''} already exists in this tenant (lead ${existingLeadId}).`, {
    field: 'email',
    existingLeadId,
  });
}

function staleVersion(lead: Lead): DomainError {
  return new DomainError(ErrorCode.CONFLICT, `The lead was changed by someone else (now version ${lead.version}); reload it and try again.`, {
    currentVersion: lead.version,
  });
}

function changedFields(lead: Lead, patch: Partial<NormalizedLead>): Partial<NormalizedLead> {
  const changes: Partial<NormalizedLead> = {};
  for (const [key, value] of Object.entries(patch) as Array<[keyof NormalizedLead, unknown]>) {
    if (JSON.stringify(lead[key]) !== JSON.stringify(value)) (changes as Record<string, unknown>)[key] = value;
  }
  return changes;
}
