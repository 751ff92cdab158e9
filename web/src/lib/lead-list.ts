import { isLeadStatus } from './status.ts';
import type { LeadStatus } from './types.ts';

/** The leads table's state, all of it in the URL (shareable, back-button friendly). */
export interface ListState {
  search: string;
  status: LeadStatus[];
  industry: string;
  city: string;
  source: string;
  tag: string;
  /** A user id, "none" for unassigned, or "" for anyone. */
  assignee: string;
  sort: SortField;
  dir: 'ASC' | 'DESC';
  /** The cursor this page starts after, and the ones of the pages before it (for "Previous"). */
  after: string | null;
  back: string[];
}

export const SORT_FIELDS = ['UPDATED_AT', 'CREATED_AT', 'BUSINESS_NAME', 'CITY', 'SCORE'] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export const PAGE_SIZE = 25;

const TEXT_KEYS = ['search', 'industry', 'city', 'source', 'tag', 'assignee'] as const;

export function parseListState(params: URLSearchParams): ListState {
  const sort = params.get('sort');
  const status = params.getAll('status').flatMap((s) => s.split(',')).filter(isLeadStatus);
  return {
    search: params.get('search')?.trim() ?? '',
    status: [...new Set(status)],
    industry: params.get('industry')?.trim() ?? '',
    city: params.get('city')?.trim() ?? '',
    source: params.get('source')?.trim() ?? '',
    tag: params.get('tag')?.trim() ?? '',
    assignee: params.get('assignee')?.trim() ?? '',
    sort: (SORT_FIELDS as readonly string[]).includes(sort ?? '') ? (sort as SortField) : 'UPDATED_AT',
    dir: params.get('dir') === 'ASC' ? 'ASC' : 'DESC',
    after: params.get('after') || null,
    back: (params.get('back') ?? '').split(',').filter(Boolean),
  };
}

export function toSearchParams(state: Partial<ListState>): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of TEXT_KEYS) if (state[key]) params.set(key, state[key] as string);
  for (const status of state.status ?? []) params.append('status', status);
  if (state.sort && state.sort !== 'UPDATED_AT') params.set('sort', state.sort);
  if (state.dir && state.dir !== 'DESC') params.set('dir', state.dir);
  if (state.after) params.set('after', state.after);
  if (state.back?.length) params.set('back', state.back.join(','));
  return params;
}

const href = (state: ListState) => {
  const query = toSearchParams(state).toString();
  return query ? `?${query}` : '?';
};

/** The GraphQL LeadFilterInput for a state. */
export function filterInput(state: ListState): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (state.search) filter.search = state.search;
  if (state.status.length) filter.status = state.status;
  for (const key of ['industry', 'city', 'source', 'tag'] as const) if (state[key]) filter[key] = state[key];
  if (state.assignee === 'none') filter.unassigned = true;
  else if (state.assignee) filter.assignee = state.assignee;
  return filter;
}

export const orderInput = (state: ListState) => ({ field: state.sort, direction: state.dir });

/** "~" stands for the first page in the back stack (cursors are base64url: no "~", no ","). */
const FIRST = '~';

/** The next page starts after this page's last cursor; the current one goes on the back stack. */
export const nextPageHref = (state: ListState, endCursor: string) => href({ ...state, after: endCursor, back: [...state.back, state.after ?? FIRST] });

/** "Previous" pops the back stack. */
export function previousPageHref(state: ListState): string {
  const back = [...state.back];
  const last = back.pop();
  return href({ ...state, after: last && last !== FIRST ? last : null, back });
}

export const pageNumber = (state: ListState) => state.back.length + 1;

/** Sorting by a column: the same column flips the direction, a new one starts at its natural order. */
export function sortHref(state: ListState, field: SortField): string {
  const dir = state.sort === field ? (state.dir === 'ASC' ? 'DESC' : 'ASC') : field === 'BUSINESS_NAME' || field === 'CITY' ? 'ASC' : 'DESC';
  return href({ ...state, sort: field, dir, after: null, back: [] });
}

/** The CSV export of the same filter (the REST endpoint takes the same names). */
export function exportPath(state: ListState): string {
  const params = new URLSearchParams();
  for (const key of ['search', 'industry', 'city', 'source', 'tag'] as const) if (state[key]) params.set(key, state[key]);
  if (state.status.length) params.set('status', state.status.join(','));
  if (state.assignee === 'none') params.set('unassigned', 'true');
  else if (state.assignee) params.set('assignee', state.assignee);
  const query = params.toString();
  return `/api/leads/export.csv${query ? `?${query}` : ''}`;
}

export const hasFilters = (state: ListState) => Boolean(state.search || state.status.length || state.industry || state.city || state.source || state.tag || state.assignee);
