import { describe, expect, it } from 'vitest';
import { templateVariables, unknownPlaceholders, whatsappSendDecision, whatsappWindowOpen } from './whatsapp-window.ts';

const now = new Date('2026-12-10T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const template = { contentSid: 'HX0123456789abcdef0123456789abcdef', variables: ['{contactName}', '{company}'] };

describe('the WhatsApp 24-hour window', () => {
  it('is open for 24 hours after the contact\'s last message, and only then', () => {
    expect(whatsappWindowOpen(hoursAgo(0), now)).toBe(true);
    expect(whatsappWindowOpen(hoursAgo(23.99), now)).toBe(true);
    expect(whatsappWindowOpen(hoursAgo(24), now)).toBe(false);
    expect(whatsappWindowOpen(hoursAgo(200), now)).toBe(false);
    expect(whatsappWindowOpen(null, now)).toBe(false);
    // A clock that ran ahead elsewhere does not open it forever.
    expect(whatsappWindowOpen(new Date(now.getTime() + 60_000), now)).toBe(false);
  });

  it('sends free-form text inside the window, the template outside it, or nothing with the reason', () => {
    expect(whatsappSendDecision(hoursAgo(2), now, null)).toEqual({ kind: 'text' });
    expect(whatsappSendDecision(hoursAgo(2), now, template)).toEqual({ kind: 'text' });
    expect(whatsappSendDecision(hoursAgo(25), now, template)).toEqual({ kind: 'template', template });
    expect(whatsappSendDecision(null, now, template)).toEqual({ kind: 'template', template });
    const never = whatsappSendDecision(null, now, null);
    expect(never).toMatchObject({ kind: 'none' });
    expect(never.kind === 'none' && never.reason).toContain('they have never written to us; no approved WhatsApp template is set');
    const stale = whatsappSendDecision(hoursAgo(30), now, null);
    expect(stale.kind === 'none' && stale.reason).toContain('their last message came 30 hours ago');
    const old = whatsappSendDecision(hoursAgo(24 * 5 + 1), now, null);
    expect(old.kind === 'none' && old.reason).toContain('5 days ago');
  });
});

describe('template variables', () => {
  it('fill the placeholders per contact, numbered as Twilio numbers them', () => {
    expect(templateVariables({ contentSid: template.contentSid, variables: ['{contactName}', 'from {senderName} at {company}', '{businessName}', '{other}'] }, { contactName: 'Dr. Mehta', businessName: 'Mehta Dental', senderName: 'Asha', company: 'Growth Co' })).toEqual({
      1: 'Dr. Mehta', 2: 'from Asha at Growth Co', 3: 'Mehta Dental', 4: '{other}',
    });
  });

  it('an empty value still gives the variable some text (WhatsApp refuses empty variables)', () => {
    expect(templateVariables(template, { contactName: '', businessName: 'B', senderName: 'S', company: '' })).toEqual({ 1: '-', 2: '-' });
  });

  it('names the placeholders it does not know', () => {
    expect(unknownPlaceholders('Hi {contactName}, {firstName} {}')).toEqual(['firstName', '']);
    expect(unknownPlaceholders('Hi {contactName} from {company}')).toEqual([]);
  });
});
