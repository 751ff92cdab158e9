import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THROTTLES } from '../../core/accounts/throttle.ts';
import { addUser, linkTokenFor, signup, type Account } from '../support/factories.ts';
import { errorCode, startTestGateway, type TestGateway } from '../support/gateway.ts';

let app: TestGateway;
beforeAll(async () => {
  app = await startTestGateway();
});
afterAll(() => app.close());

const INVITE = 'mutation($i: InviteUserInput!) { inviteUser(input: $i) { id email name role tenantIds invitedBy { id name } createdAt expiresAt lastSentAt } }';
const ACCEPT = 'mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { token user { id email role } tenants { nodes { id } } } }';
const invite = (owner: Account, input: Record<string, unknown>) => app.gql(INVITE, { i: { name: 'Vikram', role: 'VIEWER', tenantIds: [owner.tenantId], ...input } }, { token: owner.token });
const accept = (token: string, password = 'a password of my own') => app.gql(ACCEPT, { t: token, p: password });
let n = 0;
const address = () => `invitee-${(n += 1)}-${Date.now()}@people.test`;

describe('inviting people', () => {
  it('answers the same whether or not the address has an account in another agency', async () => {
    const owner = await signup(app);
    const elsewhere = await signup(app); // an account in another agency
    const fresh = address();
    const [taken, free] = [await invite(owner, { email: elsewhere.email }), await invite(owner, { email: fresh })];
    expect(taken.errors).toBeUndefined();
    expect(taken.status).toBe(free.status);
    const shape = (result: typeof taken) => {
      const { id: _id, email: _email, createdAt: _c, expiresAt: _e, ...rest } = result.data?.inviteUser;
      return rest;
    };
    expect(shape(taken)).toEqual(shape(free));
    expect(shape(taken)).toEqual({ name: 'Vikram', role: 'VIEWER', tenantIds: [owner.tenantId], invitedBy: { id: owner.userId, name: 'Owner' }, lastSentAt: null });
    // Both get their email; only the invitee, holding the link, learns the address is taken.
    const takenLink = await linkTokenFor(app, owner, elsewhere.email, 'INVITATION');
    await linkTokenFor(app, owner, fresh, 'INVITATION');
    const refused = await accept(takenLink);
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors?.[0]?.message).toContain('an address can belong to one agency only');
    const listed = (await app.gql('{ invitations { nodes { email lastSentAt } } }', {}, { token: owner.token })).data?.invitations.nodes;
    expect(listed.map((i: any) => i.email).sort()).toEqual([elsewhere.email, fresh].sort());
    expect(listed.every((i: any) => i.lastSentAt)).toBe(true);
  });

  it('within the agency, says when the person is already a member or already invited', async () => {
    const owner = await signup(app);
    const member = await addUser(app, owner, { role: 'MEMBER', tenantIds: [owner.tenantId] });
    const again = await invite(owner, { email: member.email.toUpperCase() });
    expect(errorCode(again)).toBe('CONFLICT');
    expect(again.errors?.[0]?.message).toBe(`${member.email} is already a member of this agency.`);
    const email = address();
    await invite(owner, { email });
    expect(errorCode(await invite(owner, { email }))).toBe('CONFLICT');
    expect(errorCode(await invite(owner, { email: 'not an address' }))).toBe('VALIDATION');
    expect(errorCode(await invite(owner, { email: address(), tenantIds: ['00000000-0000-4000-8000-000000000000'] }))).toBe('NOT_FOUND');
  });

  it('the emailed link works once: it creates the account with its role and workspaces, signs the invitee in', async () => {
    const owner = await signup(app);
    const email = address();
    const invited = (await invite(owner, { email, name: 'Vikram Viewer' })).data?.inviteUser;
    const token = await linkTokenFor(app, owner, email, 'INVITATION');
    const preview = await app.gql('query($t: String!) { invitation(token: $t) { email name role agencyName invitedBy expiresAt } }', { t: token });
    expect(preview.data?.invitation).toMatchObject({ email, name: 'Vikram Viewer', role: 'VIEWER', invitedBy: 'Owner', expiresAt: invited.expiresAt });
    expect(errorCode(await accept(token, 'short'))).toBe('VALIDATION');

    const accepted = await accept(token);
    expect(accepted.data?.acceptInvitation).toMatchObject({ user: { email, role: 'VIEWER' }, tenants: { nodes: [{ id: owner.tenantId }] } });
    const session = accepted.data?.acceptInvitation.token;
    expect((await app.gql('{ me { email } }', {}, { token: session })).data?.me.email).toBe(email);
    expect((await app.gql('mutation($e: String!) { login(email: $e, password: "a password of my own") { token } }', { e: email })).data?.login.token).toBeTruthy();

    const twice = await accept(token, 'another password');
    expect(errorCode(twice)).toBe('VALIDATION');
    expect(twice.errors?.[0]?.extensions?.fields).toEqual([{ field: 'token', message: 'is invalid or has expired' }]);
    expect(errorCode(await app.gql('query($t: String!) { invitation(token: $t) { email } }', { t: token }))).toBe('VALIDATION');
    expect((await app.gql('{ invitations { nodes { id } } }', {}, { token: owner.token })).data?.invitations.nodes).toEqual([]);
  });

  it('an expired link is refused; resending sends a new one, and the old one stops working', async () => {
    const owner = await signup(app);
    const email = address();
    const { id } = (await invite(owner, { email })).data?.inviteUser;
    const first = await linkTokenFor(app, owner, email, 'INVITATION');
    const db = await app.database.ownerClient();
    await db.query(`update invitations set expires_at = now() - interval '1 second' where id = $1`, [id]);
    expect(errorCode(await accept(first))).toBe('VALIDATION');
    expect((await app.gql('{ invitations { nodes { id } } }', {}, { token: owner.token })).data?.invitations.nodes).toEqual([{ id }]);

    const resent = await app.gql(`mutation { resendInvitation(id: "${id}") { id expiresAt } }`, {}, { token: owner.token });
    expect(new Date(resent.data?.resendInvitation.expiresAt).getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    const second = await linkTokenFor(app, owner, email, 'INVITATION', { not: [first] });
    expect(second).not.toBe(first);
    expect(errorCode(await accept(first))).toBe('VALIDATION');
    expect((await accept(second)).data?.acceptInvitation.user.email).toBe(email);
  });

  it('a revoked invitation\'s link is refused', async () => {
    const owner = await signup(app);
    const email = address();
    const { id } = (await invite(owner, { email })).data?.inviteUser;
    const token = await linkTokenFor(app, owner, email, 'INVITATION');
    expect((await app.gql(`mutation { revokeInvitation(id: "${id}") { id } }`, {}, { token: owner.token })).data?.revokeInvitation.id).toBe(id);
    expect(errorCode(await accept(token))).toBe('VALIDATION');
    expect(errorCode(await app.gql(`mutation { resendInvitation(id: "${id}") { id } }`, {}, { token: owner.token }))).toBe('NOT_FOUND');
    expect((await app.gql('{ invitations { nodes { id } } }', {}, { token: owner.token })).data?.invitations.nodes).toEqual([]);
  });

  it('owners and admins invite; an admin cannot invite or manage owners; members, viewers, API keys and other agencies cannot', async () => {
    const owner = await signup(app);
    const admin = await addUser(app, owner, { role: 'ADMIN' });
    const member = await addUser(app, owner, { role: 'MEMBER', tenantIds: [owner.tenantId] });
    const asAdmin = (input: Record<string, unknown>) => app.gql(INVITE, { i: { name: 'X', role: 'VIEWER', ...input } }, { token: admin.token });
    expect(errorCode(await asAdmin({ email: address(), role: 'OWNER' }))).toBe('FORBIDDEN');
    expect((await asAdmin({ email: address(), role: 'ADMIN' })).data?.inviteUser.role).toBe('ADMIN');
    const ownerInvite = (await invite(owner, { email: address(), role: 'OWNER' })).data?.inviteUser;
    expect(errorCode(await app.gql(`mutation { revokeInvitation(id: "${ownerInvite.id}") { id } }`, {}, { token: admin.token }))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql(`mutation { resendInvitation(id: "${ownerInvite.id}") { id } }`, {}, { token: admin.token }))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql(INVITE, { i: { email: address(), name: 'X', role: 'VIEWER' } }, { token: member.token }))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql('{ invitations { nodes { id } } }', {}, { token: member.token }))).toBe('FORBIDDEN');
    const { key } = (await app.gql('mutation { createApiKey(input: { name: "CI", role: ADMIN }) { key } }', {}, owner.caller)).data?.createApiKey;
    expect(errorCode(await app.gql(INVITE, { i: { email: address(), name: 'X', role: 'VIEWER' } }, { token: key }))).toBe('FORBIDDEN');
    const stranger = await signup(app);
    expect(errorCode(await app.gql(`mutation { revokeInvitation(id: "${ownerInvite.id}") { id } }`, {}, { token: stranger.token }))).toBe('NOT_FOUND');
  });

  it('only owners read the account emails the offline outbox keeps (they carry sign-in links)', async () => {
    const owner = await signup(app);
    const admin = await addUser(app, owner, { role: 'ADMIN' });
    const email = address();
    await invite(owner, { email, name: 'Rohit' });
    await linkTokenFor(app, owner, email, 'INVITATION');
    const mail = (await app.gql('{ accountOutbox { nodes { kind toAddress fromAddress subject text } } }', {}, { token: owner.token })).data?.accountOutbox.nodes[0];
    expect(mail).toMatchObject({ kind: 'INVITATION', toAddress: email, fromAddress: 'CRM AutoPilot <no-reply@127.0.0.1>', subject: expect.stringMatching(/^You are invited to join Agency [0-9a-f]+ on CRM AutoPilot$/) });
    expect(mail.text).toContain('Owner invited you to join');
    expect(mail.text).toMatch(new RegExp(`${app.url.replace(/[.:/]/g, '\\$&')}/invite\\?token=[A-Za-z0-9_-]{86}`));
    expect(errorCode(await app.gql('{ accountOutbox { nodes { kind } } }', {}, { token: admin.token }))).toBe('FORBIDDEN');
    const stranger = await signup(app);
    expect((await app.gql('{ accountOutbox { nodes { kind } } }', {}, { token: stranger.token })).data?.accountOutbox.nodes).toEqual([]);
  });

  it('an agency sends at most 20 invitations (resends included) per 15 minutes: then 429 with Retry-After', async () => {
    const owner = await signup(app);
    const first = (await invite(owner, { email: address() })).data?.inviteUser;
    for (let i = 1; i < THROTTLES.invitations.limit - 1; i += 1) expect((await invite(owner, { email: address() })).errors).toBeUndefined();
    expect((await app.gql(`mutation { resendInvitation(id: "${first.id}") { id } }`, {}, { token: owner.token })).errors).toBeUndefined();
    const refused = await invite(owner, { email: address() });
    expect(errorCode(refused)).toBe('RATE_LIMITED');
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]?.message).toMatch(/^Too many invitations; try again in 1[45] minutes\.$/);
    // Another agency is not held back.
    const other = await signup(app);
    expect((await invite(other, { email: address() })).errors).toBeUndefined();
  });
});

describe('invitations through SendGrid', () => {
  let sendgrid: Server;
  let withSendGrid: TestGateway;
  const received: any[] = [];

  beforeAll(async () => {
    sendgrid = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(202, { 'x-message-id': `sg-${received.length}` });
        res.end();
      });
    });
    await new Promise<void>((resolve) => sendgrid.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(sendgrid.address() as AddressInfo).port}`;
    withSendGrid = await startTestGateway({ SENDGRID_API_KEY: 'SG.local-test-key', SENDGRID_BASE_URL: origin, ACCOUNT_EMAIL_FROM: 'team@crm.example.com' });
  });
  afterAll(async () => {
    await withSendGrid?.close();
    await new Promise((resolve) => sendgrid.close(resolve));
  });

  it('go out through the email channel, from the configured sender, and not into the outbox', async () => {
    const owner = await signup(withSendGrid);
    const email = address();
    await withSendGrid.gql(INVITE, { i: { email, name: 'Priya', role: 'ADMIN' } }, { token: owner.token });
    const deadline = Date.now() + 20_000;
    while (!received.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toHaveLength(1);
    const sent = received[0];
    expect(sent.personalizations[0].to[0]).toEqual({ email, name: 'Priya' });
    expect(sent.from).toEqual({ email: 'team@crm.example.com', name: 'CRM AutoPilot' });
    expect(sent.subject).toMatch(/^You are invited to join /);
    const token = sent.content.find((c: any) => c.type === 'text/plain').value.match(/token=([A-Za-z0-9_-]{86})/)[1];
    expect((await withSendGrid.gql(ACCEPT, { t: token, p: 'a password of my own' })).data?.acceptInvitation.user.role).toBe('ADMIN');
    expect((await withSendGrid.gql('{ accountOutbox { nodes { kind } } }', {}, { token: owner.token })).data?.accountOutbox.nodes).toEqual([]);
  });
});

describe('what a person who left or lost their role had set up', () => {
  it('their pending invitations stop working until an owner or admin sends them again; API keys name their creator, and the listing shows which creator left', async () => {
    const owner = await signup(app);
    const admin = await addUser(app, owner, { role: 'ADMIN', tenantIds: [owner.tenantId] });
    const removedAdminsPick = address();
    const demotedAdminsPick = address();
    const viaAdmin = async (email: string, role: string) => {
      const invited = await app.gql(INVITE, { i: { email, name: 'Picked', role, tenantIds: [owner.tenantId] } }, { token: admin.token });
      expect(invited.errors).toBeUndefined();
      return invited.data?.inviteUser.id as string;
    };
    // The admin makes a key, invites two people, then is demoted: the admin-level invitation dies.
    const key = await app.gql('mutation { createApiKey(input: { name: "admin-made", role: ADMIN }) { apiKey { id createdBy { id name } } } }', {}, { token: admin.token, tenantId: owner.tenantId });
    expect(key.data?.createApiKey.apiKey.createdBy).toEqual({ id: admin.userId, name: expect.any(String) });
    const adminInvite = await viaAdmin(demotedAdminsPick, 'ADMIN');
    await viaAdmin(removedAdminsPick, 'MEMBER');
    const demotedLink = await linkTokenFor(app, owner, demotedAdminsPick, 'INVITATION');
    const removedLink = await linkTokenFor(app, owner, removedAdminsPick, 'INVITATION');
    expect((await app.gql(`mutation { updateUser(id: "${admin.userId}", input: { role: VIEWER }) { id } }`, {}, { token: owner.token })).errors).toBeUndefined();
    const refused = await accept(demotedLink);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION', reason: 'INVITER_WITHOUT_RIGHT' });
    // Then removed: the member-level one dies too; the key names nobody (it still works until revoked).
    expect((await app.gql(`mutation { removeUser(id: "${admin.userId}") }`, {}, { token: owner.token })).errors).toBeUndefined();
    expect((await accept(removedLink)).errors?.[0]?.extensions?.reason).toBe('INVITER_WITHOUT_RIGHT');
    const keys = await app.gql('{ apiKeys { nodes { name createdBy { id } } } }', {}, owner.caller);
    expect(keys.data?.apiKeys.nodes.find((k: any) => k.name === 'admin-made').createdBy).toBeNull();
    // An owner sends it again: it is theirs now, and it works.
    expect((await app.gql(`mutation { resendInvitation(id: "${adminInvite}") { invitedBy { id } } }`, {}, { token: owner.token })).data?.resendInvitation.invitedBy.id).toBe(owner.userId);
    const fresh = await linkTokenFor(app, owner, demotedAdminsPick, 'INVITATION', { not: [demotedLink] });
    expect((await accept(fresh)).data?.acceptInvitation.user.role).toBe('ADMIN');
  });
});
