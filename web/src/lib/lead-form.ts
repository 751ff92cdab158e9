import type { LeadDetail } from './types.ts';

export interface LeadFormValues {
  businessName: string;
  contactName: string;
  email: string;
  phone: string;
  city: string;
  country: string;
  industry: string;
  source: string;
  website: string;
  companySize: string;
  tags: string;
  assigneeId: string;
}

const TEXT_FIELDS = ['businessName', 'contactName', 'email', 'phone', 'city', 'country', 'industry', 'source', 'website', 'companySize'] as const;

export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  for (const tag of text.split(',')) {
    const clean = tag.trim();
    if (clean) seen.add(clean);
  }
  return [...seen];
}

/**
 * The GraphQL input for a lead form. Creating: empty fields are left out. Editing: only what
 * changed is sent, and a cleared field is sent as null (the API's "clear this field").
 */
export function leadInputFrom(values: LeadFormValues, original: Partial<LeadDetail> | null): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of TEXT_FIELDS) {
    const value = values[field].trim();
    if (!original) {
      if (value) input[field] = value;
    } else if (value !== (original[field] ?? '')) {
      input[field] = value || null;
    }
  }
  const tags = parseTags(values.tags);
  if (!original ? tags.length : tags.join('\u0000') !== (original.tags ?? []).join('\u0000')) input.tags = tags;
  const assignee = values.assigneeId || null;
  if (!original ? assignee : assignee !== (original.assigneeId ?? null)) input.assigneeId = assignee;
  return input;
}
