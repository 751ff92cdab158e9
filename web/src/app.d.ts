import type { Session } from '#lib/server/session';

declare global {
  namespace App {
    interface Locals {
      /** The verified session (checked against the gateway on every request), or null. */
      session: Session | null;
    }
    interface Error {
      message: string;
      code?: string;
    }
  }
}

export {};
