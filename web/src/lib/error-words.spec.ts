import { describe, expect, it } from 'vitest';
import { fieldLabel, scrub, wordsFor } from './error-words.ts';
import { GqlError, messageOf } from './graphql-error.ts';

const error = (code: string, message: string, fields: { field: string; message: string }[] = [], extensions: Record<string, unknown> = {}) => new GqlError(message, code, fields, extensions);
const ID = '0190f3a2-7c1e-7b1a-9d3e-2f4c5a6b7c8d';

describe('errors in people\'s words', () => {
  it('names fields as the forms do, never by their keys', () => {
    expect(fieldLabel('businessName')).toBe('Business name');
    expect(fieldLabel('sender.pitch')).toBe('Pitch');
    expect(fieldLabel('lineItems')).toBe('Line items');
    expect(fieldLabel('someNewField')).toBe('Some new field');
    expect(messageOf(error('VALIDATION', 'Invalid input: businessName is required', [{ field: 'businessName', message: 'is required' }, { field: 'sender.email', message: 'is not a valid email address' }])))
      .toBe('Business name is required. Sender email is not a valid email address.');
  });

  it('never shows ids, API instructions or codes', () => {
    const duplicate = messageOf(error('CONFLICT', `A lead with the email a@b.in already exists in this tenant (lead ${ID}).`));
    expect(duplicate).toBe('A lead with the email a@b.in already exists in this workspace.');
    const signIn = messageOf(error('UNAUTHENTICATED', 'Sign in first: send "Authorization: Bearer <token or API key>".'));
    expect(signIn).toBe('Your session has ended. Sign in again to continue.');
    expect(signIn).not.toMatch(/Bearer|Authorization/);
    const move = messageOf(error('ILLEGAL_TRANSITION', 'Cannot move a lead from CONTACTED to PAID: no such move exists (no skipping states, no moving backwards). The lead is CONTACTED; allowed actions: SEND_FOLLOW_UP, CLASSIFY_REPLY, MARK_INTERESTED, EDIT, ADD_NOTE, CLOSE_AS_LOST.'));
    expect(move).toBe('Cannot move a lead from Contacted to Paid: no such move exists (no skipping states, no moving backwards). The lead is Contacted.');
    expect(messageOf(error('NOT_FOUND', `Lead ${ID} was not found`))).not.toContain(ID);
    expect(messageOf(error('CONFLICT', 'Add services to your catalog first: proposals are written from it (setServiceCatalog).', [], { reason: 'EMPTY_CATALOG' }))).toBe('Add services to your catalog first: proposals are written from it.');
    expect(scrub(`Reply ${ID} was not found`)).toBe('This reply no longer exists, or you have no access to it');
    expect(messageOf(error('ACTION_NOT_ALLOWED', 'SEND_PROPOSAL is not allowed on a NEW lead. The lead is NEW; allowed actions: GENERATE_OUTREACH.'))).toBe('You cannot send the proposal while the lead is New.');
  });

  it('says who may do what a role may not, without naming permission keys', () => {
    expect(messageOf(error('FORBIDDEN', 'Your role (member) does not allow this (override_lifecycle is needed).', [], { permission: 'override_lifecycle' }))).toBe('Your role does not allow this. Ask an owner or admin of your agency.');
  });

  it('network failures and server faults read as what they are', () => {
    expect(messageOf(new TypeError('Failed to fetch'))).toMatch(/^Could not reach the server/);
    expect(messageOf(error('NETWORK', 'The server answered 502 without a GraphQL response. Try again in a moment.'))).toMatch(/^Could not reach the server/);
    expect(wordsFor({ code: 'INTERNAL_SERVER_ERROR', message: 'Unexpected error (request abc)', fields: [], extensions: { requestId: 'abc' } })).toBe('Something went wrong on our side. Try again in a moment.');
    expect(wordsFor({ code: 'RATE_LIMITED', message: 'x', fields: [], extensions: { retryAfterSeconds: 130 } })).toBe('Too many attempts. Try again in 3 minutes.');
  });
});
