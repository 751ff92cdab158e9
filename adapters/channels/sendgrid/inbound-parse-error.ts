export type InboundParseErrorCode = 'not_multipart' | 'malformed' | 'too_large' | 'missing_from' | 'bad_from';

/** An Inbound Parse POST we cannot read; `code` lets the webhook answer 413 for `too_large` and 400 otherwise. */
export class InboundParseError extends Error {
  constructor(
    readonly code: InboundParseErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'InboundParseError';
  }
}
