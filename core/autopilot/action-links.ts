/** What an action link is replaced with for a caller who may not use it. */
export const HIDDEN_LINK = '[link hidden]';

/**
 * Links that act on a lead when followed, whoever follows them: our one-click unsubscribe
 * (/u/<token>: the lead is LOST and its address suppressed) and offline checkout (/pay/<token>: the
 * lead is PAID) pages, on any host (PUBLIC_URL may have changed since a link was written), with or
 * without the host; and Stripe's hosted payment pages (checkout.stripe.com, buy.stripe.com).
 */
const ACTION_LINK = /(?:https?:\/\/[^\s"'<>()\\]*)?\/(?:u|pay)\/[A-Za-z0-9_-]{32,}|https?:\/\/(?:checkout|buy)\.stripe\.com\/[^\s"'<>()\\]*/gi;
/**
 * A link's secret part however it was rewritten on the way (Outlook SafeLinks percent-encoding the
 * link into another, HTML entities, a mail client wrapping it over quoted lines): any run of at least
 * 20 token characters (letters, digits, "_" and "-", or the same written as %xx or &#..;) that looks
 * random (a digit, "_", an escape, or three small-to-capital steps). A token is 86 such characters, so
 * a wrapped one leaves at most a short piece of it visible, far too short to guess the rest from.
 */
const TOKEN_RUN = /(?:[A-Za-z0-9_-]|%[0-9A-Fa-f]{2}|&#[xX]?[0-9A-Fa-f]{1,6};){20,}/g;
const tokenLike = (run: string) => /[\d_%&]/.test(run) || (run.match(/[a-z][A-Z]/g)?.length ?? 0) >= 3;
const hideTokens = (text: string) => text.replace(TOKEN_RUN, (run) => (tokenLike(run) ? HIDDEN_LINK : run));
const HOLDS_LINK = new RegExp(ACTION_LINK.source, 'i');
/** A cheap test first: most text has none of these. */
const MAY_HOLD_LINK = /\/u\/|\/pay\/|stripe\.com/i;
const MAY_HOLD_TOKEN = /[A-Za-z0-9_%&#;-]{20}/;

/** Whether a string, or any string inside an array or object, holds an action link. */
export function holdsActionLink(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return (MAY_HOLD_LINK.test(value) && HOLDS_LINK.test(value)) || (MAY_HOLD_TOKEN.test(value) && hideTokens(value) !== value);
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  return (Array.isArray(value) ? value : Object.entries(value).flat()).some((item) => holdsActionLink(item, depth + 1));
}

/**
 * The value with every action link replaced by HIDDEN_LINK: strings, and strings anywhere inside
 * arrays and plain objects (JSON such as a timeline entry's data). Anything else is returned as is.
 */
export function hideActionLinks<T>(value: T, depth = 0): T {
  if (typeof value === 'string') {
    const links = MAY_HOLD_LINK.test(value) ? value.replace(ACTION_LINK, HIDDEN_LINK) : value;
    return (MAY_HOLD_TOKEN.test(links) ? hideTokens(links) : links) as T;
  }
  if (depth > 32 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => hideActionLinks(item, depth + 1)) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  // Keys too: a custom field can be named with a link.
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [hideActionLinks(key, depth + 1), hideActionLinks(item, depth + 1)])) as T;
}
