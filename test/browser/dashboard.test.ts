import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlInPage, invitationLink, markPage, openBrowser, pageOverflowsHorizontally, signUp, stillSamePage, visit, type PageGlobals, type Session } from './browser.ts';
import { ROOT, startProduct, type Product } from './product.ts';

/**
 * The dashboard in a real browser, against the product started as `npm start` starts it, with a
 * fresh database: the whole funnel from sign-up to a paid client, the board's live updates and
 * drag refusals, CSV import and export, a viewer's read-only screens, and a second agency that
 * sees nothing of the first. Needs `npm run build:web` first.
 */
const STEP = 180_000;
// UPDATE_SCREENSHOTS=1 writes the product screenshots to docs/screenshots (shown in the README); otherwise to a temp dir.
const SHOTS = process.env.UPDATE_SCREENSHOTS ? join(ROOT, 'docs/screenshots') : mkdtempSync(join(tmpdir(), 'crm-shots-'));

const owner = { agencyName: 'Sunrise Growth Partners', tenantName: 'Sharma Dental Care', name: 'Asha Verma', email: 'asha@sunrise-growth.example', password: 'a long enough password' };
const viewer = { name: 'Vikram Viewer', email: 'vikram@sunrise-growth.example', password: 'viewer password 1' };
const lead = { businessName: 'Royal Spice Restaurant', contactName: 'Amit Gupta', email: 'amit@royalspice.example', phone: '98290 11111', city: 'Jaipur', industry: 'Restaurant' };

const IMPORT_CSV = [
  'Company,Contact,Email,Phone,City,Industry,Source,Tags',
  'Pink City Software Park,Dr. Anil Sharma,anil@pinkcity.example,0141 270 1234,Jaipur,IT services,Website,corporate-wellness',
  'Amer Heritage Hotels,Meera Rathore,meera@amerheritage.example,,Jaipur,Hospitality,Referral,staff-benefits',
  'Malviya Nagar Public School,Sunita Agarwal,principal@mnps.example,,Jaipur,Education,Cold list,school-camp',
  'Rajasthan Textiles Co-op,Vikram Singh,vikram@rajtextiles.example,,Jaipur,Manufacturing,Trade fair,',
  'JLN Marg Co-working,Rohit Jain,rohit@jlncowork.example,,Jaipur,Real estate,LinkedIn,',
  'Bapu Bazaar Traders,Kiran Mehta,kiran@bapubazaar.example,,Jaipur,Retail,Walk-in,',
  ',,nobody@nowhere.example,,Jaipur,,,',
  'Duplicate Spice,Someone,amit@royalspice.example,,Delhi,,,',
].join('\n');

describe('dashboard in a browser', () => {
  let product: Product;
  let ownerBrowser: Session;
  let page: Page;
  let tenantId = '';
  let leadId = '';

  beforeAll(async () => {
    product = await startProduct();
    ownerBrowser = await openBrowser();
    page = ownerBrowser.page;
    mkdirSync(SHOTS, { recursive: true });
  }, STEP);

  afterAll(async () => {
    await ownerBrowser?.close();
    await product?.stop();
  }, 60_000);

  it('is served by the product on one URL and asks strangers to sign in', async () => {
    const response = await page.goto(`${product.url}/t/00000000-0000-0000-0000-000000000000/board`);
    expect(response?.ok()).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/login');
    await expect(page.locator('h1').textContent()).resolves.toBe('Welcome back');
  }, STEP);

  it('signs up into a session kept in an httpOnly cookie', async () => {
    tenantId = await signUp(page, product.url, owner);
    const cookie = (await ownerBrowser.context.cookies()).find((c) => c.name === 'crm_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.cookie)).not.toContain('crm_session');
    await expect(page.locator('[data-testid=tenant-switcher]').textContent()).resolves.toContain(owner.tenantName);
  }, STEP);

  it('configures the workspace: sender, catalog, autopilot on', async () => {
    await visit(page, `${product.url}/t/${tenantId}/settings`);
    await page.fill('input[name=sender-name]', 'Asha Verma');
    await page.fill('input[name=sender-email]', 'asha@sunrise-growth.example');
    await page.fill('input[name=sender-company]', 'Sharma Dental Care');
    await page.fill('textarea[name=sender-pitch]', 'run dental check-up camps and family dental plans for teams');
    await page.click('button:has-text("Save sender")');
    await page.locator('[data-testid=toast]', { hasText: 'Sender identity saved' }).waitFor();

    await page.click('button:has-text("Edit catalog")');
    await page.fill('input[name=service-name]', 'On-site dental check-up camp');
    await page.fill('input[name=service-min]', '25000');
    await page.click('button:has-text("Save catalog")');
    await page.locator('[data-testid=toast]', { hasText: 'Service catalog saved' }).waitFor();
    await page.getByRole('cell', { name: '₹25,000' }).waitFor();

    // Credentials are write-only: the page says which are set, never their values.
    await expect(page.locator('[data-testid=credential-STRIPE_WEBHOOK_SECRET]').textContent()).resolves.toBe('Set');
    await expect(page.locator('[data-testid=credential-OPENAI_API_KEY]').textContent()).resolves.toBe('Not set');

    await page.check('[data-testid=autopilot-toggle]');
    await page.locator('[data-testid=toast]', { hasText: 'Autopilot on' }).waitFor();
    await expect(page.isChecked('[data-testid=autopilot-toggle]')).resolves.toBe(true);
  }, STEP);

  it('adds a second client workspace and switches between them from anywhere', async () => {
    await visit(page, `${product.url}/`);
    await page.click('button:has-text("New workspace")');
    await page.fill('dialog[open] input', 'Sharma Physio Clinic');
    await page.click('button[form=new-tenant]');
    await page.locator('[data-testid=tenant-card]', { hasText: 'Sharma Physio Clinic' }).waitFor();
    expect(await page.locator('[data-testid=tenant-card]').count()).toBe(2);

    // From the first workspace's settings, the switcher keeps the section and changes the workspace.
    await visit(page, `${product.url}/t/${tenantId}/settings`);
    await page.click('[data-testid=tenant-switcher]');
    await page.click('#tenant-menu a:has-text("Sharma Physio Clinic")');
    await page.waitForURL((url) => /\/t\/[0-9a-f-]{36}\/settings$/.test(url.pathname) && !url.pathname.includes(tenantId));
    await expect(page.locator('[data-testid=tenant-switcher]').textContent()).resolves.toContain('Sharma Physio Clinic');
    await expect(page.isChecked('[data-testid=autopilot-toggle]')).resolves.toBe(false);
    await page.click('[data-testid=tenant-switcher]');
    await page.click(`#tenant-menu a:has-text("${owner.tenantName}")`);
    await page.waitForURL(`**/t/${tenantId}/settings`);
  }, STEP);

  it('creates a lead on the board and sees the autopilot contact it without a reload', async () => {
    await visit(page, `${product.url}/t/${tenantId}/board`);
    await markPage(page);
    await page.click('[data-testid=new-lead]');
    for (const [name, value] of Object.entries(lead)) await page.fill(`#new-lead-form input[name=${name}]`, value);
    await page.click('button[form=new-lead-form]');
    const card = page.locator('[data-testid=lead-card]', { hasText: lead.businessName });
    await card.waitFor();
    leadId = (await card.getAttribute('data-lead-id')) as string;
    expect(leadId).toMatch(/^[0-9a-f-]{36}$/);
    await page.locator(`[data-testid=column-CONTACTED] [data-lead-id="${leadId}"]`).waitFor({ timeout: 60_000 });
    await expect(page.locator('[data-testid=count-CONTACTED]').textContent()).resolves.toBe('1');
    expect(await stillSamePage(page)).toBe(true);
  }, STEP);

  it('refuses a forbidden drag with the reason, in words, and keeps the card where it is', async () => {
    const card = page.locator(`[data-lead-id="${leadId}"]`);
    await card.dragTo(page.locator('[data-testid=column-PAID]'));
    const refusal = page.locator('[data-testid=toast]', { hasText: 'cannot go to Paid: A lead becomes Paid only when its payment arrives.' });
    await refusal.waitFor();
    await page.locator(`[data-testid=column-CONTACTED] [data-lead-id="${leadId}"]`).waitFor();
    await expect(page.locator(`[data-testid=column-PAID] [data-lead-id="${leadId}"]`).count()).resolves.toBe(0);
  }, STEP);

  it('plays a reply from the outbox: the lead becomes INTERESTED, then PROPOSAL_SENT', async () => {
    await markPage(page);
    const outbox = await ownerBrowser.context.newPage();
    await visit(outbox, `${product.url}/t/${tenantId}/outbox`);
    const email = outbox.locator(`[data-testid=outbox-entry][data-to="${lead.email}"]`);
    await email.locator('[data-testid=simulate-reply]').click();
    await email.locator('textarea').fill('haan interested hoon, rate kya hai?');
    await email.locator('button:has-text("Send reply")').click();
    await outbox.locator('[data-testid=toast]', { hasText: 'Reply delivered' }).waitFor();

    // The board (still open, never reloaded) follows the lead to PROPOSAL_SENT.
    await page.locator(`[data-testid=column-PROPOSAL_SENT] [data-lead-id="${leadId}"]`).waitFor({ timeout: 60_000 });
    expect(await stillSamePage(page)).toBe(true);

    // The timeline shows both steps, in order, with the AI's reasoning.
    await visit(page, `${product.url}/t/${tenantId}/leads/${leadId}`);
    const titles = await page.locator('[data-testid=timeline] .title').allTextContents();
    const interested = titles.findIndex((t) => t.includes('Moved to Interested'));
    const proposalSent = titles.findIndex((t) => t.includes('Moved to Proposal sent'));
    expect(interested).toBeGreaterThan(-1);
    expect(proposalSent).toBeGreaterThan(-1);
    expect(proposalSent).toBeLessThan(interested); // newest first
    await expect(page.locator('[data-testid=timeline]').textContent()).resolves.toContain('Reasoning');

    await page.click('button[role=tab]:has-text("Proposal")');
    await expect(page.locator('[data-testid=proposal-status]').textContent()).resolves.toContain('awaiting payment');
    await expect(page.locator('[data-testid=proposal-total]').textContent()).resolves.toBe('₹25,000');

    // The inbox has the reply with its classification and confidence.
    await visit(outbox, `${product.url}/t/${tenantId}/inbox`);
    const reply = outbox.locator('[data-testid=reply]', { hasText: 'rate kya hai' });
    await expect(reply.locator('[data-testid=intent]').textContent()).resolves.toMatch(/Asking price|Interested/);
    await expect(reply.locator('[role=meter]').getAttribute('aria-valuenow')).resolves.toMatch(/^\d+$/);
    await outbox.close();
  }, STEP);

  it('pays on the local checkout page: the lead becomes PAID and onboarding tasks appear', async () => {
    await markPage(page);
    const href = (await page.locator('[data-testid=payment-status] [data-testid=checkout-link]').getAttribute('href')) as string;
    expect(href).toMatch(/\/pay\/[A-Za-z0-9_-]+$/);
    const checkout = await ownerBrowser.context.newPage();
    await checkout.goto(href);
    await checkout.locator('button[type=submit]', { hasText: 'Pay' }).click();
    await checkout.locator('text=Payment received').waitFor();
    await checkout.close();

    // The lead page (never reloaded) shows the payment and the onboarding checklist as tasks.
    await page.locator('[data-testid=lead-status] [data-status=PAID]').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid=payment-status][data-state=paid]').waitFor();
    await page.locator('[data-testid=lead-tasks] li').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid=lead-tasks] li').count()).toBeGreaterThanOrEqual(1);
    expect(await stillSamePage(page)).toBe(true);
  }, STEP);

  it('ticks an onboarding task off, adds a task and runs onboarding again for the client', async () => {
    const tasks = page.locator('[data-testid=lead-tasks] li');
    const open = page.locator('[data-testid=lead-tasks] li[data-status=OPEN]').first();
    const taskId = (await open.getAttribute('data-task-id')) as string;
    const title = (await open.locator('label').textContent())?.trim() as string;
    // The checkbox is labelled by the task's title.
    await page.getByRole('checkbox', { name: title, exact: true }).check();
    await page.locator('[data-testid=toast]', { hasText: `Done: ${title}` }).waitFor();
    await visit(page, `${product.url}/t/${tenantId}/leads/${leadId}`);
    const done = page.locator(`[data-testid=lead-tasks] li[data-task-id="${taskId}"]`);
    await expect(done.getAttribute('data-status')).resolves.toBe('DONE');
    await expect(done.locator('input[type=checkbox]').isChecked()).resolves.toBe(true);
    await expect(done.locator('input[type=checkbox]').isDisabled()).resolves.toBe(true);

    // A task of one's own, with a due date, survives a reload.
    const before = await tasks.count();
    await page.click('[data-testid=lead-actions] [data-action=CREATE_TASK]');
    await page.fill('#task-form input[name=task-title]', 'Book the camp venue');
    await page.fill('#task-form textarea[name=task-body]', 'Ask for the community hall');
    await page.fill('#task-form input[name=task-due]', '2030-01-15T10:30');
    await page.click('button[form=task-form]');
    await page.locator('[data-testid=toast]', { hasText: 'Task added' }).waitFor();
    await visit(page, `${product.url}/t/${tenantId}/leads/${leadId}`);
    const added = page.locator('[data-testid=lead-tasks] li', { hasText: 'Book the camp venue' });
    await expect(added.getAttribute('data-status')).resolves.toBe('OPEN');
    await expect(added.textContent()).resolves.toContain('Ask for the community hall');
    expect(await tasks.count()).toBe(before + 1);
    // On the timeline once: the entry of the user who added it, joined to the task.
    expect(await page.locator('[data-testid=timeline] .title', { hasText: 'Task: Book the camp venue' }).count()).toBe(1);

    // Onboarding again creates only what is missing: nothing here, and the ticked task stays done.
    await page.click('[data-testid=lead-actions] [data-action=ONBOARD]');
    await page.locator('[data-testid=toast]', { hasText: 'Onboarding runs again' }).waitFor();
    await page.waitForTimeout(3_000);
    await visit(page, `${product.url}/t/${tenantId}/leads/${leadId}`);
    expect(await tasks.count()).toBe(before + 1);
    await expect(page.locator(`[data-testid=lead-tasks] li[data-task-id="${taskId}"]`).getAttribute('data-status')).resolves.toBe('DONE');
    // MANAGE_CLIENT has no mutation and no client view: no button.
    expect(await page.locator('[data-action=MANAGE_CLIENT]').count()).toBe(0);
  }, STEP);

  it('imports a CSV with a progress bar and a downloadable report of the bad rows, and exports', async () => {
    await visit(page, `${product.url}/t/${tenantId}/leads`);
    await page.click('[data-testid=import-csv]');
    await page.setInputFiles('[data-testid=import-file]', { name: 'jaipur-leads.csv', mimeType: 'text/csv', buffer: Buffer.from(IMPORT_CSV) });
    // The mapping step: every column proposed from its header, the first rows as they will import.
    await page.locator('[data-testid=import-mapping]').waitFor();
    await expect(page.locator('[data-testid=map-0]').inputValue()).resolves.toBe('BUSINESS_NAME');
    expect(await page.locator('[data-testid=preview-row]').count()).toBe(8);
    await page.click('button[form=import-form]');
    const result = page.locator('[data-testid=import-result]');
    await result.waitFor();
    await expect(result.locator('[role=progressbar]').getAttribute('aria-valuenow')).resolves.toBe('100');
    await expect(result.locator('[data-testid=imported-count]').textContent()).resolves.toBe('6');
    expect(await result.locator('tbody tr').count()).toBe(2);

    const [report] = await Promise.all([page.waitForEvent('download'), result.locator('[data-testid=download-issues]').click()]);
    const reportCsv = readFileSync(await report.path(), 'utf8');
    expect(reportCsv.split('\n')[0]).toBe('row,field,kind,reason,existing_lead_id');
    expect(reportCsv).toMatch(/^8,/m);
    expect(reportCsv).toMatch(/^9,email,DUPLICATE/m);
    await page.click('button:has-text("Done")');
    await page.locator('[data-testid=lead-total]', { hasText: '7 leads' }).waitFor();

    // Search, then export exactly what the filter shows.
    await page.fill('input[name=search]', 'Heritage');
    await page.locator('[data-testid=lead-total]', { hasText: '1 lead match' }).waitFor();
    const [exported] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-csv]')]);
    const exportCsv = readFileSync(await exported.path(), 'utf8').trim().split('\n');
    expect(exportCsv).toHaveLength(2);
    expect(exportCsv[1]).toContain('Amer Heritage Hotels');
  }, STEP);

  it('sends a follow-up as an editable draft with the autopilot off, and schedules a call', async () => {
    // A contacted lead of the import (the autopilot contacts them), then the autopilot off.
    let contactedId = '';
    for (let i = 0; i < 120 && !contactedId; i++) {
      const { data } = await graphqlInPage<{ leads: { nodes: { id: string }[] } }>(page, tenantId, '{ leads(first: 1, filter: { status: [CONTACTED], search: "Bapu Bazaar" }) { nodes { id } } }');
      contactedId = data?.leads.nodes[0]?.id ?? '';
      if (!contactedId) await page.waitForTimeout(500);
    }
    expect(contactedId).not.toBe('');
    const off = await graphqlInPage(page, tenantId, 'mutation { updateAutopilotSettings(input: { autopilot: false }) { autopilot } }');
    expect(off.errors).toBeUndefined();
    try {
      await visit(page, `${product.url}/t/${tenantId}/leads/${contactedId}`);
      await page.click('[data-testid=lead-actions] [data-action=SEND_FOLLOW_UP]');
      await page.locator('[data-testid=toast]', { hasText: 'writing the follow-up' }).waitFor();
      // The Messages tab opens; the draft is written by a job: wait for the server to have it (live
      // updates are asserted elsewhere), reload if the page has not shown it yet, then edit and send it.
      const draft = page.locator('[data-testid=message][data-purpose=FOLLOW_UP][data-status=DRAFT]');
      const drafted = Date.now() + 60_000;
      for (;;) {
        const state = await graphqlInPage<{ lead: { messages: { nodes: { purpose: string; status: string }[] } } }>(page, tenantId, 'query($id: ID!) { lead(id: $id) { messages { nodes { purpose status } } } }', { id: contactedId });
        if (state.data?.lead.messages.nodes.some((m) => m.purpose === 'FOLLOW_UP' && m.status === 'DRAFT')) break;
        if (Date.now() > drafted) throw new Error(`the follow-up draft was not written: ${JSON.stringify(state)}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      if (!(await draft.count())) {
        await page.reload();
        await page.click('#tab-messages');
      }
      await draft.waitFor({ timeout: 30_000 });
      await draft.locator('button:has-text("Edit draft")').click();
      await draft.locator('input').fill('Following up: dental camp for Bapu Bazaar');
      await draft.locator('button:has-text("Save draft")').click();
      await page.locator('[data-testid=toast]', { hasText: 'Draft saved' }).waitFor();
      await draft.locator('.subject', { hasText: 'Following up: dental camp for Bapu Bazaar' }).waitFor();
      await draft.getByRole('button', { name: /^Send follow up draft/ }).click();
      await page.locator('[data-testid=toast]', { hasText: 'Message queued' }).waitFor();
      const sent = page.locator('[data-testid=message][data-purpose=FOLLOW_UP]', { hasText: 'Following up: dental camp for Bapu Bazaar' });
      // The send is a job: wait for the server to record it (live updates are asserted elsewhere),
      // then the page must show it as sent.
      const deadline = Date.now() + 60_000;
      for (;;) {
        const state = await graphqlInPage<{ lead: { messages: { nodes: { purpose: string; status: string }[] } } }>(page, tenantId, 'query($id: ID!) { lead(id: $id) { messages { nodes { purpose status } } } }', { id: contactedId });
        if (state.data?.lead.messages.nodes.some((m) => m.purpose === 'FOLLOW_UP' && m.status === 'SENT')) break;
        if (Date.now() > deadline) throw new Error(`the follow-up was not sent: ${JSON.stringify(state)}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      if (!(await page.locator('[data-testid=message][data-purpose=FOLLOW_UP][data-status=SENT]').count())) {
        await page.reload();
        await page.click('#tab-messages');
      }
      await page.locator('[data-testid=message][data-purpose=FOLLOW_UP][data-status=SENT]', { hasText: 'Following up: dental camp' }).waitFor({ timeout: 30_000 });
      expect(await sent.count()).toBe(1);
      expect(await page.locator('[data-testid=message][data-status=DRAFT]').count()).toBe(0);
      // A second send of the same draft is refused, with the gateway's message.
      const messageId = (await graphqlInPage<{ lead: { messages: { nodes: { id: string; purpose: string }[] } } }>(page, tenantId, 'query($id: ID!) { lead(id: $id) { messages { nodes { id purpose } } } }', { id: contactedId })).data?.lead.messages.nodes.find((m) => m.purpose === 'FOLLOW_UP')?.id;
      const again = await graphqlInPage(page, tenantId, 'mutation($id: ID!) { sendDraft(messageId: $id) { id } }', { id: messageId });
      expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');

      // Interested: a call, scheduled in a dialog, is on the timeline and in the tasks.
      await page.click('[data-testid=lead-actions] [data-action=MARK_INTERESTED]');
      await page.locator('[data-testid=lead-status] [data-status=INTERESTED]').waitFor();
      await page.click('[data-testid=lead-actions] [data-action=SCHEDULE_CALL]');
      await page.fill('#call-form input[name=call-at]', '2030-03-04T15:30');
      await page.fill('#call-form textarea[name=call-note]', 'Walk through the camp for 40 traders');
      await page.click('button[form=call-form]');
      await page.locator('[data-testid=toast]', { hasText: 'Call scheduled' }).waitFor();
      await visit(page, `${product.url}/t/${tenantId}/leads/${contactedId}`);
      const callTask = page.locator('[data-testid=lead-tasks] li', { hasText: 'Call Kiran Mehta on 2030-03-04' });
      await expect(callTask.textContent()).resolves.toContain('Walk through the camp for 40 traders');
      expect(await page.locator('[data-testid=timeline] .title', { hasText: 'Call Kiran Mehta on 2030-03-04' }).count()).toBe(1);
    } finally {
      await graphqlInPage(page, tenantId, 'mutation { updateAutopilotSettings(input: { autopilot: true }) { autopilot } }');
    }
  }, STEP);

  it('shows a viewer no mutating controls', async () => {
    await visit(page, `${product.url}/t/${tenantId}/settings`);
    await page.click('[data-testid=add-member]');
    const form = page.locator('#invite-form');
    await form.locator('input[name=name]').fill(viewer.name);
    await form.locator('input[name=email]').fill(viewer.email);
    await form.locator('select[name=role]').selectOption('VIEWER');
    await form.locator('input[type=checkbox]').first().check();
    await page.click('button[form=invite-form]');
    await page.locator('[data-testid=invitation]', { hasText: viewer.email }).waitFor();
    // No email provider: the invitation is in the owner's Outbox, with its link.
    const link = await invitationLink(page, product.url, tenantId, viewer.email);

    const viewerBrowser = await openBrowser();
    try {
      const v = viewerBrowser.page;
      await visit(v, link);
      await v.fill('input[name=password]', viewer.password);
      await v.fill('input[name=confirm]', viewer.password);
      await v.click('button[type=submit]');
      await v.waitForURL(/\/t\/[0-9a-f-]{36}\/board$/);
      await visit(v, `${product.url}/t/${tenantId}/board`);
      await v.locator('[data-testid=lead-card]').first().waitFor();
      expect(await v.locator('[data-testid=new-lead]').count()).toBe(0);
      expect(await v.locator('[data-testid=lead-card][draggable=true]').count()).toBe(0);
      expect(await v.locator('summary[aria-label*="another stage"]').count()).toBe(0);

      await visit(v, `${product.url}/t/${tenantId}/leads/${leadId}`);
      await v.locator('[data-testid=timeline]').waitFor();
      expect(await v.locator('[data-testid=lead-actions]').count()).toBe(0);
      expect(await v.locator('textarea#note').count()).toBe(0);
      await v.locator('[data-testid=lead-tasks] li').first().waitFor();
      expect(await v.locator('[data-testid=lead-tasks] input[type=checkbox]').count()).toBe(0);
      await v.click('button[role=tab]:has-text("Messages")');
      await v.locator('[data-testid=thread]').waitFor();
      expect(await v.locator('[data-testid=draft-actions]').count()).toBe(0);
      const tick = await graphqlInPage(v, tenantId, 'mutation($id: ID!) { completeTask(taskId: $id) { id } }', { id: '00000000-0000-0000-0000-000000000000' });
      expect(tick.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

      await visit(v, `${product.url}/t/${tenantId}/leads`);
      expect(await v.locator('[data-testid=import-csv], [data-testid=new-lead]').count()).toBe(0);
      expect(await v.locator('[data-testid=export-csv]').count()).toBe(1);

      await visit(v, `${product.url}/t/${tenantId}/outbox`);
      await v.locator('[data-testid=outbox-entry]').first().waitFor();
      expect(await v.locator('[data-testid=simulate-reply]').count()).toBe(0);

      await visit(v, `${product.url}/t/${tenantId}/inbox`);
      await v.locator('[data-testid=reply]').first().waitFor();
      expect(await v.locator('button:has-text("Correct")').count()).toBe(0);

      await visit(v, `${product.url}/t/${tenantId}/settings`);
      expect(await v.isDisabled('[data-testid=autopilot-toggle]')).toBe(true);
      expect(await v.locator('main button:has-text("Save")').count()).toBe(0);

      // And the API agrees.
      const attempt = await graphqlInPage(v, tenantId, 'mutation { createLead(input: { businessName: "Sneaky", email: "sneaky@example.in" }) { id } }');
      expect(attempt.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

      // Signing out deletes the session: app pages ask to sign in again.
      await v.click('button[aria-label="Sign out"]');
      await v.waitForURL('**/login');
      expect((await viewerBrowser.context.cookies()).some((c) => c.name === 'crm_session')).toBe(false);
      await v.goto(`${product.url}/t/${tenantId}/board`);
      expect(new URL(v.url()).pathname).toBe('/login');
    } finally {
      await viewerBrowser.close();
    }
  }, STEP);

  it('shows another agency none of it', async () => {
    const other = await openBrowser();
    try {
      const o = other.page;
      const otherTenant = await signUp(o, product.url, { agencyName: 'Other Agency', tenantName: 'IronCore Gyms', name: 'Oscar', email: 'oscar@other.example', password: 'another long password' });
      await visit(o, `${product.url}/`);
      const cards = await o.locator('[data-testid=tenant-card]').allTextContents();
      expect(cards).toHaveLength(1);
      expect(cards[0]).toContain('IronCore Gyms');
      expect(cards.join()).not.toContain(owner.tenantName);

      const board = await o.goto(`${product.url}/t/${tenantId}/board`);
      expect(board?.status()).toBe(404);
      const leadPage = await o.goto(`${product.url}/t/${otherTenant}/leads/${leadId}`);
      expect(leadPage?.status()).toBe(404);
      await visit(o, `${product.url}/t/${otherTenant}/leads`);
      await expect(o.locator('[data-testid=lead-total]').textContent()).resolves.toContain('0 leads');
      const direct = await graphqlInPage(o, tenantId, 'query($id: ID!) { lead(id: $id) { businessName } }', { id: leadId });
      expect(direct.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    } finally {
      await other.close();
    }
  }, STEP);

  it('works on a phone, by keyboard, and looks the part (screenshots)', async () => {
    // Replies in several moods, so the screenshots show a working day.
    const { data } = await graphqlInPage<{ leads: { nodes: { id: string }[] } }>(page, tenantId, '{ leads(first: 20, filter: { status: [CONTACTED] }, orderBy: { field: BUSINESS_NAME, direction: ASC }) { nodes { id } } }');
    const replies = ['Yes please, this is interesting. What would it cost for 80 people?', 'Thanks, but we are not interested at the moment.', 'Do you also cover weekends? How does it work exactly?', 'I am out of office until Monday.'];
    for (const [i, contacted] of (data?.leads.nodes ?? []).slice(0, replies.length).entries()) {
      await graphqlInPage(page, tenantId, 'mutation($id: ID!, $body: String!) { simulateInboundReply(leadId: $id, body: $body) { id } }', { id: contacted.id, body: replies[i] });
    }
    await page.waitForTimeout(3_000);

    await visit(page, `${product.url}/`);
    await page.screenshot({ path: join(SHOTS, 'overview.png') });
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.textContent?.trim())).resolves.toBe('Skip to content');
    await visit(page, `${product.url}/t/${tenantId}/board`);
    await page.locator('[data-testid=live]', { hasText: 'Live' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'board.png') });
    await visit(page, `${product.url}/t/${tenantId}/leads/${leadId}`);
    await page.screenshot({ path: join(SHOTS, 'lead.png'), fullPage: true });
    await visit(page, `${product.url}/t/${tenantId}/inbox`);
    await page.screenshot({ path: join(SHOTS, 'inbox.png'), fullPage: true });
    await visit(page, `${product.url}/t/${tenantId}/leads`);
    await page.screenshot({ path: join(SHOTS, 'leads.png') });
    await visit(page, `${product.url}/t/${tenantId}/outbox`);
    await page.screenshot({ path: join(SHOTS, 'outbox.png') });

    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of ['/', `/t/${tenantId}/board`, `/t/${tenantId}/leads`, `/t/${tenantId}/leads/${leadId}`, `/t/${tenantId}/inbox`, `/t/${tenantId}/outbox`, `/t/${tenantId}/settings`]) {
      await visit(page, `${product.url}${path}`);
      expect(await pageOverflowsHorizontally(page), `${path} scrolls sideways on a phone`).toBe(false);
    }
    await visit(page, `${product.url}/t/${tenantId}/board`);
    await page.screenshot({ path: join(SHOTS, 'board-phone.png') });
    await page.setViewportSize({ width: 1440, height: 900 });
  }, STEP);
});
