import type { Logger } from 'pino';
import { parseTwilioWebhook, readTwilioForm, verifyTwilioSignature } from '../../adapters/channels/index.ts';
import { CallerKind, assertCan } from '../../core/access.ts';
import { operationRule } from '../../core/operation-access.ts';
import type { Services } from '../services.ts';
import { PayloadTooLarge, readBody, sendError } from './io.ts';
import type { Route } from './server.ts';

const TWILIO = /^\/webhooks\/twilio\/([0-9a-f-]{36})$/i;
/** Twilio's posts are small forms (a 1,600-character body, media links). */
const MAX_TWILIO_BODY = 64 * 1024;
// The same answer for an unknown tenant, a tenant without Twilio and a bad signature: a URL tells nothing.
const badSignature = { code: 'UNAUTHENTICATED', status: 400, message: 'The X-Twilio-Signature header does not verify for this URL and these parameters.' };
/** Twilio wants TwiML back; an empty Response sends no reply to the contact. */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/**
 * Twilio's webhook for a tenant: incoming SMS and WhatsApp messages, and delivery reports of the
 * messages we sent (the statusCallback of each). Verified with the tenant's auth token (its own
 * account's, else the server's) over the exact public URL (PUBLIC_URL and the path and query as
 * posted) and the POST parameters; stored once by MessageSid; acted on by the same services a
 * simulated reply uses. The team's chat with the bot will take its members' messages here too,
 * from the same channel-neutral record (InboundTextMessage), before the lead path.
 */
export function twilioWebhookRoute(services: Services, logger: Logger): Route {
  return {
    method: 'POST',
    path: TWILIO,
    async handler(req, res, url) {
      const [, tenantId] = url.pathname.match(TWILIO) as RegExpMatchArray;
      let body: Buffer;
      try {
        body = await readBody(req, MAX_TWILIO_BODY);
      } catch (error) {
        if (error instanceof PayloadTooLarge) return sendError(res, { code: 'VALIDATION', status: 413, message: `The body is larger than ${MAX_TWILIO_BODY} bytes.` });
        throw error;
      }
      const params = readTwilioForm(body);
      const signature = req.headers['x-twilio-signature'];
      const publicUrl = `${services.publicUrl}${req.url ?? url.pathname}`;
      const tokens = await services.providers.webhookSecrets.twilio(tenantId as string).catch(() => []);
      if (!tokens.some((token) => verifyTwilioSignature(token, typeof signature === 'string' ? signature : undefined, publicUrl, params))) return sendError(res, badSignature);
      const rule = operationRule('twilioWebhook');
      if (!rule?.permission) throw new Error('twilioWebhook is missing from the access table');
      assertCan({ kind: CallerKind.PROVIDER, role: null }, rule.permission);
      const event = parseTwilioWebhook(params);
      const autopilot = services.autopilot(tenantId as string);
      // Verified, so acknowledged whatever it says: a refusal would only make Twilio try again.
      if (event.kind === 'message') {
        const received = await autopilot.inboundText.receive(event.message);
        logger.debug({ tenantId, messageId: received.message.id, duplicate: received.duplicate, keyword: received.keyword }, 'Twilio message received');
      } else if (event.kind === 'status') {
        await autopilot.deliveryReports.apply(event.update);
      } else {
        logger.warn({ tenantId, reason: event.reason }, 'verified Twilio webhook ignored');
      }
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
      res.end(EMPTY_TWIML);
    },
  };
}
