import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signUp, visit, type Session } from './browser.ts';
import { startProduct, type Product } from './product.ts';

/**
 * What a person does on a lead, by hand, in a real browser: write and send the outreach (only once
 * a draft exists), notes that keep their text, a proposal draft edited before it is sent, Write
 * proposal without a catalog, closing and reopening (lead page and board), and correcting a reply
 * that closed a lead by mistake, on desktop and phone sizes.
 */
const STEP = 240_000;
const owner = { agencyName: 'Hands-on Agency', tenantName: 'Kapoor Bakery', name: 'Ravi Kapoor', email: 'ravi@hands-on.example', password: 'a long enough password' };

describe('lead actions in a browser', () => {
  let product: Product;
  let browser: Session;
  let page: Page;
  let tenantId = '';
  let token = '';
  let leadId = '';

  async function api<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(`${product.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-tenant-id': tenantId }, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { data?: T; errors?: unknown };
    if (!body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
    return body.data;
  }
  const status = () => page.locator('[data-testid=lead-status]').textContent();
  const button = (action: string) => page.locator(`[data-testid=lead-actions] [data-action=${action}]`);
  const toast = (text: string) => page.locator('[data-testid=toast]', { hasText: text }).first();

  beforeAll(async () => {
    product = await startProduct();
    browser = await openBrowser({ width: 1280, height: 800 });
    page = browser.page;
    tenantId = await signUp(page, product.url, owner);
    const login = await fetch(`${product.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `mutation { login(email: "${owner.email}", password: "${owner.password}") { token } }` }) });
    token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;
    await api('mutation { updateAutopilotSettings(input: { autopilot: false, sender: { name: "Ravi Kapoor", email: "ravi@kapoor.example", company: "Kapoor Bakery", pitch: "deliver fresh cakes and snacks for office teams" } }) { autopilot } }');
    leadId = (await api<{ createLead: { id: string } }>('mutation($i: CreateLeadInput!) { createLead(input: $i) { id } }', { i: { businessName: 'Pink City Software Park', contactName: 'Anil Rao', email: 'anil@pinkcity.example', industry: 'IT services', city: 'Jaipur' } })).createLead.id;
  }, STEP);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  }, 60_000);

  it('offers Send outreach only once there is a draft to send', async () => {
    await visit(page, `${product.url}/t/${tenantId}/leads/${leadId}`);
    await expect(button('SEND_OUTREACH').count()).resolves.toBe(0);
    await button('GENERATE_OUTREACH').click();
    // The AI writes in the background; the page follows live and then offers to send the draft.
    await button('SEND_OUTREACH').waitFor({ timeout: 30_000 });
    await expect(button('GENERATE_OUTREACH').count()).resolves.toBe(0);
    await page.click('#tab-messages');
    await expect(page.locator('[data-testid=message]').first().textContent()).resolves.toContain('fresh cakes and snacks');
    await button('SEND_OUTREACH').click();
    await expect.poll(status, { timeout: 30_000 }).toBe('Contacted');
  }, STEP);

  it('keeps a note that is too long, with a counter, and keeps it when saving fails', async () => {
    await page.click('#tab-timeline');
    const box = page.locator('#note');
    await box.fill('A'.repeat(10_050));
    await expect(page.locator('[data-testid=note-count]').textContent()).resolves.toContain('Too long: 10,050 of 10,000 characters. Shorten it by 50');
    await expect(page.locator('[data-testid=note-form] button[type=submit]').isDisabled()).resolves.toBe(true);
    await box.fill('Called Anil: wants cake boxes for 120 people on Fridays.');
    await page.route('**/graphql', (route) => route.abort('connectionrefused'));
    await page.click('[data-testid=note-form] button[type=submit]');
    await toast('Could not reach the server').waitFor();
    await expect(box.inputValue()).resolves.toBe('Called Anil: wants cake boxes for 120 people on Fridays.');
    await page.unroute('**/graphql');
    await page.click('[data-testid=note-form] button[type=submit]');
    await page.locator('[data-testid=timeline]', { hasText: 'wants cake boxes for 120 people' }).waitFor();
    await expect(box.inputValue()).resolves.toBe('');
  }, STEP);

  it('says to add services first when there is no catalog, then edits the proposal draft before sending it', async () => {
    await button('MARK_INTERESTED').click();
    await expect.poll(status).toBe('Interested');
    await button('GENERATE_PROPOSAL').click();
    const needed = page.locator('[data-testid=catalog-needed]');
    await needed.waitFor();
    await expect(needed.textContent()).resolves.toContain('Add services to your catalog first');
    await expect(needed.locator('a').getAttribute('href')).resolves.toBe(`/t/${tenantId}/settings#catalog`);

    await api('mutation($s: [ServiceInput!]!) { setServiceCatalog(services: $s) { id } }', { s: [{ name: 'Office cake boxes', description: 'A box of fresh cakes every Friday', priceMin: 1_500_000, currency: 'INR' }] });
    await button('GENERATE_PROPOSAL').click();
    await page.locator('[data-testid=proposal-status]', { hasText: 'Draft' }).waitFor({ timeout: 30_000 });
    // A draft (before it is sent) can be edited: title, lines and prices, text.
    await page.click('[data-testid=edit-proposal]');
    const editor = page.locator('[data-testid=proposal-editor]');
    await editor.locator('input').first().fill('Friday cake boxes for Pink City Software Park');
    await editor.locator('input[inputmode=decimal]').first().fill('18000');
    await editor.locator('input[type=number]').first().fill('2');
    await editor.locator('button[type=submit]').click();
    await toast('Proposal saved').waitFor();
    await expect.poll(() => page.locator('[data-testid=proposal-total]').textContent()).toBe('₹36,000');
    await expect(page.locator('.proposal h3').textContent()).resolves.toBe('Friday cake boxes for Pink City Software Park');
    await button('SEND_PROPOSAL').click();
    await expect.poll(status, { timeout: 30_000 }).toBe('Proposal sent');
    await expect.poll(() => page.locator('[data-testid=edit-proposal]').count()).toBe(0);
  }, STEP);

  it('closes a lead as lost and reopens it, with a reason, back to where it was', async () => {
    await button('CLOSE_AS_LOST').click();
    await page.fill('dialog[open] textarea[name=reason]', 'Went with another bakery');
    await page.click('dialog[open] button[type=submit]');
    await expect.poll(status).toBe('Lost');
    await button('REOPEN').click();
    await page.click('dialog[open] button[type=submit]');
    await expect(page.locator('dialog[open]').textContent()).resolves.toContain("Say why: it is kept on the lead's timeline.");
    await page.fill('dialog[open] textarea[name=reason]', 'Their order fell through: they are back');
    await page.click('dialog[open] button[type=submit]');
    await expect.poll(status).toBe('Proposal sent');
    await page.click('#tab-timeline');
    await page.locator('[data-testid=timeline]', { hasText: 'Their order fell through: they are back · Reopened' }).waitFor();
  }, STEP);

  it('reopens a lost card from the board, and explains the columns it cannot go to', async () => {
    await api(`mutation { closeLead(id: "${leadId}", reason: "again") { id } }`);
    await visit(page, `${product.url}/t/${tenantId}/board`);
    const card = page.locator(`[data-testid=column-LOST] [data-lead-id="${leadId}"]`);
    await card.locator('summary').click();
    await expect(card.locator('[data-blocked=CONTACTED]').textContent()).resolves.toContain('goes back only to Proposal sent');
    await card.locator('[data-move=PROPOSAL_SENT]').click();
    await page.fill('dialog[open] textarea[name=reason]', 'Misclick on the board');
    await page.click('dialog[open] button[type=submit]');
    await page.locator(`[data-testid=column-PROPOSAL_SENT] [data-lead-id="${leadId}"]`).waitFor();
  }, STEP);

  it('a correction of the reply that closed a lead reopens it, and the inbox says so', async () => {
    const other = (await api<{ createLead: { id: string } }>('mutation($i: CreateLeadInput!) { createLead(input: $i) { id } }', { i: { businessName: 'Amer Heritage Hotels', contactName: 'Meera Rathore', email: 'meera@amer.example', industry: 'Hospitality', city: 'Jaipur' } })).createLead.id;
    await api(`mutation { generateOutreach(leadId: "${other}") { id } }`);
    await expect.poll(async () => (await api<{ lead: { messages: { nodes: { status: string }[] } } }>(`{ lead(id: "${other}") { messages { nodes { status } } } }`)).lead.messages.nodes[0]?.status, { timeout: 30_000 }).toBe('DRAFT');
    await api(`mutation { sendOutreach(leadId: "${other}") { id } }`);
    await expect.poll(async () => (await api<{ lead: { status: string } }>(`{ lead(id: "${other}") { status } }`)).lead.status, { timeout: 30_000 }).toBe('CONTACTED');
    await visit(page, `${product.url}/t/${tenantId}/inbox`);
    await api(`mutation { simulateInboundReply(leadId: "${other}", body: "No thanks, we are not interested.") { id } }`);
    const reply = page.locator('[data-testid=reply]', { hasText: 'Amer Heritage Hotels' });
    await reply.locator('[data-testid=intent]', { hasText: 'Not interested' }).waitFor({ timeout: 30_000 });
    await reply.locator('[data-testid=reply-lead-status]', { hasText: 'Lost' }).waitFor({ timeout: 15_000 });
    await reply.locator('select').selectOption('INTERESTED');
    await reply.locator('button:has-text("Correct")').click();
    await toast('Corrected to Interested. Amer Heritage Hotels is now Interested.').waitFor();
    await reply.locator('[data-testid=reply-lead-status]', { hasText: 'Interested' }).waitFor();
  }, STEP);

  it('works on a phone: the lead page, its reopen dialog and the board menu fit the screen', async () => {
    const phone = await openBrowser({ width: 390, height: 844 });
    try {
      await phone.page.goto(`${product.url}/login`);
      await phone.page.fill('input[name=email]', owner.email);
      await phone.page.fill('input[name=password]', owner.password);
      await phone.page.click('button[type=submit]');
      await phone.page.waitForURL((url) => !url.pathname.startsWith('/login'));
      await api(`mutation { closeLead(id: "${leadId}", reason: "phone check") { id } }`);
      await visit(phone.page, `${product.url}/t/${tenantId}/leads/${leadId}`);
      await phone.page.locator('[data-testid=lead-actions] [data-action=REOPEN]').click();
      const dialog = await phone.page.locator('dialog[open]').boundingBox();
      expect(dialog && dialog.x >= 0 && dialog.x + dialog.width <= 390).toBe(true);
      await phone.page.keyboard.press('Escape');
      await visit(phone.page, `${product.url}/t/${tenantId}/board`);
      const card = phone.page.locator(`[data-lead-id="${leadId}"]`);
      await card.scrollIntoViewIfNeeded();
      await card.locator('summary').click();
      const menu = await card.locator('.move-menu').boundingBox();
      expect(menu && menu.x >= 0 && menu.x + menu.width <= 390 && menu.y >= 0).toBe(true);
    } finally {
      await phone.close();
    }
  }, STEP);
});
