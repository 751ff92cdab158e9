import type { Logger } from 'pino';
import type { RequestAuth } from '../auth/authenticate.ts';
import type { SessionTokens } from '../auth/jwt.ts';
import type { EventHub } from '../live/event-hub.ts';
import type { Services } from '../services.ts';

/** Built fresh for every GraphQL operation. */
export interface GraphQLContext {
  requestId: string;
  /** Where the request came from (see clientAddress); sign-in attempts are counted by it. */
  clientAddress: string | null;
  /** The client's user agent (kept on the sessions it signs in, as a hint for their owner). */
  userAgent: string | null;
  auth: RequestAuth;
  services: Services;
  tokens: SessionTokens;
  logger: Logger;
  /** Set for subscriptions over WebSocket. */
  hub?: EventHub;
}
