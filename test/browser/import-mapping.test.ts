import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signUp, visit, type Session } from './browser.ts';
import { startProduct, type Product } from './product.ts';

const STEP = 90_000;
// IMPORT_SHOTS=<folder> keeps the screenshots (desktop and phone) to look at; otherwise a temp dir.
const SHOTS = process.env.IMPORT_SHOTS ?? mkdtempSync(join(tmpdir(), 'crm-import-shots-'));

// A Google Contacts export saved by Excel as "Unicode text": UTF-16 with tabs, a column no alias knows.
const header = ['First Name', 'Last Name', 'Organization Name', 'E-mail 1 - Value', 'Phone 1 - Value', 'Address 1 - City', 'Kundennummer'];
const rows = [
  ['Sunita', 'Kulkarni', 'Sai Krupa Clinic', 'sunita@saikrupa.example', '+91 98220 12345', 'Nashik', 'K-1001'],
  ['Arif', 'Shaikh', 'Quick Fix Plumbers', '', "'98290 11111 (WhatsApp)", 'Mumbai', 'K-1002'],
  ['Maria', 'Lopes', 'Ocean Breeze Resort', 'maria@oceanbreeze.example', 'call after 5', 'Goa', 'K-1003'],
  ['', '', '', '', '', '', ''],
  ['Mom', '', '', '', '', '', ''],
];
const FILE = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([header, ...rows].map((r) => r.join('\t')).join('\r\n'), 'utf16le')]);

describe('the import\'s mapping step in a browser', () => {
  let product: Product;
  let browser: Session;
  let page: Page;
  let tenantId = '';

  beforeAll(async () => {
    product = await startProduct();
    browser = await openBrowser({ width: 1280, height: 800 });
    page = browser.page;
    mkdirSync(SHOTS, { recursive: true });
    tenantId = await signUp(page, product.url, { agencyName: 'Mapping Agency', tenantName: 'Clinic', name: 'Asha', email: 'asha@mapping.example', password: 'correct horse battery' });
  }, STEP);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  }, 60_000);

  async function openMapping(target: Page): Promise<void> {
    await visit(target, `${product.url}/t/${tenantId}/leads`);
    await target.click('[data-testid=import-csv]');
    await target.setInputFiles('[data-testid=import-file]', { name: 'contacts.txt', mimeType: 'text/plain', buffer: FILE });
    await target.locator('[data-testid=import-mapping]').waitFor();
  }

  it('proposes a field per column, previews the rows, lets a column be changed, and imports with it', async () => {
    await openMapping(page);
    await expect(page.locator('[data-testid=import-format]').textContent()).resolves.toContain('UTF-16 LE');
    const fields = await Promise.all(header.map((_, i) => page.locator(`[data-testid=map-${i}]`).inputValue()));
    expect(fields).toEqual(['FIRST_NAME', 'LAST_NAME', 'BUSINESS_NAME', 'EMAIL', 'PHONE', 'CITY', 'CUSTOM']);
    const previewRows = page.locator('[data-testid=preview-row]');
    expect(await previewRows.count()).toBe(4); // the blank row is skipped
    await expect(previewRows.nth(1).textContent()).resolves.toContain('+919829011111');
    await expect(previewRows.nth(2).textContent()).resolves.toContain('kept in the custom field');
    await page.screenshot({ path: join(SHOTS, 'import-mapping-desktop.png'), fullPage: true });

    // Ignore the customer number: the preview follows, then the import uses the choice.
    await page.selectOption('[data-testid=map-6]', 'IGNORE');
    await page.waitForFunction(() => !(globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } | null } }).document.querySelector('[aria-busy=true]'));
    await expect(page.locator('[data-testid=map-6]').inputValue()).resolves.toBe('IGNORE');
    await page.click('[data-testid=import-submit]');
    const result = page.locator('[data-testid=import-result]');
    await result.waitFor();
    await expect(result.locator('[data-testid=imported-count]').textContent()).resolves.toBe('3');
    await page.screenshot({ path: join(SHOTS, 'import-result-desktop.png'), fullPage: true });
  }, STEP);

  it('fits a phone screen', async () => {
    const phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await openMapping(phone);
    const overflow = await phone.evaluate(() => {
      const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document;
      return doc.documentElement.scrollWidth - (globalThis as unknown as { innerWidth: number }).innerWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: join(SHOTS, 'import-mapping-phone.png'), fullPage: true });
    await phone.close();
  }, STEP);
});
