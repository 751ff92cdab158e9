import { describe, expect, it } from 'vitest';
import { invitationEmail, invitationUrl, passwordResetEmail, resetUrl } from './account-mail.ts';

const expiresAt = new Date('2026-12-10T09:30:00Z');

describe('account emails', () => {
  it('an invitation says who invited whom to what, as which role, until when, with the link', () => {
    const link = invitationUrl('https://crm.example.com/', 'tok');
    expect(link).toBe('https://crm.example.com/invite?token=tok');
    const mail = invitationEmail({ agencyName: 'Growth Co', inviterName: 'Asha', inviteeName: 'Vikram', role: 'viewer', link, expiresAt });
    expect(mail.subject).toBe('You are invited to join Growth Co on CRM AutoPilot');
    expect(mail.text).toContain('Hello Vikram,');
    expect(mail.text).toContain('Asha invited you to join Growth Co on CRM AutoPilot as a viewer.');
    expect(mail.text).toContain('10 December 2026');
    expect(mail.text.trim().endsWith(link)).toBe(true);
    expect(mail.html).toContain(`<a href="${link}">Accept the invitation</a>`);
  });

  it('escapes names in HTML and keeps them to one line in the subject', () => {
    const mail = invitationEmail({ agencyName: 'A&B <Media>\r\nBcc: x@evil.test', inviterName: null, inviteeName: '<script>', role: 'admin', link: 'https://x.test/invite?token=t', expiresAt });
    expect(mail.subject).toBe('You are invited to join A&B <Media> Bcc: x@evil.test on CRM AutoPilot');
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.html).toContain('A&#38;B &#60;Media&#62;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.text).toContain('You are invited to join');
  });

  it('a reset email carries its link and says it signs you out elsewhere', () => {
    const link = resetUrl('http://localhost:4000', 'abc');
    expect(link).toBe('http://localhost:4000/reset-password?token=abc');
    const mail = passwordResetEmail({ name: 'Asha', link, expiresAt });
    expect(mail.subject).toBe('Reset your CRM AutoPilot password');
    expect(mail.text).toContain('signs you out everywhere else');
    expect(mail.text).toContain(link);
  });
});
