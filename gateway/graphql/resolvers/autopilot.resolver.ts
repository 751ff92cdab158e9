import { Arg, Args, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { MAX_GRACE_SECONDS } from '../../../core/autopilot/workspace.service.ts';
import type { TenantSettings } from '../../../core/autopilot/autopilot.types.ts';
import type { CredentialName } from '../../../core/autopilot/workspace.service.ts';
import { LeadStatus } from '../../../core/lifecycle/lead-lifecycle.ts';
import type { AgencyContext, TenantContext } from '../../../core/context.ts';
import { DomainError } from '../../../core/errors.ts';
import type { Tenant } from '../../../core/tenancy/tenancy.types.ts';
import { PageArgs, idCursor, pageQuery, toConnection } from '../connections.ts';
import type { GraphQLContext } from '../context.ts';
import { AutopilotSettingsInput, AutopilotSettingsType, ServiceInput, ServiceType, TenantOverviewConnection, TenantOverviewType } from '../types/autopilot.types.ts';
import { ProviderCredential } from '../types/enums.ts';
import { presentService } from '../types/funnel.present.ts';
import { twilioWebhookUrl } from '../../autopilot/providers.ts';
import { moneyOf } from '../types/money.types.ts';

const GRACE_DESCRIPTION = `How long the replaced webhook secret stays accepted, in seconds: 0 (ends now, for a secret that leaked) to ${MAX_GRACE_SECONDS} (a day, the default). This gateway process stops accepting it at once; other gateway processes within 5 seconds (their cache).`;

const STATUS_ORDER = [LeadStatus.NEW, LeadStatus.CONTACTED, LeadStatus.INTERESTED, LeadStatus.PROPOSAL_SENT, LeadStatus.PAID, LeadStatus.LOST];
const overviewCursor = idCursor('agencyOverview');

/**
 * One tenant's figures. A failure stays with its tenant: its figures are null with the reason, and
 * the overview still shows every other tenant (one bad row must not blank the whole agency).
 */
async function tenantOverview(tenant: Tenant, agency: AgencyContext, { services, logger, requestId }: GraphQLContext): Promise<TenantOverviewType> {
  const ctx = { ...agency, tenantId: tenant.id, defaultCountry: tenant.defaultCountry };
  const workspace = services.autopilot(tenant.id, agency.agencyId).workspace;
  try {
    const [stats, settings] = await Promise.all([workspace.stats(ctx), workspace.settings(ctx)]);
    return {
      tenantId: tenant.id,
      name: tenant.name,
      error: null,
      leadsByStatus: STATUS_ORDER.map((status) => ({ status, count: stats.leadsByStatus[status] ?? 0 })),
      totalLeads: stats.totalLeads,
      conversionRate: stats.conversionRate,
      revenue: stats.revenue.map((m) => moneyOf(m.amount, m.currency)),
      pipelineValue: stats.pipelineValue.map((m) => moneyOf(m.amount, m.currency)),
      messagesSentThisWeek: stats.messagesSentSince,
      autopilot: settings.autopilot,
    };
  } catch (error) {
    if (!(error instanceof DomainError)) logger.error({ err: error, requestId, tenantId: tenant.id }, 'a tenant\'s overview figures could not be computed');
    const reason = error instanceof DomainError ? error.message : `Quote request id ${requestId} when reporting it.`;
    return {
      tenantId: tenant.id, name: tenant.name, error: `This tenant's figures could not be computed. ${reason}`,
      leadsByStatus: null, totalLeads: null, conversionRate: null, revenue: null, pipelineValue: null, messagesSentThisWeek: null, autopilot: null,
    };
  }
}

function present(settings: TenantSettings, credentialsSet: CredentialName[], ctx: TenantContext, publicUrl: string): AutopilotSettingsType {
  return {
    ...settings,
    credentialsSet,
    inboundWebhookUrl: `${publicUrl}/webhooks/email/${ctx.tenantId}/${settings.inboundSecret}`,
    stripeWebhookUrl: `${publicUrl}/webhooks/stripe/${ctx.tenantId}`,
    twilioWebhookUrl: twilioWebhookUrl(publicUrl, ctx.tenantId),
  };
}

@Resolver()
export class AutopilotResolver {
  @Query(() => AutopilotSettingsType, { description: 'The current tenant\'s autopilot settings.' })
  async autopilotSettings(@Ctx() { auth, services }: GraphQLContext) {
    const ctx = await auth.tenant();
    const workspace = services.autopilot(ctx.tenantId, ctx.agencyId).workspace;
    const [settings, credentials] = await Promise.all([workspace.settings(ctx), workspace.credentialsSet(ctx)]);
    return present(settings, credentials, ctx, services.publicUrl);
  }

  @Mutation(() => AutopilotSettingsType, { description: 'Changes settings (owner or admin). Switching the autopilot on picks up waiting NEW leads.' })
  async updateAutopilotSettings(@Arg('input', () => AutopilotSettingsInput) input: AutopilotSettingsInput, @Ctx() { auth, services }: GraphQLContext) {
    const ctx = await auth.tenant();
    const workspace = services.autopilot(ctx.tenantId, ctx.agencyId).workspace;
    const settings = await workspace.updateSettings(ctx, {
      ...input, sender: input.sender ? { ...input.sender } : null, twilioSender: input.twilioSender ? { ...input.twilioSender } : null, whatsappTemplate: input.whatsappTemplate ? { ...input.whatsappTemplate } : null,
    } as never);
    return present(settings, await workspace.credentialsSet(ctx), ctx, services.publicUrl);
  }

  @Mutation(() => AutopilotSettingsType, {
    description: 'Replaces the secret in inboundWebhookUrl (owner or admin; when it may have leaked, or routinely). The old URL keeps working for graceSeconds (default 24 hours, time to update the provider); graceSeconds: 0 ends it at once.',
  })
  async rotateInboundWebhookSecret(
    @Arg('graceSeconds', () => Int, { nullable: true, description: GRACE_DESCRIPTION }) graceSeconds: number | null,
    @Ctx() { auth, services }: GraphQLContext,
  ) {
    const ctx = await auth.tenant();
    const workspace = services.autopilot(ctx.tenantId, ctx.agencyId).workspace;
    const settings = await workspace.rotateInboundSecret(ctx, graceSeconds);
    return present(settings, await workspace.credentialsSet(ctx), ctx, services.publicUrl);
  }

  @Mutation(() => [ProviderCredential], {
    description:
      'Stores a provider credential encrypted (null removes it); returns the credentials that are set. A removed credential stops working at once, ' +
      'and so does a STRIPE_WEBHOOK_SECRET it had replaced. A replaced STRIPE_WEBHOOK_SECRET stays accepted for graceSeconds (default 24 hours; ' +
      'roll it in Stripe, whose own roll keeps both valid too, then set the new one); graceSeconds: 0 ends it at once (it leaked). ' +
      'A replaced TWILIO_AUTH_TOKEN keeps verifying Twilio\'s webhooks the same way (promote the secondary token in Twilio, then set it here). ' +
      'TWILIO_ACCOUNT_SID and TWILIO_API_KEY_SID must have their shape (AC…, SK… and 32 hexadecimal digits).',
  })
  async setProviderCredential(
    @Arg('name', () => ProviderCredential) name: CredentialName,
    @Arg('value', () => String, { nullable: true, description: '1-500 characters; null or left out removes the credential.' }) value: string | null,
    @Arg('graceSeconds', () => Int, { nullable: true, description: GRACE_DESCRIPTION }) graceSeconds: number | null,
    @Ctx() { auth, services }: GraphQLContext,
  ) {
    const ctx = await auth.tenant();
    return services.autopilot(ctx.tenantId, ctx.agencyId).workspace.setCredential(ctx, name, value ?? null, graceSeconds);
  }

  @Query(() => TenantOverviewConnection, {
    description: 'The tenants the caller can reach, at a glance (the agency overview), oldest first, a page at a time (an API key: its own). A tenant whose figures fail shows its error; the others still show.',
  })
  async agencyOverview(@Args(() => PageArgs) page: PageArgs, @Ctx() context: GraphQLContext): Promise<TenantOverviewConnection> {
    const { auth, services } = context;
    const agency = await auth.agency();
    const only = auth.isApiKey ? await auth.tenant() : undefined;
    const tenants = await services.tenancy.tenantsPage(agency, pageQuery(page, overviewCursor), only);
    const overviews = await Promise.all(tenants.items.map((tenant) => tenantOverview(tenant, agency, context)));
    return toConnection({ ...tenants, items: overviews }, (overview) => overviewCursor.encode(overview.tenantId));
  }

  @Query(() => [ServiceType], { description: 'The tenant\'s service catalog, used to write proposals: at most 100 services, so a plain list (not paged).' })
  async serviceCatalog(@Ctx() { auth, services }: GraphQLContext) {
    const ctx = await auth.tenant();
    return (await services.autopilot(ctx.tenantId, ctx.agencyId).workspace.catalog(ctx)).map(presentService);
  }

  @Mutation(() => [ServiceType], { description: 'Replaces the service catalog (owner or admin): at most 100 services; answers the catalog stored.' })
  async setServiceCatalog(@Arg('services', () => [ServiceInput]) input: ServiceInput[], @Ctx() { auth, services }: GraphQLContext) {
    const ctx = await auth.tenant();
    const catalog = input.map((s) => ({ name: s.name, description: s.description, priceMin: s.priceMin, priceMax: s.priceMax, currency: s.currency }));
    return (await services.autopilot(ctx.tenantId, ctx.agencyId).workspace.setCatalog(ctx, catalog)).map(presentService);
  }
}
