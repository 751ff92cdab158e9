import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/**
 * What the test reads of the page's globals. This file is type-checked with the project's Node
 * settings (no DOM library), so page-side callbacks go through this type; it vanishes at runtime.
 */
export interface PageGlobals {
  document: { cookie: string; documentElement: { scrollWidth: number }; activeElement: { textContent: string | null } | null };
  location: { pathname: string };
  innerWidth: number;
  __noReload?: boolean;
}

export interface Session {
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}

/** Debian's Chromium with a fresh profile: one "browser" per person in the test. */
export async function openBrowser(viewport = { width: 1440, height: 900 }): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), 'crm-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport,
    acceptDownloads: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  context.setDefaultTimeout(20_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Navigates and waits until the app is interactive (hydrated), so typing is never lost. */
export async function visit(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('html[data-hydrated]');
}

export async function signUp(page: Page, base: string, input: { agencyName: string; tenantName: string; name: string; email: string; password: string }): Promise<string> {
  await visit(page, `${base}/signup`);
  for (const [name, value] of Object.entries(input)) await page.fill(`input[name=${name}]`, value);
  await page.click('button[type=submit]');
  await page.waitForURL(/\/t\/[0-9a-f-]{36}\/board$/);
  await page.waitForSelector('html[data-hydrated]');
  return (page.url().match(/\/t\/([0-9a-f-]{36})\//) as RegExpMatchArray)[1] as string;
}

export async function signIn(page: Page, base: string, email: string, password: string): Promise<void> {
  await visit(page, `${base}/login`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForFunction(() => !(globalThis as unknown as PageGlobals).location.pathname.startsWith('/login'));
}

/** The one-time link of the newest account email to `to` in the Outbox (an owner's page: only owners see them), once its job has sent it. */
export async function accountEmailLink(page: Page, base: string, tenantId: string, to: string, kind: 'INVITATION' | 'PASSWORD_RESET', not: string[] = []): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    await visit(page, `${base}/t/${tenantId}/outbox`);
    const links = await page.locator(`[data-testid=account-email][data-kind=${kind}][data-to="${to}"] [data-testid=account-link]`).evaluateAll((nodes) => nodes.map((n) => (n as unknown as { href: string }).href));
    const link = links.find((l) => !not.includes(l));
    if (link) return link;
    if (Date.now() > deadline) throw new Error(`no ${kind} email to ${to} in the Outbox`);
    await page.waitForTimeout(300);
  }
}

export const invitationLink = (page: Page, base: string, tenantId: string, to: string) => accountEmailLink(page, base, tenantId, to, 'INVITATION');

/** GraphQL from inside the page, as the signed-in browser (cookie credential). */
export interface GraphqlResult<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}
export function graphqlInPage<T = unknown>(page: Page, tenantId: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphqlResult<T>> {
  return page.evaluate(
    async ([tenant, q, v]) => {
      const response = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'x-tenant-id': tenant as string }, body: JSON.stringify({ query: q, variables: v }) });
      return response.json();
    },
    [tenantId, query, variables] as const,
  ) as Promise<GraphqlResult<T>>;
}

/** Marks the document; `stillSamePage` is true as long as no full reload happened since. */
export async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => ((globalThis as unknown as PageGlobals).__noReload = true));
}
export function stillSamePage(page: Page): Promise<boolean> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).__noReload === true);
}

/** No horizontal scrolling of the page itself (wide content scrolls inside its own box). */
export function pageOverflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const page = globalThis as unknown as PageGlobals;
    return page.document.documentElement.scrollWidth > page.innerWidth + 1;
  });
}
