import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { DomainError, ErrorCode, assertUnreachable } from '../../core/errors.ts';

/** HTTP status for a response whose only error has this code (GraphQL answers 200 otherwise). */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.UNAUTHENTICATED:
      return 401;
    case ErrorCode.FORBIDDEN:
      return 403;
    case ErrorCode.NOT_FOUND:
      return 404;
    case ErrorCode.VALIDATION:
      return 400;
    case ErrorCode.CONFLICT:
    case ErrorCode.ILLEGAL_TRANSITION:
    case ErrorCode.ACTION_NOT_ALLOWED:
      return 409;
    case ErrorCode.RATE_LIMITED:
      return 429;
    case ErrorCode.UNAVAILABLE:
      return 503;
    default:
      return assertUnreachable(code);
  }
}

// Apollo's own codes for requests that never ran; to a client they are all bad input.
const requestErrors = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE']);

/**
 * The one mapping from errors to what clients see: domain errors keep their code, message and
 * details; request errors become VALIDATION; anything else is masked and logged with the request id.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, requestId: string | undefined, logger: Logger): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    return { message: original.message, path: formatted.path, locations: formatted.locations, extensions: { code: original.code, ...original.details } };
  }
  const code = formatted.extensions?.code;
  // Apollo's persisted-query protocol: a client resends the whole query on this code, so it stays.
  if (code === 'PERSISTED_QUERY_NOT_FOUND') return formatted;
  if (typeof code === 'string' && (requestErrors.has(code) || Object.hasOwn(ErrorCode, code))) {
    const validation = requestErrors.has(code) ? ErrorCode.VALIDATION : code;
    return { ...formatted, message: withoutEchoedValue(formatted.message), extensions: { ...formatted.extensions, code: validation, ...(validation !== code ? { reason: code } : {}) } };
  }
  // Other requests Apollo refuses before running them (a persisted query's hash that does not match
  // its text, an unknown protocol version) carry a 4xx status and no code: bad input too.
  const status = original instanceof GraphQLError ? (original.extensions?.http as { status?: number } | undefined)?.status : undefined;
  if (status !== undefined && status >= 400 && status < 500) {
    return { message: formatted.message, path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.VALIDATION, reason: 'BAD_REQUEST' } };
  }
  logger.error({ err: original, requestId, path: formatted.path }, 'unexpected error in a GraphQL operation');
  return {
    message: `Internal server error. Quote request id ${requestId ?? 'unknown'} when reporting it.`,
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
  };
}

/**
 * graphql-js says a variable was invalid by quoting it back ('Variable "$at" got invalid value
 * "<value>"; DateTime cannot represent … <value>'): the caller knows what it sent, and reflecting
 * arbitrary text (a megabyte, markup, someone else's data pasted in) helps nobody. Say which
 * variable and why, without the value.
 */
export function withoutEchoedValue(message: string): string {
  const match = /^Variable "\$(\w+)" got invalid value (.*?)(?: at "([^"]+)")?; ([\s\S]*)$/.exec(message);
  if (!match) return message;
  const [, name, printed = '', path, reason = ''] = match;
  let raw = printed;
  try {
    const parsed: unknown = JSON.parse(printed);
    if (typeof parsed === 'string') raw = parsed;
  } catch {
    // Not JSON (graphql-js prints objects its own way): only the printed form is removed.
  }
  const why = [printed, raw].filter((text) => text.length > 0).reduce((text, value) => text.split(value).join('the value'), reason);
  const where = path ? ` at "${path}"` : '';
  return `Variable "$${name}" got an invalid value${where}; ${why.replace(/^Value the value /, 'The value ').slice(0, 300)}`;
}
