// Ad-hoc: start the product, set up a scenario, take screenshots to look at (not a test).
import { openBrowser, signUp, visit } from './browser.ts';
import { startProduct } from './product.ts';

const OUT = process.env.SHOTS ?? '/tmp/dash-shots';
const product = await startProduct();
const owner = { agencyName: 'Look Agency', tenantName: 'Smile Dental Clinics', name: 'Asha Verma', email: 'asha@look.example', password: 'a long enough password' };
try {
  const desk = await openBrowser({ width: 1280, height: 800 });
  const page = desk.page;
  const tenantId = await signUp(page, product.url, owner);
  const login = await fetch(`${product.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `mutation { login(email: "${owner.email}", password: "${owner.password}") { token } }` }) });
  const token = ((await login.json()) as any).data.login.token;
  const api = async (query: string, variables: Record<string, unknown> = {}) => {
    const r = await fetch(`${product.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-tenant-id': tenantId }, body: JSON.stringify({ query, variables }) });
    const body = (await r.json()) as any;
    if (body.errors) console.log('ERR', JSON.stringify(body.errors));
    return body.data;
  };
  const lead = async (businessName: string, industry: string) => (await api('mutation($i: CreateLeadInput!) { createLead(input: $i) { id } }', { i: { businessName, industry, contactName: 'Neha Gupta', email: `${businessName.toLowerCase().replace(/\W+/g, '.')}@x.example`, city: 'Jaipur' } })).createLead.id;
  const a = await lead('Sweet Crumbs Bakery', 'Bakery');
  const b = await lead('Pink City Software Park', 'IT services');
  await lead('Amer Heritage Hotels', 'Hospitality');
  await api(`mutation { closeLead(id: "${a}", reason: "No budget this year") { id } }`);
  const shot = async (name: string, full = false) => page.screenshot({ path: `${OUT}/${name}.png`, fullPage: full });

  await visit(page, `${product.url}/t/${tenantId}/leads/${a}`);
  await shot('lead-lost');
  await page.click('[data-action=REOPEN]');
  await page.waitForTimeout(300);
  await shot('lead-reopen-dialog');
  await page.keyboard.press('Escape');

  await visit(page, `${product.url}/t/${tenantId}/leads/${b}`);
  await page.fill('#note', 'x'.repeat(10_250));
  await shot('lead-note-too-long');
  await page.click('[data-action=GENERATE_PROPOSAL]').catch(() => console.log('no write proposal button (NEW lead)'));

  await visit(page, `${product.url}/t/${tenantId}/board`);
  await page.click(`[data-lead-id="${b}"] summary`);
  await page.waitForTimeout(200);
  await shot('board-menu');
  await page.click(`[data-lead-id="${a}"] summary`);
  await page.waitForTimeout(200);
  await shot('board-menu-lost');

  await page.route('**/*', (route) => (route.request().method() === 'POST' && route.request().url().endsWith('/graphql') ? route.abort('connectionrefused') : route.continue()));
  await api(`mutation { closeLead(id: "${b}") { id } }`);
  await page.waitForTimeout(2500);
  await shot('board-offline');
  await page.unroute('**/*');
  await desk.close();

  const phone = await openBrowser({ width: 390, height: 844 });
  await phone.page.goto(`${product.url}/login`);
  await phone.page.fill('input[name=email]', owner.email);
  await phone.page.fill('input[name=password]', owner.password);
  await phone.page.click('button[type=submit]');
  await phone.page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await visit(phone.page, `${product.url}/t/${tenantId}/leads/${a}`);
  await phone.page.screenshot({ path: `${OUT}/phone-lead-lost.png` });
  await phone.page.route('**/*', (route) => (route.request().method() === 'POST' && route.request().url().endsWith('/graphql') ? route.abort('connectionrefused') : route.continue()));
  await api(`mutation { reopenLead(id: "${a}", reason: "called back") { id } }`);
  await phone.page.waitForTimeout(2500);
  await phone.page.screenshot({ path: `${OUT}/phone-lead-offline.png` });
  await phone.close();
} finally {
  await product.stop();
}
