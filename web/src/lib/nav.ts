/** The sections of a tenant's workspace, in sidebar order. */
export const SECTIONS = [
  { key: 'board', label: 'Pipeline', icon: 'board' },
  { key: 'leads', label: 'Leads', icon: 'list' },
  { key: 'inbox', label: 'Inbox', icon: 'inbox' },
  { key: 'outbox', label: 'Outbox', icon: 'send' },
  { key: 'settings', label: 'Settings', icon: 'settings' },
] as const;

export type SectionKey = (typeof SECTIONS)[number]['key'];

const TENANT_PATH = /^\/t\/([^/]+)(?:\/([^/?#]+))?/;

/** The tenant id and section of a dashboard path, if it is inside a tenant. */
export function tenantPath(pathname: string): { tenantId: string; section: string | null } | null {
  const match = pathname.match(TENANT_PATH);
  return match ? { tenantId: decodeURIComponent(match[1] as string), section: match[2] ?? null } : null;
}

/**
 * Where the tenant switcher sends you: the same section in the other tenant (a lead page becomes
 * that tenant's leads list: the lead does not exist there), else the board.
 */
export function switchTenantHref(pathname: string, tenantId: string): string {
  const current = tenantPath(pathname);
  const section = SECTIONS.some((s) => s.key === current?.section) ? (current?.section as string) : 'board';
  return `/t/${encodeURIComponent(tenantId)}/${section}`;
}
