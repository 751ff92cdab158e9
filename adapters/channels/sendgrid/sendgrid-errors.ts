import { ChannelError } from '../../../core/channels/channel.ts';

interface SendGridApiError {
  message?: string;
  field?: string | null;
}

/** Transport failures worth retrying: the request may never have reached SendGrid. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE',
  'EHOSTUNREACH', 'ENETUNREACH', 'ERR_NETWORK', 'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/** A recipient SendGrid refuses outright: an invalid address, or one it blocks. */
const RECIPIENT_FIELD = /^personalizations\.\d+\.(to|cc|bcc)\b/;
const REFUSED_RECIPIENT = /\b(blocked|bounced|suppressed|does not contain a valid address|invalid email)\b/i;

function apiErrors(body: unknown): SendGridApiError[] {
  const errors = (body as { errors?: unknown } | null)?.errors;
  return Array.isArray(errors) ? (errors as SendGridApiError[]) : [];
}

function describe(status: number, errors: SendGridApiError[]): string {
  const details = errors.map((e) => (e.field ? `${e.field}: ${e.message ?? ''}` : (e.message ?? ''))).join('; ');
  return `SendGrid answered ${status}${details ? `: ${details}` : ''}`;
}

/**
 * Maps what `@sendgrid/mail` throws to our ChannelError. The job queue retries with backoff,
 * so only the classification matters here: 408/429/5xx and network failures are retryable,
 * a refused recipient is permanent (the address gets suppressed), anything else needs a human.
 */
export function toChannelError(error: unknown): ChannelError {
  const err = error as { code?: unknown; response?: { body?: unknown }; isAxiosError?: boolean; message?: string };
  if (typeof err.code === 'number') {
    const status = err.code;
    const errors = apiErrors(err.response?.body);
    const message = describe(status, errors);
    if (status === 408 || status === 429 || status >= 500) return new ChannelError(message, true);
    const refused = errors.some((e) => RECIPIENT_FIELD.test(e.field ?? '') || REFUSED_RECIPIENT.test(e.message ?? ''));
    if (status === 400 && refused) return new ChannelError(message, false, true);
    return new ChannelError(message, false);
  }
  const code = typeof err.code === 'string' ? err.code : '';
  if (err.isAxiosError === true && (NETWORK_CODES.has(code) || code === '')) {
    return new ChannelError(`SendGrid unreachable${code ? ` (${code})` : ''}: ${err.message ?? ''}`, true);
  }
  // Anything else failed before the request left (e.g. the SDK's own validation): retrying won't help.
  return new ChannelError(`SendGrid send failed: ${err.message ?? String(error)}`, false);
}
