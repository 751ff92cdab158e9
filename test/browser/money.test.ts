import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlInPage, openBrowser, pageOverflowsHorizontally, signUp, visit, type Session } from './browser.ts';
import { startProduct, type Product } from './product.ts';

/**
 * Money far past 32 bits in the dashboard: the catalog editor takes a price of 30 crore rupees (and
 * 90 billion rupiah), the lead page and the overview show a proposal of that size to the paisa, on a
 * desktop and on a phone. Needs `npm run build:web` first.
 */
const STEP = 180_000;
const SHOTS = process.env.MONEY_SHOTS ?? mkdtempSync(join(tmpdir(), 'crm-money-shots-'));
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

describe('money in the dashboard', () => {
  let product: Product;
  let browser: Session;
  let page: Page;
  let tenantId = '';
  let leadId = '';

  beforeAll(async () => {
    product = await startProduct();
    browser = await openBrowser(DESKTOP);
    page = browser.page;
    console.log(`money screenshots: ${SHOTS}`);
  }, STEP);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  }, 60_000);

  /** The same page (or one section of it) at desktop and phone width: a screenshot of each, and no sideways scrolling on the phone. */
  async function shoot(name: string, section?: string) {
    for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(400); // the navigation drawer's transition after a resize
      const path = join(SHOTS, `${name}-${size}.png`);
      await (section ? page.locator(section).screenshot({ path }) : page.screenshot({ path, fullPage: true }));
      if (size === 'phone') expect(await pageOverflowsHorizontally(page), `${name} scrolls sideways on a phone`).toBe(false);
    }
    await page.setViewportSize(DESKTOP);
  }

  it('the catalog editor takes prices of 30 crore rupees and 90 billion rupiah, exactly', async () => {
    tenantId = await signUp(page, product.url, { agencyName: 'Crore Partners', tenantName: 'Apollo Hospitals Group', name: 'Asha', email: 'asha@crore.example', password: 'a long enough password' });
    await visit(page, `${product.url}/t/${tenantId}/settings`);
    await page.click('button:has-text("Edit catalog")');
    await page.fill('input[name=service-name]', 'Hospital network website');
    await page.fill('input[name=service-min]', '30,00,00,000');
    await page.click('button:has-text("Add service")');
    await page.locator('input[name=service-name]').nth(1).fill('Toll road sponsorship');
    await page.locator('input[name=service-min]').nth(1).fill('90000000000');
    await page.locator('select[name=service-currency]').nth(1).selectOption('IDR');
    await shoot('catalog-editor', '#catalog');
    await page.click('button:has-text("Save catalog")');
    await page.locator('[data-testid=toast]', { hasText: 'Service catalog saved' }).waitFor();
    await page.locator('[data-testid=service-price]').nth(1).waitFor();
    await expect(page.locator('[data-testid=service-price]').allTextContents()).resolves.toEqual(['₹30,00,00,000', expect.stringMatching(/^IDR\s90,00,00,00,000$/)]);
    const stored = await graphqlInPage<{ serviceCatalog: Array<{ priceMin: { amount: string; currency: string } }> }>(page, tenantId, '{ serviceCatalog { priceMin { amount currency } } }');
    expect(stored.data?.serviceCatalog.map((s) => s.priceMin)).toEqual([{ amount: '30000000000', currency: 'INR' }, { amount: '9000000000000', currency: 'IDR' }]);
    await shoot('catalog', '#catalog');

    // Too many decimals for the currency is caught before anything is sent.
    await page.click('button:has-text("Edit catalog")');
    await page.locator('input[name=service-min]').first().fill('30,00,00,000.001');
    await page.click('button:has-text("Save catalog")');
    await expect(page.locator('[data-testid=catalog-form] [role=alert]').textContent()).resolves.toContain('Row 1: prices are numbers such as 45000 or 45000.55');
    await page.click('button:has-text("Cancel")');
  }, STEP);

  it('a proposal of 30 crore rupees reads to the paisa on the lead page, and in the overview once paid', async () => {
    await page.check('[data-testid=autopilot-toggle]');
    await page.locator('[data-testid=toast]', { hasText: 'Autopilot on' }).waitFor();
    const created = await graphqlInPage<{ createLead: { id: string } }>(page, tenantId, 'mutation { createLead(input: { businessName: "Apollo Hospitals Chennai", contactName: "Dr. Reddy", email: "reddy@apollo.example" }) { id } }');
    leadId = created.data?.createLead.id as string;
    const status = async () => (await graphqlInPage<{ lead: { status: string } }>(page, tenantId, `{ lead(id: "${leadId}") { status } }`)).data?.lead.status;
    await expect.poll(status, { timeout: 60_000 }).toBe('CONTACTED');
    await graphqlInPage(page, tenantId, `mutation { simulateInboundReply(leadId: "${leadId}", body: "Interested, what is the price?") { id } }`);
    await expect.poll(status, { timeout: 60_000 }).toBe('PROPOSAL_SENT');

    await visit(page, `${product.url}/t/${tenantId}/leads/${leadId}`);
    await page.click('button[role=tab]:has-text("Proposal")');
    await expect(page.locator('[data-testid=proposal-total]').textContent()).resolves.toBe('₹30,00,00,000');
    await expect(page.locator('[data-testid=payment-status] .amount').textContent()).resolves.toBe('₹30,00,00,000');
    await shoot('lead-proposal');

    const href = (await page.locator('[data-testid=checkout-link]').getAttribute('href')) as string;
    const checkout = await browser.context.newPage();
    await checkout.goto(href);
    await checkout.locator('button[type=submit]', { hasText: 'Pay ₹30,00,00,000.00' }).click();
    await checkout.locator('text=Payment received').waitFor();
    await checkout.close();
    await expect.poll(status, { timeout: 60_000 }).toBe('PAID');

    await visit(page, `${product.url}/`);
    await expect(page.locator('[data-testid=tenant-card] [data-testid=revenue]').textContent()).resolves.toBe('₹30,00,00,000');
    await expect(page.locator('[data-testid=total-revenue]').textContent()).resolves.toBe('₹30,00,00,000');
    await shoot('overview');
  }, STEP);
});
