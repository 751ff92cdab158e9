import { randomUUID } from 'node:crypto';
import { apiKeyCodec } from '../adapters/auth/api-key-codec.ts';
import { ScryptPasswordHasher } from '../adapters/auth/scrypt-password-hasher.ts';
import type { Database } from '../adapters/db/database.ts';
import { importUnitOfWork, leadUnitOfWork, tenancyUnitOfWork } from '../adapters/db/units-of-work.ts';
import type { TenantContext } from '../core/context.ts';
import { LeadImportService } from '../core/leads/lead-import.service.ts';
import { LeadService } from '../core/leads/lead.service.ts';
import { TenancyService } from '../core/tenancy/tenancy.service.ts';

/** The composition root's wiring of services to adapters. */
export interface Services {
  db: Database;
  tenancy: TenancyService;
  leads(ctx: TenantContext): LeadService;
  imports(ctx: TenantContext): LeadImportService;
}

export function createServices(db: Database, options: { passwordHashCost: number }): Services {
  const tenancy = new TenancyService(tenancyUnitOfWork(db), new ScryptPasswordHasher(options.passwordHashCost), apiKeyCodec, randomUUID);
  return {
    db,
    tenancy,
    leads: (ctx) => new LeadService(leadUnitOfWork(db, ctx)),
    imports: (ctx) => new LeadImportService(importUnitOfWork(db, ctx)),
  };
}
