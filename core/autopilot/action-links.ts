/** What an action link is replaced with for a caller who may not use it. */
export const HIDDEN_LINK = '[link hidden]';

/**
 * Links that act on a lead when followed, whoever follows them: our one-click unsubscribe
 * (/u/<token>: the lead is LOST and its address suppressed) and offline checkout (/pay/<token>: the
 * lead is PAID) pages, on any host (PUBLIC_URL may have changed since a link was written), with or
 * without the host; and Stripe's hosted payment pages (checkout.stripe.com, buy.stripe.com).
 */
const ACTION_LINK = /(?:https?:\/\/[^\s"'<>()\\]*)?\/(?:u|pay)\/[A-Za-z0-9_-]{32,}|https?:\/\/(?:checkout|buy)\.stripe\.com\/[^\s"'<>()\\]*/gi;
const HOLDS_LINK = new RegExp(ACTION_LINK.source, 'i');
/** A cheap test first: most text has none of these. */
const MAY_HOLD_LINK = /\/u\/|\/pay\/|stripe\.com/i;

/** Whether a string, or any string inside an array or object, holds an action link. */
export function holdsActionLink(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return MAY_HOLD_LINK.test(value) && HOLDS_LINK.test(value);
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  return (Array.isArray(value) ? value : Object.values(value)).some((item) => holdsActionLink(item, depth + 1));
}

/**
 * The value with every action link replaced by HIDDEN_LINK: strings, and strings anywhere inside
 * arrays and plain objects (JSON such as a timeline entry's data). Anything else is returned as is.
 */
export function hideActionLinks<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return (MAY_HOLD_LINK.test(value) ? value.replace(ACTION_LINK, HIDDEN_LINK) : value) as T;
  if (depth > 32 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => hideActionLinks(item, depth + 1)) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, hideActionLinks(item, depth + 1)])) as T;
}
