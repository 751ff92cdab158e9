import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, pageOverflowsHorizontally, signIn, visit } from './browser.ts';
import { ROOT, startProduct, type Product } from './product.ts';

/**
 * What a viewer sees of links that act on a lead (pay, unsubscribe): text saying they are hidden,
 * never a link, on desktop and phone; and the provider settings as the enums they now are, with a
 * provider that needs a key refused in words. Needs `npm run build:web` first.
 */
const STEP = 180_000;
const SHOTS = process.env.UPDATE_SCREENSHOTS ? join(ROOT, 'docs/screenshots') : mkdtempSync(join(tmpdir(), 'crm-shots-'));
const OWNER = { email: 'asha@links.example', password: 'a long enough password' };
const VIEWER = { email: 'vikram@links.example', password: 'viewer password 1' };

describe('action links and provider settings in the dashboard', () => {
  let product: Product;
  let tenantId = '';
  let leadId = '';

  const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const response = await fetch(`${product.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { data?: any; errors?: unknown };
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const until = async <T>(read: () => Promise<T | null | undefined | false>, what: string): Promise<T> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const value = await read();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  beforeAll(async () => {
    product = await startProduct();
    mkdirSync(SHOTS, { recursive: true });
    const signedUp = await gql('mutation($i: SignupInput!) { signup(input: $i) { token tenants { nodes { id } } } }', { i: { agencyName: 'Links Agency', tenantName: 'Sharma Dental Care', name: 'Asha Verma', ...OWNER } });
    const token = signedUp.signup.token as string;
    tenantId = signedUp.signup.tenants.nodes[0].id;
    await gql('mutation { setServiceCatalog(services: [{ name: "Clinic website", priceMin: "4500000", currency: "INR" }]) { id } }', {}, token);
    await gql('mutation { updateAutopilotSettings(input: { autopilot: true, sender: { name: "Asha", email: "asha@links.example", company: "Sharma Dental Care", pitch: "websites that bring patients in" } }) { autopilot } }', {}, token);
    leadId = (await gql('mutation { createLead(input: { businessName: "Royal Spice Restaurant", contactName: "Amit Gupta", email: "amit@royalspice.example" }) { id } }', {}, token)).createLead.id;
    await until(async () => (await gql(`{ lead(id: "${leadId}") { status } }`, {}, token)).lead.status === 'CONTACTED', 'the outreach');
    await gql(`mutation { simulateInboundReply(leadId: "${leadId}", body: "Interested, what does it cost?") { id } }`, {}, token);
    await until(async () => (await gql(`{ lead(id: "${leadId}") { status } }`, {}, token)).lead.status === 'PROPOSAL_SENT', 'the proposal');
    await gql(`mutation { inviteUser(input: { email: "${VIEWER.email}", name: "Vikram Viewer", role: VIEWER, tenantIds: ["${tenantId}"] }) { id } }`, {}, token);
    const invitation = await until(async () => ((await gql('{ accountOutbox(first: 5) { nodes { text } } }', {}, token)).accountOutbox.nodes[0]?.text as string | undefined)?.match(/token=([A-Za-z0-9_-]{86})/)?.[1], 'the invitation');
    await gql('mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { token } }', { t: invitation, p: VIEWER.password });
  }, STEP);

  afterAll(async () => {
    await product?.stop();
  }, 60_000);

  for (const [device, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]] as const) {
    it(`a viewer sees that the payment link is hidden, and no link to pay or unsubscribe anywhere (${device})`, async () => {
      const session = await openBrowser(viewport);
      try {
        const page = session.page;
        await signIn(page, product.url, VIEWER.email, VIEWER.password);
        await visit(page, `${product.url}/t/${tenantId}/leads/${leadId}`);
        await page.locator('[data-testid=payment-status]').waitFor();
        expect(await page.locator('[data-testid=checkout-link]').count()).toBe(0);
        await page.screenshot({ path: join(SHOTS, `viewer-lead-${device}.png`), fullPage: true });
        await page.click('button[role=tab]:has-text("Proposal")');
        await page.locator('[data-testid=payment-link-hidden]').waitFor();
        await expect(page.locator('[data-testid=payment-link-hidden]').textContent()).resolves.toMatch(/Payment link hidden: only people who can change leads see it/);
        await page.screenshot({ path: join(SHOTS, `viewer-proposal-${device}.png`), fullPage: true });
        await page.click('button[role=tab]:has-text("Messages")');
        await page.locator('[data-testid=thread]').waitFor();
        await page.screenshot({ path: join(SHOTS, `viewer-messages-${device}.png`), fullPage: true });
        const hrefs = async () => page.locator('a[href]').evaluateAll((nodes) => nodes.map((n) => (n as unknown as { href: string }).href));
        expect((await hrefs()).filter((href) => /\/(pay|u)\/[A-Za-z0-9_-]{32,}/.test(href))).toEqual([]);
        expect(await page.content()).not.toMatch(/\/(pay|u)\/[A-Za-z0-9_-]{32,}/);
        expect(await pageOverflowsHorizontally(page)).toBe(false);

        await visit(page, `${product.url}/t/${tenantId}/outbox`);
        await page.locator('[data-testid=outbox-entry]').first().waitFor();
        expect(await page.locator('[data-testid=checkout-link]').count()).toBe(0);
        expect(await page.content()).not.toMatch(/\/(pay|u)\/[A-Za-z0-9_-]{32,}/);
        await page.screenshot({ path: join(SHOTS, `viewer-outbox-${device}.png`), fullPage: true });
      } finally {
        await session.close();
      }
    }, STEP);
  }

  it('the owner still sees and opens the checkout link; choosing OpenAI without a key is refused in words', async () => {
    const session = await openBrowser({ width: 1280, height: 800 });
    try {
      const page = session.page;
      await signIn(page, product.url, OWNER.email, OWNER.password);
      await visit(page, `${product.url}/t/${tenantId}/leads/${leadId}`);
      await expect(page.locator('[data-testid=checkout-link]').getAttribute('href')).resolves.toMatch(/\/pay\/[A-Za-z0-9_-]{32,}$/);

      await visit(page, `${product.url}/t/${tenantId}/settings`);
      const ai = page.locator('select', { has: page.locator('option[value=GEMINI]') });
      await expect(ai.inputValue()).resolves.toBe('DEFAULT');
      await ai.selectOption('OPENAI');
      await page.locator('#autopilot button:has-text("Save")').click();
      const toast = page.locator('[data-testid=toast]', { hasText: 'openai_api_key' });
      await toast.waitFor();
      await page.screenshot({ path: join(SHOTS, 'settings-provider-refused.png'), fullPage: false });
      await expect(toast.textContent()).resolves.toMatch(/OpenAI needs an API key/);
      await ai.selectOption('OFFLINE');
      await page.locator('#autopilot button:has-text("Save")').click();
      await page.locator('[data-testid=toast]', { hasText: 'Autopilot settings saved' }).waitFor();
    } finally {
      await session.close();
    }
    console.log(`screenshots in ${SHOTS}`);
  }, STEP);
});
