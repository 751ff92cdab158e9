import { describe, expect, it } from 'vitest';
import { errorFrom, messageOf } from './graphql-error.ts';
import { actionButtons, pendingNote } from './lead-actions.ts';
import { switchTenantHref, tenantPath } from './nav.ts';
import { accountLinkIn, addressOf, paymentLinkIn } from './outbox.ts';
import { isCrossSiteFormPost } from './server/origin.ts';

describe('GraphQL errors', () => {
  it('keeps the code, the user-facing message and the field errors', () => {
    const error = errorFrom([{ message: 'Check the fields', extensions: { code: 'VALIDATION', fields: [{ field: 'email', message: 'is not an email' }] } }]);
    expect(error.code).toBe('VALIDATION');
    expect(error.fieldMessage('email')).toBe('is not an email');
    expect(messageOf(error)).toBe('Email is not an email.');
    expect(messageOf(errorFrom([{ message: 'Cannot move a lead from CONTACTED to PAID', extensions: { code: 'ILLEGAL_TRANSITION' } }]))).toBe('Cannot move a lead from Contacted to Paid');
    expect(errorFrom(null).code).toBe('INTERNAL_SERVER_ERROR');
  });
});

describe('lead actions', () => {
  it('shows a button for each allowed action with a mutation, in a stable order', () => {
    const buttons = actionButtons(['CLOSE_AS_LOST', 'SEND_FOLLOW_UP', 'EDIT', 'MARK_INTERESTED'], { proposalStatus: null });
    expect(buttons.map((b) => b.action)).toEqual(['SEND_FOLLOW_UP', 'MARK_INTERESTED', 'EDIT', 'CLOSE_AS_LOST']);
    expect(actionButtons(['SCHEDULE_CALL', 'GENERATE_PROPOSAL'], { proposalStatus: null }).map((b) => b.action)).toEqual(['GENERATE_PROPOSAL', 'SCHEDULE_CALL']);
  });

  it('offers a paid client onboarding again and a new task, but no button without a mutation', () => {
    expect(actionButtons(['MANAGE_CLIENT', 'ONBOARD', 'CREATE_TASK', 'ADD_NOTE'], { proposalStatus: 'PAID' }).map((b) => b.action)).toEqual(['CREATE_TASK', 'ONBOARD', 'ADD_NOTE']);
  });

  it('offers writing a proposal only when there is none yet', () => {
    expect(actionButtons(['GENERATE_PROPOSAL', 'SEND_PROPOSAL'], { proposalStatus: null }).map((b) => b.action)).toEqual(['GENERATE_PROPOSAL']);
    expect(actionButtons(['GENERATE_PROPOSAL', 'SEND_PROPOSAL'], { proposalStatus: 'DRAFT' }).map((b) => b.action)).toEqual(['SEND_PROPOSAL']);
  });

  it('offers sending a proposal only for a draft, and the payment link only once sent', () => {
    expect(actionButtons(['SEND_PROPOSAL', 'SEND_PAYMENT_LINK'], { proposalStatus: 'DRAFT' }).map((b) => b.action)).toEqual(['SEND_PROPOSAL']);
    expect(actionButtons(['SEND_PROPOSAL', 'SEND_PAYMENT_LINK'], { proposalStatus: 'SENT' }).map((b) => b.action)).toEqual(['SEND_PAYMENT_LINK']);
  });

  it('offers sending the outreach only once a draft exists, and writing it only when there is none (or it failed)', () => {
    const both = ['GENERATE_OUTREACH', 'SEND_OUTREACH'] as const;
    expect(actionButtons([...both], { proposalStatus: null, outreachStatus: null }).map((b) => b.action)).toEqual(['GENERATE_OUTREACH']);
    expect(actionButtons([...both], { proposalStatus: null, outreachStatus: 'COMPOSING' })).toEqual([]);
    expect(pendingNote({ proposalStatus: null, outreachStatus: 'COMPOSING' })).toMatch(/writing the outreach/);
    expect(actionButtons([...both], { proposalStatus: null, outreachStatus: 'DRAFT' }).map((b) => b.action)).toEqual(['SEND_OUTREACH']);
    expect(actionButtons([...both], { proposalStatus: null, outreachStatus: 'FAILED' }).map((b) => b.action)).toEqual(['GENERATE_OUTREACH']);
    expect(actionButtons([...both], { proposalStatus: null, outreachStatus: 'QUEUED' })).toEqual([]);
  });

  it('offers Reopen first on a lost lead the API lets the caller reopen', () => {
    expect(actionButtons(['REOPEN', 'ADD_NOTE', 'DELETE'], { proposalStatus: null }).map((b) => b.label)).toEqual(['Reopen', 'Add note', 'Delete']);
  });

  it('shows nothing to a viewer (the API allows them no actions)', () => {
    expect(actionButtons([], { proposalStatus: 'DRAFT' })).toEqual([]);
  });
});

describe('tenant switcher', () => {
  it('keeps the section, and sends a lead page to the other tenant\'s list', () => {
    expect(tenantPath('/t/abc/inbox')).toEqual({ tenantId: 'abc', section: 'inbox' });
    expect(switchTenantHref('/t/abc/inbox', 'xyz')).toBe('/t/xyz/inbox');
    expect(switchTenantHref('/t/abc/leads/123', 'xyz')).toBe('/t/xyz/leads');
    expect(switchTenantHref('/', 'xyz')).toBe('/t/xyz/board');
  });
});

describe('outbox helpers', () => {
  it('finds the checkout link and the address', () => {
    expect(paymentLinkIn('Pay here: http://localhost:4000/pay/E4A1ND1UACH4w70VQg8mIChu2pv6a1d8 thanks')).toBe('http://localhost:4000/pay/E4A1ND1UACH4w70VQg8mIChu2pv6a1d8');
    expect(paymentLinkIn('no link')).toBeNull();
    expect(addressOf('Asha Verma, Smile <Asha@Smile.example>')).toBe('asha@smile.example');
    expect(addressOf('rohit@jln.in')).toBe('rohit@jln.in');
  });

  it('finds the one-time link of an invitation or a password reset', () => {
    const token = 'A'.repeat(43) + 'b_-'.repeat(14) + 'z';
    expect(accountLinkIn(`Open it:\n\nhttp://localhost:4000/invite?token=${token}\n`)).toBe(`http://localhost:4000/invite?token=${token}`);
    expect(accountLinkIn(`https://crm.example.com/reset-password?token=${token}`)).toBe(`https://crm.example.com/reset-password?token=${token}`);
    expect(accountLinkIn(`http://localhost:4000/invite?token=short`)).toBeNull();
  });
});

describe('cross-site form posts', () => {
  const post = (headers: Record<string, string>) => new Request('https://127.0.0.1:4300/login', { method: 'POST', headers });
  it('accepts same-host and public-origin posts, refuses others and missing origins', () => {
    expect(isCrossSiteFormPost(post({ origin: 'http://127.0.0.1:4300', host: '127.0.0.1:4300', 'content-type': 'application/x-www-form-urlencoded' }), undefined)).toBe(false);
    expect(isCrossSiteFormPost(post({ origin: 'https://crm.example', host: '10.0.0.5:4000', 'content-type': 'multipart/form-data; boundary=x' }), 'https://crm.example')).toBe(false);
    expect(isCrossSiteFormPost(post({ origin: 'https://evil.example', host: '127.0.0.1:4300', 'content-type': 'application/x-www-form-urlencoded' }), undefined)).toBe(true);
    expect(isCrossSiteFormPost(post({ host: '127.0.0.1:4300', 'content-type': 'text/plain' }), undefined)).toBe(true);
    expect(isCrossSiteFormPost(post({ origin: 'https://evil.example', 'content-type': 'application/json' }), undefined)).toBe(false);
    expect(isCrossSiteFormPost(new Request('https://127.0.0.1:4300/', { method: 'GET' }), undefined)).toBe(false);
  });
});
