import { randomUUID } from 'node:crypto';
import type { PgBoss } from 'pg-boss';
import { apiKeyCodec } from '../adapters/auth/api-key-codec.ts';
import { ScryptPasswordHasher } from '../adapters/auth/scrypt-password-hasher.ts';
import type { SecretBox } from '../adapters/crypto/secret-box.ts';
import type { Database } from '../adapters/db/database.ts';
import { importUnitOfWork, leadUnitOfWork, tenancyUnitOfWork, tenantUnitOfWork } from '../adapters/db/units-of-work.ts';
import type { AutopilotDeps } from '../core/autopilot/autopilot.deps.ts';
import type { TenantUnitOfWork } from '../core/autopilot/autopilot.ports.ts';
import { AutopilotControls } from '../core/autopilot/controls.service.ts';
import { AutopilotWorkspace } from '../core/autopilot/workspace.service.ts';
import { DeliveryService } from '../core/autopilot/delivery.service.ts';
import { OnboardingService } from '../core/autopilot/onboarding.service.ts';
import { OutreachService } from '../core/autopilot/outreach.service.ts';
import { PaymentService } from '../core/autopilot/payment.service.ts';
import { ProposalService } from '../core/autopilot/proposal.service.ts';
import { ReplyService } from '../core/autopilot/reply.service.ts';
import type { TenantContext } from '../core/context.ts';
import { LeadImportService } from '../core/leads/lead-import.service.ts';
import { LeadService } from '../core/leads/lead.service.ts';
import { TenancyService } from '../core/tenancy/tenancy.service.ts';
import type { UnsubscribeLinks } from './autopilot/links.ts';
import { TenantProviderResolver, type ProviderConfig } from './autopilot/providers.ts';

export interface AutopilotServices {
  uow: TenantUnitOfWork;
  outreach: OutreachService;
  delivery: DeliveryService;
  replies: ReplyService;
  proposals: ProposalService;
  payments: PaymentService;
  onboarding: OnboardingService;
  controls: AutopilotControls;
  workspace: AutopilotWorkspace;
}

/** The composition root's wiring of services to adapters. */
export interface Services {
  publicUrl: string;
  db: Database;
  boss: PgBoss;
  box: SecretBox;
  links: UnsubscribeLinks;
  providers: TenantProviderResolver;
  tenancy: TenancyService;
  leads(ctx: Pick<TenantContext, 'agencyId' | 'tenantId'>): LeadService;
  imports(ctx: Pick<TenantContext, 'agencyId' | 'tenantId'>): LeadImportService;
  /** The autopilot of one tenant (jobs and webhooks call this with the tenant from their payload or URL). */
  autopilot(tenantId: string, agencyId?: string | null): AutopilotServices;
}

export interface ServiceOptions {
  db: Database;
  boss: PgBoss;
  box: SecretBox;
  links: UnsubscribeLinks;
  config: ProviderConfig & { PASSWORD_HASH_COST: number; EMAIL_DOMAIN?: string | undefined };
  now?: () => Date;
}

export function createServices(options: ServiceOptions): Services {
  const { db, boss, box, links, config } = options;
  const tenancy = new TenancyService(tenancyUnitOfWork(db), new ScryptPasswordHasher(config.PASSWORD_HASH_COST), apiKeyCodec, randomUUID);
  const providers = new TenantProviderResolver(db, boss, box, config);
  const messageDomain = config.EMAIL_DOMAIN ?? new URL(config.PUBLIC_URL).hostname;
  const now = options.now ?? (() => new Date());
  return {
    publicUrl: config.PUBLIC_URL,
    db,
    boss,
    box,
    links,
    providers,
    tenancy,
    leads: (ctx) => new LeadService(leadUnitOfWork(db, boss, ctx)),
    imports: (ctx) => new LeadImportService(importUnitOfWork(db, boss, ctx)),
    autopilot(tenantId, agencyId = null) {
      const uow = tenantUnitOfWork(db, boss, box, { agencyId, tenantId });
      const deps: AutopilotDeps = { tenantId, uow, providers, links, now };
      return {
        uow,
        outreach: new OutreachService(deps),
        delivery: new DeliveryService(deps, messageDomain),
        replies: new ReplyService(deps),
        proposals: new ProposalService(deps),
        payments: new PaymentService(deps),
        onboarding: new OnboardingService(deps),
        controls: new AutopilotControls(deps),
        workspace: new AutopilotWorkspace(deps),
      };
    },
  };
}
