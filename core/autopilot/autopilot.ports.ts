import type { ReplyClassification, ServiceOffering } from '../ai/ai.types.ts';
import type { SuppressionList } from '../channels/suppressions.ts';
import type { Actor } from '../context.ts';
import type { LeadStore } from '../leads/lead.store.ts';
import type { Lead } from '../leads/lead.types.ts';
import type { JobQueue } from './jobs.ts';
import type { PageSlice } from '../paging.ts';
import type { AiDecision, Client, TenantStats, Message, MessageStatus, NewMessage, OutboxEntry, Proposal, Task, TaskStatus, TenantSettings } from './autopilot.types.ts';

export interface SettingsStore {
  /** The tenant's settings, created with defaults (and fresh secrets) on first use. */
  get(): Promise<TenantSettings>;
  update(patch: Partial<Omit<TenantSettings, 'tenantId' | 'inboundSecret' | 'previousInboundSecret'>>): Promise<TenantSettings>;
  /** A new inbound URL secret; the old one stays accepted until `graceUntil` (null: not at all). */
  rotateInboundSecret(graceUntil: Date | null): Promise<TenantSettings>;
  catalog(): Promise<ServiceOffering[]>;
  replaceCatalog(services: Array<Omit<ServiceOffering, 'id'>>): Promise<ServiceOffering[]>;
  secret(name: string): Promise<string | null>;
  /** The value `name` had before its last rotation, while it is still accepted; null otherwise. */
  previousSecret(name: string): Promise<string | null>;
  /**
   * Sets a secret (null removes it). With `graceUntil`, the value it replaces stays accepted until
   * then; without, a replaced value still accepted from an earlier change ends too, as it does on removal.
   */
  setSecret(name: string, value: string | null, graceUntil?: Date | null): Promise<void>;
  secretNames(): Promise<string[]>;
}

export interface MessageStore {
  /** Inserts what is not there yet (by lead, purpose and step, or by Message-ID); returns all of them. */
  create(messages: NewMessage[]): Promise<Message[]>;
  /** Stores an inbound message once by its Message-ID; `inserted` is false for a redelivery. */
  createInbound(message: NewMessage & { rfcMessageId: string }): Promise<{ message: Message; inserted: boolean }>;
  /** Stores an inbound text (SMS, WhatsApp) once by its provider's id; `inserted` is false for a redelivery. */
  createInboundText(message: NewMessage & { channel: 'sms' | 'whatsapp'; provider: string; providerMessageId: string }): Promise<{ message: Message; inserted: boolean }>;
  /** The outbound message a provider accepted under this id (its delivery reports name it so). */
  findSentByProviderId(provider: string, providerMessageId: string, options?: { forUpdate?: boolean }): Promise<Message | null>;
  /** Per lead, when its last message on `channel` arrived (leads that never wrote on it are left out). */
  lastInboundAt(leadIds: readonly string[], channel: Message['channel']): Promise<Map<string, Date>>;
  /** The lead of our latest text (SMS or WhatsApp) that went to this number: where a text from it belongs. */
  lastTextThread(address: string): Promise<string | null>;
  find(id: string, options?: { forUpdate?: boolean }): Promise<Message | null>;
  /** Several messages at once; locked in id order with `forUpdate` (so two batches cannot deadlock; foreign-key checks of inserts are not blocked). */
  findMany(ids: readonly string[], options?: { forUpdate?: boolean }): Promise<Message[]>;
  findOutbound(leadId: string, purpose: Message['purpose'], step: number): Promise<Message | null>;
  /** Updates only while the message is in one of `from` (compare-and-set); null otherwise. */
  update(id: string, from: MessageStatus[], patch: Partial<Message>): Promise<Message | null>;
  /** `update` for many messages in one statement; every patch names the same fields. Returns those updated. */
  updateMany(from: MessageStatus[], patches: Array<{ id: string } & Partial<Message>>): Promise<Message[]>;
  /** NEW leads of an autopilot tenant with no outreach message yet. */
  leadsAwaitingOutreach(limit: number): Promise<Lead[]>;
  conversation(leadId: string, limit: number): Promise<Message[]>;
  /** The outbound message a reply refers to (In-Reply-To, then References). */
  findByRfcIds(ids: string[]): Promise<Message | null>;
  /** Any message, in or out, with this Message-ID (a redelivered reply is found here). */
  findByRfcId(id: string): Promise<Message | null>;
  /** Takes up to `wanted` of the day's `limit` sends, atomically; returns how many were granted. */
  reserveSends(day: string, wanted: number, limit: number): Promise<number>;
  listForLead(leadId: string): Promise<Message[]>;
  /** Each lead's slice of its messages, oldest first (see core/paging.ts), in one read for all the leads. */
  pageForLeads(leadIds: string[], slice: PageSlice): Promise<Message[]>;
  /** A slice of the replies, newest first; cursors are message ids. */
  inbox(slice: PageSlice): Promise<Message[]>;
  deliverToOutbox(entries: Array<Omit<OutboxEntry, 'deliveredAt'>>): Promise<void>;
  /** A slice of what the offline channel delivered, newest first; cursors are Message-IDs. */
  outbox(slice: PageSlice): Promise<OutboxEntry[]>;
}

/** What a globally unique id names, among the objects a tenant's API can look up by id alone. */
export type NodeKind = 'Lead' | 'LeadImport' | 'Message' | 'Proposal';

export interface RecordStore extends SuppressionList {
  /** Which kind of object `id` is in this tenant (null: none, or another tenant's). */
  kindOf(id: string): Promise<NodeKind | null>;
  /**
   * Counts one use of `name` in the window starting at `windowStart` (a new window starts the count
   * again); returns the uses of the window so far, this one included. Atomic across processes.
   */
  countUsage(name: string, windowStart: Date): Promise<number>;
  recordDecision(decision: Omit<AiDecision, 'id' | 'createdAt'>): Promise<AiDecision>;
  /** Many decisions in one statement, returned in input order. */
  recordDecisions(decisions: Array<Omit<AiDecision, 'id' | 'createdAt'>>): Promise<AiDecision[]>;
  /** Each lead's slice of its AI decisions, oldest first, in one read for all the leads. */
  decisionsPageForLeads(leadIds: string[], slice: PageSlice): Promise<AiDecision[]>;
  createProposal(proposal: Omit<Proposal, 'id' | 'version' | 'createdAt' | 'sentAt' | 'paidAt' | 'status'>): Promise<Proposal>;
  findProposal(id: string, options?: { forUpdate?: boolean }): Promise<Proposal | null>;
  latestProposal(leadId: string): Promise<Proposal | null>;
  latestProposals(leadIds: string[]): Promise<Proposal[]>;
  findProposalByPaymentRef(ref: string): Promise<Proposal | null>;
  updateProposal(id: string, patch: Partial<Proposal>): Promise<Proposal>;
  /** Makes an offline checkout token findable from its /pay/<token> link. */
  registerCheckoutToken(token: string): Promise<void>;
  /** False when the event was seen before (the provider's event id is the idempotency key). `reason` says why it was not acted on. */
  recordPaymentEvent(event: { provider: string; eventId: string; type: string; leadId: string | null; proposalId: string | null; amount: bigint | null; currency: string | null; paid: boolean; outcome: string; reason?: string | null }): Promise<boolean>;
  /** A stored event, locked for the rest of the transaction. */
  paymentEvent(provider: string, eventId: string): Promise<{ leadId: string | null; proposalId: string | null; paid: boolean; outcome: string | null; amount: bigint | null; currency: string | null; receivedAt: Date } | null>;
  setPaymentOutcome(provider: string, eventId: string, outcome: string): Promise<void>;
  createClient(client: { leadId: string; proposalId: string | null; businessName: string; contactName: string | null; email: string | null; phone: string | null }): Promise<{ id: string; created: boolean }>;
  createTasks(tasks: Array<Omit<Task, 'id' | 'createdAt' | 'status'> & { dedupeKey: string }>): Promise<Task[]>;
  /** A slice of the tenant's tasks, oldest first; cursors are task ids. */
  tasks(filter: { status?: TaskStatus | null }, slice: PageSlice): Promise<Task[]>;
  /** Each lead's slice of its tasks, oldest first, in one read for all the leads. */
  tasksPageForLeads(leadIds: string[], slice: PageSlice): Promise<Task[]>;
  completeTask(id: string): Promise<Task | null>;
  /** Marks done the open tasks made with these dedupe keys (the tasks the system gave people about something now settled). */
  completeTasksByKey(keys: string[]): Promise<void>;
  /** A slice of the clients, newest first; cursors are client ids. */
  clients(slice: PageSlice): Promise<Client[]>;
  stats(since: Date): Promise<Omit<TenantStats, 'conversionRate' | 'totalLeads'>>;
  /**
   * `recordPaymentEvent` that, for a new event and `lockTarget`, also locks the lead the event names
   * (as a status change does) and reads the proposal it names: one statement.
   */
  receivePaymentEvent(event: Parameters<RecordStore['recordPaymentEvent']>[0], options: { lockTarget: boolean }): Promise<{ fresh: boolean; lead: Lead | null; proposal: Proposal | null }>;
  /** Sets a payment event's outcome (and why, when it was not paid) and, when it paid a proposal, marks that proposal paid: one statement. */
  settlePaymentEvent(provider: string, eventId: string, outcome: string, paid: { proposalId: string; at: Date } | null, reason?: string | null): Promise<void>;
  /** `createClient` for many leads in one statement (one client per lead), each linked to its lead's latest proposal. */
  createClients(clients: Array<{ leadId: string; businessName: string; contactName: string | null; email: string | null; phone: string | null }>): Promise<Array<{ leadId: string; id: string; created: boolean }>>;
}

/** Everything one unit of work in a tenant can reach, in one transaction. */
export interface TenantTx {
  leads: LeadStore;
  settings: SettingsStore;
  messages: MessageStore;
  records: RecordStore;
  jobs: JobQueue;
}

export interface TenantUnitOfWork {
  run<T>(work: (tx: TenantTx) => Promise<T>): Promise<T>;
}

export type { Actor, ReplyClassification };
