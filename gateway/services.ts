import { randomUUID } from 'node:crypto';
import type { PgBoss } from 'pg-boss';
import { apiKeyCodec } from '../adapters/auth/api-key-codec.ts';
import { LinkTokenCodec } from '../adapters/auth/link-token-codec.ts';
import { ScryptPasswordHasher } from '../adapters/auth/scrypt-password-hasher.ts';
import type { SecretBox } from '../adapters/crypto/secret-box.ts';
import type { Database } from '../adapters/db/database.ts';
import { accountUnitOfWork, importUnitOfWork, leadSearchUnitOfWork, leadUnitOfWork, pipelineUnitOfWork, tenancyUnitOfWork, tenantUnitOfWork } from '../adapters/db/units-of-work.ts';
import { createSendGridChannel } from '../adapters/channels/index.ts';
import { ChannelAccountMailer } from '../adapters/mail/channel.mailer.ts';
import { OutboxAccountMailer, type MailLog } from '../adapters/mail/outbox.mailer.ts';
import { PgBossQueue } from '../adapters/queue/pg-boss.ts';
import { AccountMailService } from '../core/accounts/account-mail.service.ts';
import type { AccountDeps, AccountMailer } from '../core/accounts/account.ports.ts';
import { Attempts } from '../core/accounts/attempts.ts';
import { InvitationService } from '../core/accounts/invitation.service.ts';
import { PasswordService } from '../core/accounts/password.service.ts';
import { SessionService } from '../core/accounts/session.service.ts';
import type { AutopilotDeps } from '../core/autopilot/autopilot.deps.ts';
import type { TenantUnitOfWork } from '../core/autopilot/autopilot.ports.ts';
import { AutopilotControls } from '../core/autopilot/controls.service.ts';
import { AutopilotWorkspace } from '../core/autopilot/workspace.service.ts';
import { FunnelLists } from '../core/autopilot/funnel-lists.service.ts';
import { DeliveryService } from '../core/autopilot/delivery.service.ts';
import { OnboardingService } from '../core/autopilot/onboarding.service.ts';
import { OutreachService } from '../core/autopilot/outreach.service.ts';
import { PaymentService } from '../core/autopilot/payment.service.ts';
import { ProposalService } from '../core/autopilot/proposal.service.ts';
import { ReplyService } from '../core/autopilot/reply.service.ts';
import { simulateReply } from '../core/autopilot/simulated-reply.ts';
import type { Message } from '../core/autopilot/autopilot.types.ts';
import { DeliveryReportService } from '../core/channels/delivery-report.service.ts';
import { InboundTextService } from '../core/channels/inbound-text.service.ts';
import type { TenantContext } from '../core/context.ts';
import type { LeadSearchDeps } from '../core/leadgen/lead-search.ports.ts';
import { DEFAULT_LEAD_SEARCHES_PER_MINUTE, LeadSearchService } from '../core/leadgen/lead-search.service.ts';
import { SearchRunner } from '../core/leadgen/search-runner.ts';
import { LeadImportService } from '../core/leads/lead-import.service.ts';
import { LeadService } from '../core/leads/lead.service.ts';
import { DealService } from '../core/pipelines/deal.service.ts';
import { PipelineStatsService } from '../core/pipelines/pipeline-stats.service.ts';
import { PipelineService } from '../core/pipelines/pipeline.service.ts';
import { TenancyService } from '../core/tenancy/tenancy.service.ts';
import { UserService } from '../core/tenancy/user.service.ts';
import type { UnsubscribeLinks } from './autopilot/links.ts';
import { TenantProviderResolver, type ProviderConfig } from './autopilot/providers.ts';
import { DEFAULT_AI_REQUESTS_PER_MINUTE } from '../core/autopilot/workspace.service.ts';
import { LeadSources, type LeadgenConfig } from './leadgen/lead-sources.ts';

export interface AutopilotServices {
  uow: TenantUnitOfWork;
  /** Texts (SMS, WhatsApp) in, whatever the provider; their delivery reports. */
  inboundText: InboundTextService;
  deliveryReports: DeliveryReportService;
  /** A lead's reply typed by a user while the offline outbox carries its messages. */
  simulateReply(ctx: TenantContext, leadId: string, body: string, subject: string | null): Promise<Message>;
  outreach: OutreachService;
  delivery: DeliveryService;
  replies: ReplyService;
  proposals: ProposalService;
  payments: PaymentService;
  onboarding: OnboardingService;
  controls: AutopilotControls;
  workspace: AutopilotWorkspace;
  lists: FunnelLists;
}

/** Saved lead searches of one tenant: what users ask of them, and the jobs that run them. */
export interface LeadSearchServices {
  deps: LeadSearchDeps;
  searches: LeadSearchService;
  runner: SearchRunner;
}

/** People's accounts: sessions, passwords, invitations and the emails they send. */
export interface AccountServices {
  sessions: SessionService;
  passwords: PasswordService;
  invitations: InvitationService;
  mail: AccountMailService;
}

/** The composition root's wiring of services to adapters. */
export interface Services {
  publicUrl: string;
  /** Requests that run the AI on demand a tenant may make per minute (AI_REQUESTS_PER_MINUTE). */
  aiRequestsPerMinute: number;
  db: Database;
  boss: PgBoss;
  box: SecretBox;
  links: UnsubscribeLinks;
  providers: TenantProviderResolver;
  tenancy: TenancyService;
  users: UserService;
  accounts: AccountServices;
  leads(ctx: Pick<TenantContext, 'agencyId' | 'tenantId'>): LeadService;
  imports(ctx: Pick<TenantContext, 'agencyId' | 'tenantId'>): LeadImportService;
  /** The time as the services see it (tests may set it). */
  now: () => Date;
  /** The tenant's pipelines and lost reasons. */
  pipelines(ctx: Pick<TenantContext, 'agencyId' | 'tenantId'>): PipelineService;
  deals(ctx: Pick<TenantContext, 'agencyId' | 'tenantId'>): DealService;
  pipelineStats(ctx: Pick<TenantContext, 'agencyId' | 'tenantId'>): PipelineStatsService;
  /** The autopilot of one tenant (jobs and webhooks call this with the tenant from their payload or URL). */
  autopilot(tenantId: string, agencyId?: string | null): AutopilotServices;
  /** On-demand lead searches (previews, runs) a tenant may start per minute (LEAD_SEARCH_REQUESTS_PER_MINUTE). */
  leadSearchesPerMinute: number;
  leadSources: LeadSources;
  /** Lead searches of one tenant (jobs call this with the tenant from their payload). */
  leadSearch(tenantId: string, agencyId?: string | null): LeadSearchServices;
}

export interface ServiceOptions {
  db: Database;
  boss: PgBoss;
  box: SecretBox;
  links: UnsubscribeLinks;
  config: ProviderConfig & Partial<LeadgenConfig> & { LEAD_SEARCH_REQUESTS_PER_MINUTE?: number; AI_REQUESTS_PER_MINUTE?: number; PASSWORD_HASH_COST: number; EMAIL_DOMAIN?: string | undefined; JWT_TTL_SECONDS: number; ACCOUNT_EMAIL_FROM?: string | undefined };
  /** Derives the keys of one-time links (the session secret). */
  linkSecret: string;
  /** Where the offline mailer writes the links it kept (the process's log). */
  mailLog: MailLog;
  now?: () => Date;
}

export function createServices(options: ServiceOptions): Services {
  const { db, boss, box, links, config } = options;
  const passwords = new ScryptPasswordHasher(config.PASSWORD_HASH_COST);
  const tenancyUow = tenancyUnitOfWork(db);
  const tenancy = new TenancyService(tenancyUow, passwords, apiKeyCodec, randomUUID);
  const providers = new TenantProviderResolver(db, boss, box, config);
  const messageDomain = config.EMAIL_DOMAIN ?? new URL(config.PUBLIC_URL).hostname;
  const now = options.now ?? (() => new Date());
  const accessChanged = () => tenancy.forgetContexts();
  const accountDeps: AccountDeps = {
    uow: accountUnitOfWork(db, boss),
    attempts: new Attempts(tenancyUow, Date.now),
    passwords,
    links: new LinkTokenCodec(options.linkSecret),
    newId: randomUUID,
    clock: Date.now,
    sessionTtlMs: config.JWT_TTL_SECONDS * 1000,
    publicUrl: config.PUBLIC_URL,
    accessChanged,
  };
  const sessions = new SessionService(accountDeps);
  const leadSources = new LeadSources(db, boss, box, { ...config, LEADGEN_ALLOW_PRIVATE_SITES: config.LEADGEN_ALLOW_PRIVATE_SITES ?? false });
  return {
    publicUrl: config.PUBLIC_URL,
    aiRequestsPerMinute: config.AI_REQUESTS_PER_MINUTE ?? DEFAULT_AI_REQUESTS_PER_MINUTE,
    db,
    boss,
    box,
    links,
    providers,
    tenancy,
    users: new UserService(tenancyUow, accessChanged),
    accounts: {
      sessions,
      passwords: new PasswordService(accountDeps, sessions, new PgBossQueue(boss)),
      invitations: new InvitationService(accountDeps, sessions),
      mail: new AccountMailService(accountDeps, accountMailer(options, messageDomain)),
    },
    leads: (ctx) => new LeadService(leadUnitOfWork(db, boss, ctx)),
    imports: (ctx) => new LeadImportService(importUnitOfWork(db, boss, ctx)),
    now,
    pipelines: (ctx) => new PipelineService(pipelineUnitOfWork(db, ctx)),
    deals: (ctx) => new DealService(pipelineUnitOfWork(db, ctx)),
    pipelineStats: (ctx) => new PipelineStatsService(pipelineUnitOfWork(db, ctx), now),
    autopilot(tenantId, agencyId = null) {
      const uow = tenantUnitOfWork(db, boss, box, { agencyId, tenantId });
      const deps: AutopilotDeps = { tenantId, uow, providers, links, now };
      return {
        uow,
        inboundText: new InboundTextService(deps),
        deliveryReports: new DeliveryReportService(deps),
        simulateReply: (ctx, leadId, body, subject) => simulateReply(deps, ctx, leadId, body, subject),
        outreach: new OutreachService(deps),
        delivery: new DeliveryService(deps, messageDomain),
        replies: new ReplyService(deps),
        proposals: new ProposalService(deps),
        payments: new PaymentService(deps),
        onboarding: new OnboardingService(deps),
        controls: new AutopilotControls(deps),
        workspace: new AutopilotWorkspace(deps),
        lists: new FunnelLists(deps),
      };
    },
    leadSearchesPerMinute: config.LEAD_SEARCH_REQUESTS_PER_MINUTE ?? DEFAULT_LEAD_SEARCHES_PER_MINUTE,
    leadSources,
    leadSearch(tenantId, agencyId = null) {
      const deps: LeadSearchDeps = { tenantId, uow: leadSearchUnitOfWork(db, boss, { agencyId, tenantId }), sources: leadSources, enricher: leadSources.enricher(), mailCheck: leadSources.mailCheck(), now };
      return { deps, searches: new LeadSearchService(deps), runner: new SearchRunner(deps) };
    },
  };
}

/** Account emails go through SendGrid when the process has a key, else into the offline outbox (and the log). */
function accountMailer(options: ServiceOptions, messageDomain: string): AccountMailer {
  const from = options.config.ACCOUNT_EMAIL_FROM ?? `no-reply@${messageDomain}`;
  if (options.config.SENDGRID_API_KEY) {
    return new ChannelAccountMailer(createSendGridChannel({ apiKey: options.config.SENDGRID_API_KEY, baseUrl: options.config.SENDGRID_BASE_URL }), { email: from, name: 'CRM AutoPilot' });
  }
  return new OutboxAccountMailer(options.db, `CRM AutoPilot <${from}>`, options.mailLog);
}
