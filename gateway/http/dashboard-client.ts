import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ClientInfo } from '../../core/accounts/account.types.ts';
import { clientAddress } from './client-address.ts';

/**
 * The dashboard runs inside the gateway's process and calls /graphql from the server side, so the
 * gateway would see every dashboard user as 127.0.0.1 with Node's user agent: sign-in limits per
 * address would lump them together, and sessions would all look alike. The gateway tells the
 * dashboard the client's address on each request it hands over (replacing anything the client
 * sent), and the dashboard passes it back along with a key only this process knows.
 */
const KEY = randomBytes(32).toString('base64url');

export const CLIENT_ADDRESS_HEADER = 'x-crm-client-address';
export const CLIENT_AGENT_HEADER = 'x-crm-client-agent';
export const INTERNAL_KEY_HEADER = 'x-crm-internal-key';
/** The environment variable the dashboard's server code reads the key from. */
export const INTERNAL_KEY_ENV = 'CRM_INTERNAL_KEY';

export function shareKeyWithDashboard(): void {
  process.env[INTERNAL_KEY_ENV] = KEY;
}

/** Marks a request handed to the dashboard with the client's address as the gateway sees it. */
export function stampClientAddress(req: IncomingMessage, trustProxy: boolean): void {
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req, trustProxy) ?? '';
}

const header = (req: IncomingMessage, name: string): string | null => {
  const value = req.headers[name];
  return typeof value === 'string' && value !== '' ? value : null;
};

function fromDashboard(req: IncomingMessage): boolean {
  const key = header(req, INTERNAL_KEY_HEADER);
  return key !== null && key.length === KEY.length && timingSafeEqual(Buffer.from(key), Buffer.from(KEY));
}

/** Whom a request is made for: the dashboard's user when the dashboard says so (with the key), else the peer itself. */
export function clientOf(req: IncomingMessage, trustProxy: boolean): ClientInfo {
  if (fromDashboard(req)) return { address: header(req, CLIENT_ADDRESS_HEADER), userAgent: header(req, CLIENT_AGENT_HEADER) };
  return { address: clientAddress(req, trustProxy), userAgent: header(req, 'user-agent') };
}
