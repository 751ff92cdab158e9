import { sql, type Database } from '../../adapters/db/database.ts';
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
];

const gymLeads: LeadInput[] = [
  { businessName: 'Koramangala Tech Labs', contactName: 'Priya Nair', email: 'priya.nair@kormtechlabs.com', phone: '+91 80 4567 1200', city: 'Bangalore', industry: 'Software', source: 'Website', companySize: '200-500', tags: ['corporate-membership'] },
  { businessName: 'Indiranagar Startups Hub', contactName: 'Arjun Rao', email: 'arjun@isbhub.in', phone: '98450 12345', city: 'Bangalore', industry: 'Co-working', source: 'Referral', companySize: '50-200' },
  { businessName: 'Whitefield Apartments Association', contactName: 'Kavya Reddy', email: 'secretary@whitefieldapts.org', city: 'Bangalore', industry: 'Residential', source: 'Walk-in' },
  { businessName: 'HSR Layout Physiotherapy', contactName: 'Dr. Sanjay Iyer', email: 'sanjay@hsrphysio.in', phone: '+91 99000 67890', city: 'Bangalore', industry: 'Healthcare', source: 'Partner', tags: ['partnership'] },
  { businessName: 'MG Road Retail Group', contactName: 'Fatima Khan', email: 'fatima.khan@mgroadretail.in', city: 'Bangalore', industry: 'Retail', source: 'Cold list', companySize: '500+' },
];

/** Seeds "Demo Agency" with two client tenants and a handful of leads, only into an empty database. */
export async function seedDemo(db: Database, services: Services): Promise<boolean> {
  const hasUsers = await db.unscoped(async (tx) => (await sql<{ has: boolean }>`select app_has_users() as has`.execute(tx)).rows[0]?.has);
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
  for (const [tenant, leads] of [[dental, dentalLeads], [gyms, gymLeads]] as const) {
    const ctx: TenantContext = { ...owner, tenantId: tenant.id, defaultCountry: tenant.defaultCountry };
    for (const lead of leads) await services.leads(ctx).create(ctx, lead);
  }
  return true;
}
