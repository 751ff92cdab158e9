import { AsyncLocalStorage } from 'node:async_hooks';

/** The request being served, for code (such as error formatting) that is not handed it. */
export const requestScope = new AsyncLocalStorage<{ requestId: string }>();

export const currentRequestId = (): string | undefined => requestScope.getStore()?.requestId;
