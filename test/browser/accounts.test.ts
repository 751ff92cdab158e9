import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountEmailLink, invitationLink, openBrowser, pageOverflowsHorizontally, signIn, signUp, visit, type Session } from './browser.ts';
import { startProduct, type Product } from './product.ts';

/**
 * People's accounts in a real browser, against the product as `npm start` runs it: joining by an
 * emailed invitation, a forgotten password reset by email, the account page's password change and
 * sessions, removing someone, and signing out for good (Back shows the sign-in page, not the data).
 * Needs `npm run build:web` first.
 */
const STEP = 180_000;
const SHOTS = mkdtempSync(join(tmpdir(), 'crm-account-shots-'));
const owner = { agencyName: 'Lotus Growth', tenantName: 'Pink City Dental', name: 'Asha Verma', email: 'asha@lotus.example', password: 'the owner password' };
const member = { name: 'Meera Member', email: 'meera@lotus.example', password: 'meera first password' };

describe('accounts in a browser', () => {
  let product: Product;
  let ownerBrowser: Session;
  let memberBrowser: Session;
  let page: Page;
  let m: Page;
  let tenantId = '';

  beforeAll(async () => {
    product = await startProduct();
    ownerBrowser = await openBrowser({ width: 1280, height: 800 });
    memberBrowser = await openBrowser({ width: 1280, height: 800 });
    page = ownerBrowser.page;
    m = memberBrowser.page;
    mkdirSync(SHOTS, { recursive: true });
  }, STEP);

  afterAll(async () => {
    await ownerBrowser?.close();
    await memberBrowser?.close();
    await product?.stop();
  }, 60_000);

  it('an invitee joins through the emailed link with a password of their own; the link works once', async () => {
    tenantId = await signUp(page, product.url, owner);
    await visit(page, `${product.url}/t/${tenantId}/settings`);
    await page.click('[data-testid=add-member]');
    const form = page.locator('#invite-form');
    await form.locator('input[name=name]').fill(member.name);
    await form.locator('input[name=email]').fill(member.email);
    await form.locator('select[name=role]').selectOption('MEMBER');
    await form.locator('input[type=checkbox]').first().check();
    await page.click('button[form=invite-form]');
    await page.locator('[data-testid=invitation]', { hasText: member.email }).waitFor();
    const link = await invitationLink(page, product.url, tenantId, member.email);

    await visit(m, link);
    await expect(m.locator('h1').textContent()).resolves.toBe('Join Lotus Growth');
    await m.fill('input[name=password]', member.password);
    await m.fill('input[name=confirm]', member.password);
    await m.click('button[type=submit]');
    await m.waitForURL(`**/t/${tenantId}/board`);

    const again = await openBrowser({ width: 1280, height: 800 });
    try {
      await visit(again.page, link);
      await again.page.locator('[data-testid=invalid-link]').waitFor();
    } finally {
      await again.close();
    }
    await visit(page, `${product.url}/t/${tenantId}/settings`);
    await page.locator('[data-testid=member]', { hasText: member.email }).waitFor();
    expect(await page.locator('[data-testid=invitation]').count()).toBe(0);
  }, STEP);

  it('a forgotten password is reset through the emailed link, once, signing out every other session', async () => {
    await m.click('button[aria-label="Sign out"]');
    await m.waitForURL('**/login');
    await m.click('[data-testid=forgot-password]');
    await m.waitForURL('**/forgot-password');
    await m.waitForSelector('html[data-hydrated]');
    await m.fill('input[name=email]', member.email);
    await m.click('button[type=submit]');
    await m.locator('[data-testid=reset-requested]').waitFor();
    const link = await accountEmailLink(page, product.url, tenantId, member.email, 'PASSWORD_RESET');

    const phone = await openBrowser({ width: 390, height: 844 });
    try {
      // Meera is signed in on her phone too; the reset signs that session out.
      await signIn(phone.page, product.url, member.email, member.password);
      await visit(m, link);
      await m.fill('input[name=password]', 'meera new password');
      await m.fill('input[name=confirm]', 'meera new password');
      await m.click('button[type=submit]');
      await m.waitForURL((url) => url.pathname === '/' || url.pathname.startsWith('/t/'));
      await phone.page.goto(`${product.url}/t/${tenantId}/board`);
      expect(new URL(phone.page.url()).pathname).toBe('/login');
    } finally {
      await phone.close();
    }
    member.password = 'meera new password';
    await visit(m, link);
    await m.fill('input[name=password]', 'one more password');
    await m.fill('input[name=confirm]', 'one more password');
    await m.click('button[type=submit]');
    await m.locator('[data-testid=invalid-link]').waitFor();
  }, STEP);

  it('the account page changes the password (the current one is needed) and signs other sessions out', async () => {
    const laptop = await openBrowser({ width: 1280, height: 800 });
    try {
      await signIn(laptop.page, product.url, owner.email, owner.password);
      await visit(page, `${product.url}/account`);
      await expect(page.locator('[data-testid=session]').count()).resolves.toBe(2);
      expect(await page.locator('[data-testid=session][data-current=true]').textContent()).toContain('This browser');
      await page.screenshot({ path: join(SHOTS, 'account.png') });
      await page.click('[data-testid=sign-out-session]');
      await page.locator('[data-testid=toast]', { hasText: 'is signed out' }).waitFor();
      await page.locator('[data-testid=session][data-current=false]').waitFor({ state: 'detached' });
      await expect(page.locator('[data-testid=session]').count()).resolves.toBe(1);
      await laptop.page.goto(`${product.url}/t/${tenantId}/leads`);
      expect(new URL(laptop.page.url()).pathname).toBe('/login');

      await signIn(laptop.page, product.url, owner.email, owner.password);
      const change = page.locator('[data-testid=change-password]');
      await change.locator('input[name=currentPassword]').fill('not the password');
      await change.locator('input[name=newPassword]').fill('the new owner password');
      await change.locator('input[name=confirm]').fill('the new owner password');
      await change.locator('button[type=submit]').click();
      await change.locator('[role=alert]', { hasText: 'current password is not right' }).waitFor();
      await change.locator('input[name=currentPassword]').fill(owner.password);
      await change.locator('button[type=submit]').click();
      await page.locator('[data-testid=toast]', { hasText: 'Password changed' }).waitFor();
      owner.password = 'the new owner password';
      await laptop.page.goto(`${product.url}/t/${tenantId}/board`);
      expect(new URL(laptop.page.url()).pathname).toBe('/login');
      await visit(page, `${product.url}/t/${tenantId}/board`);
      expect(new URL(page.url()).pathname).toBe(`/t/${tenantId}/board`);
    } finally {
      await laptop.close();
    }
  }, STEP);

  it('removing someone from the team signs them out at once', async () => {
    await visit(m, `${product.url}/t/${tenantId}/board`);
    await visit(page, `${product.url}/t/${tenantId}/settings`);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.locator('[data-testid=member]', { hasText: member.email }).locator('[data-testid=remove-member]').click();
    await page.locator('[data-testid=toast]', { hasText: 'removed from the team' }).waitFor();
    await m.goto(`${product.url}/t/${tenantId}/leads`);
    expect(new URL(m.url()).pathname).toBe('/login');
  }, STEP);

  it('after signing out, Back shows the sign-in page, not the data; no page is kept in a cache', async () => {
    await page.evaluate(() => fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'mutation { createLead(input: { businessName: "Secret Spice Traders", email: "secret@spice.example" }) { id } }' }) }));
    const response = await page.goto(`${product.url}/t/${tenantId}/leads`);
    expect(response?.headers()['cache-control']).toBe('private, no-store');
    await page.locator('text=Secret Spice Traders').first().waitFor();
    const token = (await page.context().cookies()).find((c) => c.name === 'crm_session')?.value;
    await page.click('button[aria-label="Sign out"]');
    await page.waitForURL('**/login');
    await page.goBack();
    await page.waitForURL(/\/login(\?|$)/);
    await page.locator('h1', { hasText: 'Welcome back' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.content()).not.toContain('Secret Spice Traders');
    // And the signed-out session's token is dead on the server too, not just forgotten by the browser.
    expect((await page.context().cookies()).some((c) => c.name === 'crm_session')).toBe(false);
    const reused = await fetch(`${product.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ me { id } }' }) });
    expect(((await reused.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
  }, STEP);

  it('the account pages work on a phone', async () => {
    const phone = await openBrowser({ width: 390, height: 844 });
    try {
      const p = phone.page;
      for (const path of ['/login', '/forgot-password', '/reset-password?token=nope', '/invite?token=nope']) {
        await visit(p, `${product.url}${path}`);
        expect(await pageOverflowsHorizontally(p), `${path} scrolls sideways on a phone`).toBe(false);
      }
      await signIn(p, product.url, owner.email, owner.password);
      for (const path of ['/account', `/t/${tenantId}/settings`, `/t/${tenantId}/outbox`]) {
        await visit(p, `${product.url}${path}`);
        expect(await pageOverflowsHorizontally(p), `${path} scrolls sideways on a phone`).toBe(false);
      }
      await visit(p, `${product.url}/account`);
      await p.screenshot({ path: join(SHOTS, 'account-phone.png'), fullPage: true });
    } finally {
      await phone.close();
    }
  }, STEP);
});
