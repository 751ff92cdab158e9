/**
 * A link the dashboard may render as one: http(s) only. The gateway replaces links that act on a
 * lead (pay, unsubscribe) with "[link hidden]" for people who may not change leads; that text is
 * shown as what it is, never as an href.
 */
export function usableLink(url: string | null | undefined): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

export const HIDDEN_LINK_NOTE = 'hidden: only people who can change leads see it';
