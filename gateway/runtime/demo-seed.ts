import { sql } from '../../adapters/db/database.ts';
import type { TenantContext } from '../../core/context.ts';
import type { LeadInput } from '../../core/leads/lead-input.ts';
import type { Services } from '../services.ts';

export const DEMO_LOGIN = { email: 'demo@crm-autopilot.local', password: 'autopilot-demo' };

const dentalLeads: LeadInput[] = [
  { businessName: 'Pink City Software Park', contactName: 'Dr. Anil Sharma', email: 'anil.sharma@pinkcitysoftware.in', phone: '0141 270 1234', city: 'Jaipur', industry: 'IT services', source: 'Website', companySize: '200-500', tags: ['corporate-wellness'] },
  { businessName: 'Amer Heritage Hotels', contactName: 'Meera Rathore', email: 'meera@amerheritage.in', phone: '+91 98290 11223', city: 'Jaipur', industry: 'Hospitality', source: 'Referral', companySize: '50-200', tags: ['staff-benefits'] },
  { businessName: 'Rajasthan Textiles Co-op', contactName: 'Vikram Singh', email: 'vikram.singh@rajtextiles.co.in', phone: '98290 44556', city: 'Jaipur', industry: 'Manufacturing', source: 'Trade fair', companySize: '500+' },
  { businessName: 'Malviya Nagar Public School', contactName: 'Sunita Agarwal', email: 'principal@mnpschool.edu.in', city: 'Jaipur', industry: 'Education', source: 'Cold list', tags: ['school-camp'] },
  { businessName: 'JLN Marg Co-working', contactName: 'Rohit Jain', email: 'rohit@jlncowork.in', phone: '+91 141 400 7788', city: 'Jaipur', industry: 'Real estate', source: 'LinkedIn' },
  // No email: reached on the outbox's WhatsApp thread (answer it with simulateInboundReply).
  { businessName: 'Sanganer Family Clinic', contactName: 'Dr. Kavita Joshi', phone: '+91 98290 77889', city: 'Jaipur', industry: 'Healthcare', source: 'Walk-in' },
];

/**
 * The demo's texts stay in the outbox even on a server with Twilio keys (its numbers are made up),
 * and its WhatsApp template is a placeholder SID: the outbox shows what would go.
 */
const demoTextChannels = {
  smsProvider: 'outbox', whatsappProvider: 'outbox',
  whatsappTemplate: { contentSid: 'HX00000000000000000000000000000001', variables: ['{contactName}', '{company}'] },
} as const;

const gymLeads: LeadInput[] = [
  { businessName: 'Koramangala Tech Labs', contactName: 'Priya Nair', email: 'priya.nair@kormtechlabs.com', phone: '+91 80 4567 1200', city: 'Bangalore', industry: 'Software', source: 'Website', companySize: '200-500', tags: ['corporate-membership'] },
  { businessName: 'Indiranagar Startups Hub', contactName: 'Arjun Rao', email: 'arjun@isbhub.in', phone: '98450 12345', city: 'Bangalore', industry: 'Co-working', source: 'Referral', companySize: '50-200' },
  { businessName: 'Whitefield Apartments Association', contactName: 'Kavya Reddy', email: 'secretary@whitefieldapts.org', city: 'Bangalore', industry: 'Residential', source: 'Walk-in' },
  { businessName: 'HSR Layout Physiotherapy', contactName: 'Dr. Sanjay Iyer', email: 'sanjay@hsrphysio.in', phone: '+91 99000 67890', city: 'Bangalore', industry: 'Healthcare', source: 'Partner', tags: ['partnership'] },
  { businessName: 'MG Road Retail Group', contactName: 'Fatima Khan', email: 'fatima.khan@mgroadretail.in', city: 'Bangalore', industry: 'Retail', source: 'Cold list', companySize: '500+' },
];

const rupees = (amount: number) => BigInt(amount) * 100n; // prices are kept in paise, exactly
const dentalSetup = {
  sender: { name: 'Asha Verma', email: 'asha@smiledental.example', company: 'Smile Dental Clinics', pitch: 'run on-site dental check-up camps and discounted family dental plans for your team' },
  catalog: [
    { name: 'On-site dental check-up camp', description: 'A one-day check-up camp at your office for up to 100 people, with a report per person', priceMin: rupees(25_000), priceMax: rupees(40_000), currency: 'INR' },
    { name: 'Family dental plan (per employee, yearly)', description: 'Two cleanings, X-rays and 20% off treatments at any Smile clinic in Jaipur', priceMin: rupees(2_400), priceMax: rupees(2_400), currency: 'INR' },
    { name: 'Orthodontic consultation day', description: 'Free braces and aligner consultations for employees and their children', priceMin: rupees(15_000), priceMax: rupees(15_000), currency: 'INR' },
  ],
};
const gymSetup = {
  sender: { name: 'Rahul Menon', email: 'rahul@ironcore.example', company: 'IronCore Gyms', pitch: 'offer corporate gym memberships and on-site fitness sessions across Bangalore' },
  catalog: [
    { name: 'Corporate membership (per employee, monthly)', description: 'Access to all 12 IronCore gyms in Bangalore, classes included', priceMin: rupees(1_499), priceMax: rupees(1_999), currency: 'INR' },
    { name: 'On-site fitness sessions', description: 'Two trainer-led sessions a week at your office for a month', priceMin: rupees(30_000), priceMax: rupees(30_000), currency: 'INR' },
    { name: 'Wellness challenge', description: 'A 6-week step and workout challenge with an app, prizes and a final report', priceMin: rupees(45_000), priceMax: rupees(60_000), currency: 'INR' },
  ],
};

/** Seeds "Demo Agency" with two client tenants and a handful of leads, only into an empty database. */
export async function seedDemo(services: Services): Promise<boolean> {
  const hasUsers = await services.db.unscoped(async (tx) => (await sql<{ has: boolean }>`select app_has_users() as has`.execute(tx)).rows[0]?.has);
  if (hasUsers) return false;
  const { agency, tenant: dental, user } = await services.tenancy.signup({
    agencyName: 'Demo Agency',
    tenantName: 'Smile Dental Clinics, Jaipur',
    name: 'Demo Owner',
    email: DEMO_LOGIN.email,
    password: DEMO_LOGIN.password,
    defaultCountry: 'IN',
  });
  const owner = { agencyId: agency.id, userId: user.id, role: user.role, actor: { type: 'user' as const, id: user.id, name: user.name } };
  const gyms = await services.tenancy.createTenant(owner, { name: 'IronCore Gyms, Bangalore', defaultCountry: 'IN' });
  for (const [tenant, leads, setup] of [[dental, dentalLeads, dentalSetup], [gyms, gymLeads, gymSetup]] as const) {
    const ctx: TenantContext = { ...owner, tenantId: tenant.id, defaultCountry: tenant.defaultCountry };
    // Autopilot on, with a sender and a catalog, before the leads arrive: the demo funnel runs by itself.
    await services.autopilot(tenant.id, agency.id).uow.run(async (tx) => {
      await tx.settings.update({ autopilot: true, sender: setup.sender, currency: 'INR', ...demoTextChannels, whatsappTemplate: { ...demoTextChannels.whatsappTemplate, variables: [...demoTextChannels.whatsappTemplate.variables] } });
      await tx.settings.replaceCatalog(setup.catalog);
    });
    for (const lead of leads) await services.leads(ctx).create(ctx, lead);
  }
  return true;
}
