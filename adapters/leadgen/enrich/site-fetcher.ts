// Reads a few pages of a business's website, politely: robots.txt first (our agent's group or
// "*"), HTML only, a size cap and a timeout per page, at most a few redirects, public addresses
// only. Returns what it read and why it skipped the rest; never throws for the site's faults.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { ALLOW_ALL, DISALLOW_ALL, parseRobots, type Robots } from '../../../core/leadgen/robots.ts';
import { isIP } from 'node:net';
import { guardedLookup, isPublicAddress } from './public-address.ts';

export interface FetcherOptions {
  userAgent: string;
  /** The product token robots.txt groups are matched against. */
  robotsAgent: string;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** Only tests reach 127.0.0.1. */
  allowPrivate: boolean;
}

export type PageResult = { ok: true; url: string; html: string } | { ok: false; url: string; reason: string };

export class SiteFetcher {
  private readonly robots = new Map<string, Promise<Robots | { unreachable: string }>>();

  constructor(private readonly options: FetcherOptions) {}

  /** One page, if robots.txt allows it and it is HTML. */
  async page(url: string): Promise<PageResult> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { ok: false, url, reason: 'not a web address' };
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { ok: false, url, reason: `${parsed.protocol} is not a web page` };
    const robots = await this.robotsFor(parsed);
    if ('unreachable' in robots) return { ok: false, url, reason: robots.unreachable };
    if (!robots.allows(parsed.pathname + parsed.search)) return { ok: false, url, reason: 'robots.txt asks us not to read it' };
    const answer = await this.get(parsed, 0);
    if ('reason' in answer) return { ok: false, url, reason: answer.reason };
    if (answer.status !== 200) return { ok: false, url, reason: `HTTP ${answer.status}` };
    if (!/^(text\/html|application\/xhtml\+xml)\b/i.test(answer.type)) return { ok: false, url, reason: `not a page (${answer.type || 'no content type'})` };
    return { ok: true, url: answer.url, html: answer.body };
  }

  /** The site's rules; a site that cannot be reached at all is said so, not blamed on robots.txt. */
  private robotsFor(url: URL): Promise<Robots | { unreachable: string }> {
    const origin = url.origin;
    let known = this.robots.get(origin);
    if (!known) {
      known = this.get(new URL('/robots.txt', origin), 0).then((answer) => {
        if ('reason' in answer) return { unreachable: answer.reason };
        if (answer.status >= 500) return DISALLOW_ALL; // RFC 9309: a server error means stay away
        if (answer.status !== 200) return ALLOW_ALL; // RFC 9309: no robots.txt (4xx) means no rules
        return parseRobots(answer.body, this.options.robotsAgent);
      });
      this.robots.set(origin, known);
    }
    return known;
  }

  private get(url: URL, redirects: number): Promise<{ status: number; type: string; body: string; url: string } | { reason: string }> {
    // A literal address never goes through the lookup: it is checked here (redirects included).
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (!this.options.allowPrivate && isIP(literal) && !isPublicAddress(literal)) return Promise.resolve({ reason: `${literal} is a private or reserved address` });
    return new Promise((resolve) => {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(url, { method: 'GET', headers: { 'user-agent': this.options.userAgent, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1' }, lookup: guardedLookup(this.options.allowPrivate) as never, timeout: this.options.timeoutMs });
      const timer = setTimeout(() => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })), this.options.timeoutMs);
      const done = (value: { status: number; type: string; body: string; url: string } | { reason: string }) => {
        clearTimeout(timer);
        resolve(value);
      };
      req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
      req.on('error', (error: NodeJS.ErrnoException) => done({ reason: error.code === 'EPRIVATE' ? error.message : error.code === 'ETIMEDOUT' ? `no answer within ${this.options.timeoutMs} ms` : `could not connect (${error.code ?? error.message})` }));
      req.on('response', (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if (status >= 300 && status < 400 && location) {
          res.resume();
          if (redirects >= this.options.maxRedirects) return done({ reason: `more than ${this.options.maxRedirects} redirects` });
          let next: URL;
          try {
            next = new URL(location, url);
          } catch {
            return done({ reason: 'a redirect to something that is not a web address' });
          }
          if (next.protocol !== 'http:' && next.protocol !== 'https:') return done({ reason: `a redirect to ${next.protocol}` });
          clearTimeout(timer);
          return this.get(next, redirects + 1).then(resolve);
        }
        const chunks: Buffer[] = [];
        let size = 0;
        let cut = false;
        res.on('data', (chunk: Buffer) => {
          if (cut) return;
          size += chunk.length;
          // A huge page is read up to the cap: contact details sit near the top or in the footer of normal pages.
          if (size > this.options.maxBytes) {
            chunks.push(chunk.subarray(0, chunk.length - (size - this.options.maxBytes)));
            cut = true;
            res.destroy();
            done({ status, type: String(res.headers['content-type'] ?? ''), body: decode(Buffer.concat(chunks), res.headers['content-type']), url: url.toString() });
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => done({ status, type: String(res.headers['content-type'] ?? ''), body: decode(Buffer.concat(chunks), res.headers['content-type']), url: url.toString() }));
        res.on('error', () => done({ reason: 'the connection broke' }));
      });
      req.end();
    });
  }
}

function decode(bytes: Buffer, contentType: string | undefined): string {
  const charset = /charset\s*=\s*"?([\w-]+)/i.exec(contentType ?? '')?.[1] ?? /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(bytes.subarray(0, 2048).toString('latin1'))?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(charset.toLowerCase(), { fatal: false }).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
