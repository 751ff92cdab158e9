import { timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import { InboundParseError, parseInboundParse } from '../../adapters/channels/index.ts';
import { stripeWebhookVerifier } from '../../adapters/payments/index.ts';
import { CallerKind, assertCan } from '../../core/access.ts';
import { operationRule } from '../../core/operation-access.ts';
import { PaymentWebhookError } from '../../core/payments/payments.ts';
import type { Services } from '../services.ts';
import { PayloadTooLarge, readBody, sendError, sendJson } from './io.ts';
import type { Route } from './server.ts';
import { twilioWebhookRoute } from './twilio-webhook-route.ts';

const INBOUND = /^\/webhooks\/email\/([0-9a-f-]{36})\/([A-Za-z0-9_-]{16,100})$/i;
const STRIPE = /^\/webhooks\/stripe\/([0-9a-f-]{36})$/i;
export const MAX_WEBHOOK_BODY = 1024 * 1024;
export const MAX_INBOUND_EMAIL = 10 * 1024 * 1024;

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
const notFound = { code: 'NOT_FOUND', status: 404, message: 'No such webhook.' };
// The same answer whether the tenant exists or not: a webhook URL tells nothing about who is a customer.
const badSignature = { code: 'UNAUTHENTICATED', status: 400, message: 'The Stripe-Signature header does not verify against this endpoint\'s signing secret.' };

/** A verified Stripe event, checked against the current secret and a replaced one still in its grace period. */
function verifyWithAny(body: Buffer, signature: string | undefined, secrets: string[]) {
  for (const secret of secrets) {
    try {
      return stripeWebhookVerifier.verify(body, signature, secret);
    } catch (error) {
      if (!(error instanceof PaymentWebhookError)) throw error;
    }
  }
  return null;
}

/** A post that proved itself (signature or URL secret) acts as the provider; the access table has the last word. */
function assertProvider(operation: 'stripeWebhook' | 'inboundEmailWebhook'): void {
  const rule = operationRule(operation);
  if (!rule?.permission) throw new Error(`${operation} is missing from the access table`);
  assertCan({ kind: CallerKind.PROVIDER, role: null }, rule.permission);
}

/** Provider webhooks: verified, stored once by the provider's id, and acted on (a payment in the same transaction). */
export function webhookRoutes(services: Services, logger: Logger): Route[] {
  return [
    {
      // SendGrid Inbound Parse; the per-tenant secret in the URL authenticates the post.
      method: 'POST',
      path: INBOUND,
      async handler(req, res, url) {
        const [, tenantId, secret] = url.pathname.match(INBOUND) as RegExpMatchArray;
        const accepted = await services.providers.webhookSecrets.inbound(tenantId as string).catch(() => []);
        if (!accepted.some((expected) => sameSecret(expected, secret as string))) return sendError(res, notFound);
        assertProvider('inboundEmailWebhook');
        const autopilot = services.autopilot(tenantId as string);
        let inbound;
        try {
          inbound = await parseInboundParse(req, req.headers['content-type'] ?? '', { maxBytes: MAX_INBOUND_EMAIL });
        } catch (error) {
          if (!(error instanceof InboundParseError)) throw error;
          return sendError(res, { code: 'VALIDATION', status: /large|limit|size/i.test(error.message) ? 413 : 400, message: error.message });
        }
        const { message, lead, duplicate } = await autopilot.replies.ingest(inbound, 'sendgrid-inbound');
        sendJson(res, 200, { received: true, duplicate, messageId: message.id, leadId: lead?.id ?? null });
      },
    },
    {
      method: 'POST',
      path: STRIPE,
      async handler(req, res, url) {
        const [, tenantId] = url.pathname.match(STRIPE) as RegExpMatchArray;
        let body: Buffer;
        try {
          body = await readBody(req, MAX_WEBHOOK_BODY);
        } catch (error) {
          if (error instanceof PayloadTooLarge) return sendError(res, { code: 'VALIDATION', status: 413, message: `The body is larger than ${MAX_WEBHOOK_BODY} bytes.` });
          throw error;
        }
        // From a few-second cache, not a transaction per post; a tenant without a secret has no webhook.
        const secrets = await services.providers.webhookSecrets.stripe(tenantId as string).catch(() => []);
        const event = verifyWithAny(body, req.headers['stripe-signature'] as string | undefined, secrets);
        if (!event) return sendError(res, badSignature);
        assertProvider('stripeWebhook');
        // Verified, so acknowledged whatever it says: an event we cannot use (malformed, another
        // tenant's, ids that are not ours) is recorded with the reason; a refusal would make Stripe retry it for days.
        const receipt = await services.autopilot(tenantId as string).payments.receive('stripe', event);
        if (receipt.ignored) logger.warn({ tenantId, eventId: event.eventId, reason: receipt.ignored }, 'verified Stripe event ignored');
        sendJson(res, 200, { received: true, duplicate: receipt.duplicate, ...(receipt.ignored ? { ignored: receipt.ignored } : {}) });
      },
    },
    // Incoming SMS and WhatsApp, and delivery reports.
    twilioWebhookRoute(services, logger),
  ];
}
