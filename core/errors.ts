/** Every error the domain can raise; the gateway maps each code to a GraphQL error in one switch. */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  VALIDATION: 'VALIDATION',
  CONFLICT: 'CONFLICT',
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  ACTION_NOT_ALLOWED: 'ACTION_NOT_ALLOWED',
  RATE_LIMITED: 'RATE_LIMITED',
  /** A provider the operation needs (the tenant's AI, channel or payments) cannot be used now: its setup, or an outage. */
  UNAVAILABLE: 'UNAVAILABLE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One problem with one input field, e.g. `{ field: 'email', message: 'is not a valid email address' }`. */
export interface FieldError {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Missing and forbidden look the same to the caller, so ids of other tenants reveal nothing. */
export function notFound(what: string, id: string): DomainError {
  return new DomainError(ErrorCode.NOT_FOUND, `${what} ${id} was not found`, { id });
}

export function validationError(errors: FieldError[]): DomainError {
  const summary = errors.map((error) => `${error.field} ${error.message}`).join('; ');
  return new DomainError(ErrorCode.VALIDATION, `Invalid input: ${summary}`, { fields: errors });
}

export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
