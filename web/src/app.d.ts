import type { ClientInfo } from '#lib/server/gateway';
import type { Session } from '#lib/server/session';

declare global {
  namespace App {
    interface Locals {
      /** The verified session (checked against the gateway on every request), or null. */
      session: Session | null;
      /** Who is asking: their address and browser, passed on to the gateway when signing in. */
      client: ClientInfo;
    }
    interface Error {
      message: string;
      code?: string;
    }
  }
}

export {};
