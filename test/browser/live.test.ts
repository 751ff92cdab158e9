import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markPage, openBrowser, signUp, stillSamePage, visit, type Session } from './browser.ts';
import { startProduct, type Product } from './product.ts';

/**
 * Live views under hostile timing, in a real browser against the product: many quick changes while
 * the page's own refresh is slow (the timing that used to leave the lead page on a stale status),
 * the gateway stopping answering (the page stays, says so, and catches up when it answers again),
 * and the agency overview and the inbox following changes made elsewhere.
 */
const STEP = 240_000;
const owner = { agencyName: 'Live Timing Agency', tenantName: 'Kapoor Bakery', name: 'Neha Kapoor', email: 'neha@live-timing.example', password: 'a long enough password' };
const LABEL: Record<string, string> = { NEW: 'New', CONTACTED: 'Contacted', INTERESTED: 'Interested', LOST: 'Lost' };

describe('live views in a browser', () => {
  let product: Product;
  let browser: Session;
  let page: Page;
  let tenantId = '';
  let token = '';

  /** GraphQL from the test itself, as the owner: not through the page, so the page's routes do not touch it. */
  async function api<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(`${product.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-tenant-id': tenantId }, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { data?: T; errors?: unknown };
    if (!body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
    return body.data;
  }
  const createLead = async (businessName: string) =>
    (await api<{ createLead: { id: string } }>('mutation($i: CreateLeadInput!) { createLead(input: $i) { id } }', { i: { businessName, email: `${businessName.toLowerCase().replace(/\W+/g, '.')}@live.example` } })).createLead.id;
  const status = async (id: string) => (await api<{ lead: { status: string } }>(`{ lead(id: "${id}") { status } }`)).lead.status;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /** Whether a request is the page fetching its data again (a SvelteKit data request, or a GraphQL query, not a mutation). */
  const isRefresh = (route: Route) => {
    const request = route.request();
    if (request.url().includes('__data.json')) return true;
    return request.method() === 'POST' && new URL(request.url()).pathname === '/graphql' && !/^\s*mutation/.test(String(JSON.parse(request.postData() ?? '{}').query ?? ''));
  };

  beforeAll(async () => {
    product = await startProduct();
    browser = await openBrowser({ width: 1280, height: 800 });
    page = browser.page;
    tenantId = await signUp(page, product.url, owner);
    // The autopilot stays off: the tests make every change themselves.
    const login = await fetch(`${product.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `mutation { login(email: "${owner.email}", password: "${owner.password}") { token } }` }) });
    token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;
  }, STEP);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  }, 60_000);

  it('the lead page ends on the true status every time, after bursts of changes while its refresh is in flight', async () => {
    const leadId = await createLead('Burst Bakery');
    await visit(page, `${product.url}/t/${tenantId}/leads/${leadId}`);
    await markPage(page);
    // Every refresh of the page takes 400 ms: changes keep arriving while one is in flight.
    await page.route('**/*', async (route) => {
      if (isRefresh(route)) await sleep(400);
      await route.continue().catch(() => undefined);
    });
    const badge = page.locator('[data-testid=lead-status]');
    try {
      for (let round = 0; round < 8; round += 1) {
        const changes = 3 + (round % 4);
        for (let i = 0; i < changes; i += 1) {
          const current = await status(leadId);
          if (current === 'LOST') await api(`mutation { reopenLead(id: "${leadId}", reason: "round ${round} change ${i}") { id } }`);
          else await api(`mutation { closeLead(id: "${leadId}", reason: "round ${round} change ${i}") { id } }`);
          await sleep([0, 60, 180, 320][(round + i) % 4] as number);
        }
        const truth = await status(leadId);
        await expect.poll(() => badge.textContent(), { timeout: 10_000, message: `round ${round}: the page should show ${truth}` }).toBe(LABEL[truth]);
        // The buttons follow the status: a lost lead offers Reopen, an open one Close as lost.
        const offered = truth === 'LOST' ? 'REOPEN' : 'CLOSE_AS_LOST';
        await expect.poll(() => page.locator(`[data-testid=lead-actions] [data-action=${offered}]`).count(), { timeout: 10_000 }).toBe(1);
      }
    } finally {
      await page.unroute('**/*');
    }
    expect(await stillSamePage(page)).toBe(true);
  }, STEP);

  it('the inbox ends on each lead\'s true status too, after bursts while its refresh is in flight', async () => {
    const leadId = await createLead('Inbox Bakes');
    await api(`mutation { generateOutreach(leadId: "${leadId}") { id } }`);
    await expect.poll(async () => (await api<{ lead: { messages: { nodes: { status: string }[] } } }>(`{ lead(id: "${leadId}") { messages { nodes { status } } } }`)).lead.messages.nodes[0]?.status, { timeout: 30_000 }).toBe('DRAFT');
    await api(`mutation { sendOutreach(leadId: "${leadId}") { id } }`);
    await expect.poll(() => status(leadId), { timeout: 30_000 }).toBe('CONTACTED');
    await api(`mutation { simulateInboundReply(leadId: "${leadId}", body: "Can you tell me more about it?") { id } }`);
    await visit(page, `${product.url}/t/${tenantId}/inbox`);
    const badge = page.locator('[data-testid=reply]', { hasText: 'Inbox Bakes' }).locator('[data-testid=reply-lead-status]');
    await badge.waitFor({ timeout: 30_000 });
    await page.route('**/*', async (route) => {
      if (isRefresh(route)) await sleep(400);
      await route.continue().catch(() => undefined);
    });
    try {
      for (let round = 0; round < 5; round += 1) {
        for (let i = 0; i < 3 + (round % 3); i += 1) {
          if ((await status(leadId)) === 'LOST') await api(`mutation { reopenLead(id: "${leadId}", reason: "inbox round ${round}") { id } }`);
          else await api(`mutation { closeLead(id: "${leadId}") { id } }`);
          await sleep([0, 90, 250][(round + i) % 3] as number);
        }
        const truth = await status(leadId);
        await expect.poll(() => badge.textContent(), { timeout: 10_000, message: `round ${round}: the inbox should show ${truth}` }).toBe(LABEL[truth]);
      }
    } finally {
      await page.unroute('**/*');
    }
  }, STEP);

  it('keeps the page when the gateway stops answering, says so, and catches up when it answers again', async () => {
    const leadId = await createLead('Offline Oven');
    await visit(page, `${product.url}/t/${tenantId}/leads/${leadId}`);
    await markPage(page);
    await page.route('**/*', async (route) => (isRefresh(route) ? route.abort('connectionrefused') : route.continue()));
    try {
      await api(`mutation { closeLead(id: "${leadId}", reason: "while offline") { id } }`);
      await page.locator('[data-testid=live-notice]').waitFor({ timeout: 15_000 });
      await expect(page.locator('[data-testid=live-notice]').textContent()).resolves.toMatch(/could not refresh|offline/i);
      // The page is still there, with what it last knew.
      await expect(page.locator('h1').textContent()).resolves.toBe('Offline Oven');
      await expect(page.locator('[data-testid=lead-status]').textContent()).resolves.toBe('New');
    } finally {
      await page.unroute('**/*');
    }
    await expect.poll(() => page.locator('[data-testid=lead-status]').textContent(), { timeout: 30_000 }).toBe('Lost');
    await page.locator('[data-testid=live-notice]').waitFor({ state: 'detached', timeout: 10_000 });

    // The whole network gone (the live socket too): what changed meanwhile shows once it is back.
    await browser.context.setOffline(true);
    await api(`mutation { reopenLead(id: "${leadId}", reason: "changed while the browser was offline") { id } }`);
    await sleep(1500);
    await expect(page.locator('[data-testid=lead-status]').textContent()).resolves.toBe('Lost');
    await browser.context.setOffline(false);
    await expect.poll(() => page.locator('[data-testid=lead-status]').textContent(), { timeout: 30_000 }).toBe('New');
    expect(await stillSamePage(page)).toBe(true);
  }, STEP);

  it('the agency overview follows changes made elsewhere', async () => {
    await visit(page, `${product.url}/`);
    await markPage(page);
    const card = page.locator('[data-testid=tenant-card]', { hasText: owner.tenantName });
    const before = Number((await card.locator('li[data-status=NEW] .state-count').textContent()) ?? '0');
    await createLead('Overview Patisserie');
    await expect.poll(async () => Number(await card.locator('li[data-status=NEW] .state-count').textContent()), { timeout: 15_000 }).toBe(before + 1);
    expect(await stillSamePage(page)).toBe(true);
  }, STEP);
});
