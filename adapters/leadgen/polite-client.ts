// HTTP for sources that are shared public services (Overpass, Nominatim): an identifying
// User-Agent, one request at a time per source, a pause between requests, backing off when told
// to (429 or 504 with Retry-After), a timeout and a cap on the answer's size.
import { SourceUnavailableError } from '../../core/leadgen/lead-source.ts';

export interface PoliteClientOptions {
  sourceId: string;
  userAgent: string;
  /** Least time between the start of two requests. */
  minIntervalMs: number;
  timeoutMs: number;
  maxBytes: number;
  /** Attempts after a 429/5xx before giving up. */
  retries: number;
  /** Longest wait honoured between attempts; a longer Retry-After ends the request with it. */
  maxWaitMs: number;
}

export interface Init {
  method?: 'GET' | 'POST';
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

const RETRYABLE = new Set([429, 502, 503, 504]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class PoliteClient {
  private queue: Promise<unknown> = Promise.resolve();
  private lastStart = 0;

  constructor(private readonly options: PoliteClientOptions) {}

  /** The answer's JSON; requests through this client run one after another. */
  json(url: string, init: Init = {}): Promise<unknown> {
    const run = this.queue.then(() => this.attempt(url, init, 0));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async attempt(url: string, init: Init, tried: number): Promise<unknown> {
    const { sourceId } = this.options;
    const wait = this.lastStart + this.options.minIntervalMs - Date.now();
    if (wait > 0) await sleep(wait);
    this.lastStart = Date.now();
    let response: Response;
    try {
      response = await fetch(url, {
        method: init.method ?? 'GET',
        headers: { 'user-agent': this.options.userAgent, accept: 'application/json', ...(init.contentType ? { 'content-type': init.contentType } : {}), ...init.headers },
        ...(init.body !== undefined ? { body: init.body } : {}),
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: 'follow',
      });
    } catch (error) {
      if (tried < this.options.retries) return this.backOff(url, init, tried, null);
      throw new SourceUnavailableError(sourceId, `no answer (${(error as Error).name === 'TimeoutError' ? `timed out after ${this.options.timeoutMs} ms` : (error as Error).message})`);
    }
    if (RETRYABLE.has(response.status)) {
      await response.body?.cancel();
      const retryAfter = retryAfterSeconds(response.headers.get('retry-after'));
      if (tried < this.options.retries && (retryAfter === null || retryAfter * 1000 <= this.options.maxWaitMs)) return this.backOff(url, init, tried, retryAfter);
      throw new SourceUnavailableError(sourceId, `busy (HTTP ${response.status})`, retryAfter);
    }
    if (!response.ok) {
      // Google and Overpass say why in the body (an invalid key, a bad query): worth passing on.
      const said = await readCapped(response, 4096, sourceId).catch(() => '');
      throw new SourceUnavailableError(sourceId, `refused the request (HTTP ${response.status}${reasonIn(said)})`);
    }
    const text = await readCapped(response, this.options.maxBytes, sourceId);
    try {
      return JSON.parse(text);
    } catch {
      throw new SourceUnavailableError(sourceId, 'answered with something that is not JSON');
    }
  }

  private async backOff(url: string, init: Init, tried: number, retryAfter: number | null): Promise<unknown> {
    const exponential = Math.min(this.options.maxWaitMs, 500 * 2 ** tried);
    await sleep(retryAfter !== null ? retryAfter * 1000 : exponential);
    return this.attempt(url, init, tried + 1);
  }
}

function retryAfterSeconds(header: string | null): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

async function readCapped(response: Response, maxBytes: number, sourceId: string): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new SourceUnavailableError(sourceId, `answered with more than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function reasonIn(body: string): string {
  let message: unknown = null;
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    message = typeof parsed.error === 'object' ? parsed.error?.message : (parsed.error ?? parsed.message);
  } catch {
    message = body.replace(/<[^>]*>/g, ' ').trim();
  }
  return typeof message === 'string' && message.trim() ? `: ${message.trim().replace(/\s+/g, ' ').slice(0, 200)}` : '';
}
