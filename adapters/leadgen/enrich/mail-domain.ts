// Whether a domain can receive mail: an MX record (not the "null MX" of RFC 7505), or else an A or
// AAAA record (RFC 5321's implicit MX). Against the system's resolvers or given servers (tests run
// a local DNS server); answers cached for a while, since one search asks about the same domains.
import { Resolver } from 'node:dns/promises';
import type { MailDomainCheck } from '../../../core/leadgen/enrichment.ts';

const CACHE_MS = 60 * 60 * 1000;
const NO_RECORD = new Set(['ENODATA', 'ENOTFOUND', 'NXDOMAIN']);

export class DnsMailDomainCheck implements MailDomainCheck {
  private readonly resolver: Resolver;
  private readonly cache = new Map<string, { at: number; verdict: { ok: true } | { ok: false; reason: string } }>();

  constructor(options: { servers?: string[]; timeoutMs?: number } = {}) {
    this.resolver = new Resolver({ timeout: options.timeoutMs ?? 3_000, tries: 2 });
    if (options.servers?.length) this.resolver.setServers(options.servers);
  }

  async check(domain: string): Promise<{ ok: true } | { ok: false; reason: string }> {
    const name = domain.toLowerCase().replace(/\.$/, '');
    const cached = this.cache.get(name);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.verdict;
    const verdict = await this.lookUp(name);
    this.cache.set(name, { at: Date.now(), verdict });
    return verdict;
  }

  private async lookUp(name: string): Promise<{ ok: true } | { ok: false; reason: string }> {
    try {
      const mx = await this.resolver.resolveMx(name);
      if (mx.length === 1 && (mx[0]!.exchange === '' || mx[0]!.exchange === '.')) return { ok: false, reason: `${name} says it accepts no mail (null MX)` };
      if (mx.length) return { ok: true };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (code === 'ENOTFOUND' || code === 'NXDOMAIN') return { ok: false, reason: `${name} does not exist` };
      if (!NO_RECORD.has(code)) return { ok: false, reason: `${name} could not be checked (${code || 'DNS error'})` };
    }
    for (const resolve of [() => this.resolver.resolve4(name), () => this.resolver.resolve6(name)]) {
      try {
        if ((await resolve()).length) return { ok: true };
      } catch {
        // No address of this family: try the other.
      }
    }
    return { ok: false, reason: `${name} has no mail server` };
  }
}
