import type { Actor } from '../../core/context.ts';
import type { Lead, TimelineEntry } from '../../core/leads/lead.types.ts';
import { toDate } from './values.ts';

/** Columns of `leads` in the order `toLead` reads them. */
export const leadColumns = `id, tenant_id, pipeline, status, previous_status, status_trigger, business_name, contact_name, email, phone, website, industry, city,
  country, source, company_size, tags, custom_fields, assignee_id, score, version, import_id, created_at, updated_at`;

export interface LeadRow {
  id: string;
  tenant_id: string;
  pipeline: string;
  status: string;
  previous_status: string | null;
  status_trigger: string | null;
  business_name: string;
  contact_name: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  industry: string | null;
  city: string | null;
  country: string | null;
  source: string | null;
  company_size: string | null;
  tags: string[];
  custom_fields: Record<string, unknown>;
  assignee_id: string | null;
  score: number | null;
  version: number;
  import_id: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

export function toLead(row: LeadRow): Lead {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    pipeline: row.pipeline,
    status: row.status as Lead['status'],
    previousStatus: row.previous_status as Lead['previousStatus'],
    statusTrigger: row.status_trigger as Lead['statusTrigger'],
    businessName: row.business_name,
    contactName: row.contact_name,
    email: row.email,
    phone: row.phone,
    website: row.website,
    industry: row.industry,
    city: row.city,
    country: row.country,
    source: row.source,
    companySize: row.company_size,
    tags: row.tags,
    customFields: row.custom_fields,
    assigneeId: row.assignee_id,
    score: row.score,
    version: row.version,
    importId: row.import_id,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

/** Lead fields (camelCase) to their columns, for patches. */
export const leadFieldColumns: Record<string, string> = {
  businessName: 'business_name',
  contactName: 'contact_name',
  email: 'email',
  phone: 'phone',
  website: 'website',
  industry: 'industry',
  city: 'city',
  country: 'country',
  source: 'source',
  companySize: 'company_size',
  tags: 'tags',
  customFields: 'custom_fields',
  assigneeId: 'assignee_id',
};

export interface TimelineRow {
  id: string;
  lead_id: string;
  kind: string;
  actor_type: Actor['type'];
  actor_id: string | null;
  actor_name: string | null;
  from_status: string | null;
  to_status: string | null;
  trigger: string | null;
  reason: string | null;
  data: Record<string, unknown>;
  created_at: Date | string;
}

export function toTimelineEntry(row: TimelineRow): TimelineEntry {
  return {
    id: row.id,
    leadId: row.lead_id,
    kind: row.kind as TimelineEntry['kind'],
    actor: { type: row.actor_type, id: row.actor_id, name: row.actor_name ?? row.actor_type } as Actor,
    fromStatus: row.from_status as TimelineEntry['fromStatus'],
    toStatus: row.to_status as TimelineEntry['toStatus'],
    trigger: row.trigger as TimelineEntry['trigger'],
    reason: row.reason,
    data: row.data,
    createdAt: toDate(row.created_at),
  };
}
