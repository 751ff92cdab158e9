import { ChannelError } from '../../../core/channels/channel.ts';

/** Numbers Twilio says can never be reached: suppressed as a bounce (REST error codes and delivery error codes). */
const INVALID_NUMBER = new Set([21211, 21401, 21614, 30005, 30006]);
/** The recipient opted out (replied STOP to Twilio): suppressed as their own opt-out. */
const UNSUBSCRIBED = 21610;
/** Twilio's own rate limit ("Too many requests"). */
const TOO_MANY_REQUESTS = 20429;

/** Transport failures worth retrying: the request may never have reached Twilio. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_NETWORK', 'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/** How a Twilio error code (REST or delivery report) affects the number: suppress it, and how, or not. */
export function suppressionFor(code: number | null): 'bounce' | 'opt_out' | null {
  if (code === UNSUBSCRIBED) return 'opt_out';
  return code !== null && INVALID_NUMBER.has(code) ? 'bounce' : null;
}

/**
 * Maps what the `twilio` SDK throws to our ChannelError. The job queue retries with backoff, so only
 * the classification matters here: Twilio's 20429, HTTP 429 and 5xx and network failures are
 * retryable; an invalid number or an opted-out recipient is permanent (the number gets suppressed);
 * anything else (a bad sender, a revoked key, WhatsApp's 24-hour rule) needs a person.
 */
export function toChannelError(error: unknown): ChannelError {
  const err = error as { status?: unknown; code?: unknown; message?: string; moreInfo?: string; isAxiosError?: boolean };
  if (typeof err.status === 'number') {
    const code = typeof err.code === 'number' ? err.code : null;
    const message = `Twilio answered ${err.status}${code !== null ? ` (error ${code})` : ''}: ${err.message ?? 'no details'}`;
    if (code === TOO_MANY_REQUESTS || err.status === 429 || err.status >= 500) return new ChannelError(message, true);
    const suppress = suppressionFor(code);
    if (suppress) return new ChannelError(message, false, true, suppress);
    return new ChannelError(message, false);
  }
  const code = typeof err.code === 'string' ? err.code : '';
  if (NETWORK_CODES.has(code) || err.isAxiosError === true) return new ChannelError(`Twilio unreachable${code ? ` (${code})` : ''}: ${err.message ?? ''}`, true);
  // Anything else failed before the request left (the SDK's own checks): retrying won't help.
  return new ChannelError(`Twilio send failed: ${err.message ?? String(error)}`, false);
}
