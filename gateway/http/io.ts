import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError, ErrorCode } from '../../core/errors.ts';
import { httpStatusFor } from '../graphql/errors.ts';

export class PayloadTooLarge extends Error {}

/** Reads a whole request body, refusing more than `limit` bytes without buffering them. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new PayloadTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new PayloadTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  // Answering before the body was read (a refused upload): close, so the client stops sending
  // and does not reuse a connection that still carries the rest of it.
  if (res.req && !res.req.complete) res.setHeader('connection', 'close');
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** A REST-style error body with the same codes GraphQL uses. */
export function sendError(res: ServerResponse, error: DomainError | { code: string; message: string; status: number }): void {
  const status = error instanceof DomainError ? httpStatusFor(error.code) : error.status;
  const details = error instanceof DomainError ? error.details : {};
  sendJson(res, status, { error: { code: error.code, message: error.message, ...details } });
}

export const payloadTooLarge = (limit: number) => ({
  code: ErrorCode.VALIDATION,
  status: 413,
  message: `The request body is larger than ${limit} bytes.`,
});
