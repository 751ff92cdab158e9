import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { TenantSettings } from '../../../core/autopilot/autopilot.types.ts';
import type { TenantContext } from '../../../core/context.ts';
import type { GraphQLContext } from '../context.ts';
import { AutopilotSettingsInput, AutopilotSettingsType, ServiceInput, ServiceType, TenantOverviewType } from '../types/autopilot.types.ts';

function present(settings: TenantSettings, credentialsSet: string[], ctx: TenantContext, publicUrl: string): AutopilotSettingsType {
  return {
    ...settings,
    credentialsSet,
    inboundWebhookUrl: `${publicUrl}/webhooks/email/${ctx.tenantId}/${settings.inboundSecret}`,
    stripeWebhookUrl: `${publicUrl}/webhooks/stripe/${ctx.tenantId}`,
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
    const settings = await workspace.updateSettings(ctx, { ...input, sender: input.sender ? { ...input.sender } : null } as never);
    return present(settings, await workspace.credentialsSet(ctx), ctx, services.publicUrl);
  }

  @Mutation(() => AutopilotSettingsType, {
    description: 'Replaces the secret in inboundWebhookUrl (owner or admin; when it may have leaked, or routinely). The old URL keeps working for 24 hours, time to update the provider.',
  })
  async rotateInboundWebhookSecret(@Ctx() { auth, services }: GraphQLContext) {
    const ctx = await auth.tenant();
    const workspace = services.autopilot(ctx.tenantId, ctx.agencyId).workspace;
    const settings = await workspace.rotateInboundSecret(ctx);
    return present(settings, await workspace.credentialsSet(ctx), ctx, services.publicUrl);
  }

  @Mutation(() => [String], {
    description: 'Stores a provider credential encrypted (null removes it); returns the names that are set. A replaced stripe_webhook_secret stays accepted for 24 hours (Stripe\'s own roll keeps both valid too).',
  })
  async setProviderCredential(
    @Arg('name', () => String, { description: 'openai_api_key, gemini_api_key, sendgrid_api_key, stripe_secret_key or stripe_webhook_secret' }) name: string,
    @Arg('value', () => String, { nullable: true }) value: string | null,
    @Ctx() { auth, services }: GraphQLContext,
  ) {
    const ctx = await auth.tenant();
    return services.autopilot(ctx.tenantId, ctx.agencyId).workspace.setCredential(ctx, name, value);
  }

  @Query(() => [TenantOverviewType], { description: 'Every tenant the caller can reach, at a glance (the agency overview).' })
  async agencyOverview(@Ctx() { auth, services }: GraphQLContext): Promise<TenantOverviewType[]> {
    const agency = await auth.agency();
    const tenants = auth.isApiKey ? [await services.tenancy.tenant(await auth.tenant())] : await services.tenancy.listTenants(agency);
    return Promise.all(
      tenants.map(async (tenant) => {
        const ctx = { ...agency, tenantId: tenant.id, defaultCountry: tenant.defaultCountry };
        const workspace = services.autopilot(tenant.id, agency.agencyId).workspace;
        const [stats, settings] = await Promise.all([workspace.stats(ctx), workspace.settings(ctx)]);
        const order = ['NEW', 'CONTACTED', 'INTERESTED', 'PROPOSAL_SENT', 'PAID', 'LOST'];
        return {
          tenantId: tenant.id,
          name: tenant.name,
          leadsByStatus: order.map((status) => ({ status, count: stats.leadsByStatus[status] ?? 0 })),
          totalLeads: stats.totalLeads,
          conversionRate: stats.conversionRate,
          revenue: stats.revenue,
          messagesSentThisWeek: stats.messagesSentSince,
          autopilot: settings.autopilot,
        };
      }),
    );
  }

  @Query(() => [ServiceType], { description: 'The tenant\'s service catalog, used to write proposals.' })
  async serviceCatalog(@Ctx() { auth, services }: GraphQLContext) {
    const ctx = await auth.tenant();
    return services.autopilot(ctx.tenantId, ctx.agencyId).workspace.catalog(ctx);
  }

  @Mutation(() => [ServiceType], { description: 'Replaces the service catalog (owner or admin).' })
  async setServiceCatalog(@Arg('services', () => [ServiceInput]) input: ServiceInput[], @Ctx() { auth, services }: GraphQLContext) {
    const ctx = await auth.tenant();
    const catalog = input.map((s) => ({ name: s.name, description: s.description ?? '', priceMin: s.priceMin, priceMax: s.priceMax ?? s.priceMin, currency: s.currency.toUpperCase() }));
    return services.autopilot(ctx.tenantId, ctx.agencyId).workspace.setCatalog(ctx, catalog);
  }
}
