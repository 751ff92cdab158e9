import type { Role } from '../access.ts';

/** How long an invitation link works, and a password reset link. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const RESET_TTL_MS = 60 * 60 * 1000;

/** Where the dashboard opens each kind of link. The token travels in the query, which access logs leave out. */
export const invitationUrl = (publicUrl: string, token: string) => `${publicUrl.replace(/\/+$/, '')}/invite?token=${token}`;
export const resetUrl = (publicUrl: string, token: string) => `${publicUrl.replace(/\/+$/, '')}/reset-password?token=${token}`;

export interface ComposedEmail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const ROLE_WORDS: Record<Role, string> = { owner: 'an owner', admin: 'an admin', member: 'a member', viewer: 'a viewer' };
// Names are typed by people: keep them on one line and of a sane length in a subject or a sentence.
const oneLine = (value: string) => value.replace(/[\r\n\t]+/g, ' ').trim().slice(0, 120);

function date(value: Date): string {
  return value.toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });
}

function html(paragraphs: string[], link: { url: string; label: string }): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  return `${body}\n<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>\n<p style="color:#6b7280;font-size:12px">${escapeHtml(link.url)}</p>`;
}

/** The invitation an invitee receives: who invited them, to what, and the link that sets their password. */
export function invitationEmail(input: { agencyName: string; inviterName: string | null; inviteeName: string; role: Role; link: string; expiresAt: Date }): ComposedEmail {
  const agency = oneLine(input.agencyName);
  const who = input.inviterName ? `${oneLine(input.inviterName)} invited you` : 'You are invited';
  const lines = [
    `Hello ${oneLine(input.inviteeName)},`,
    `${who} to join ${agency} on CRM AutoPilot as ${ROLE_WORDS[input.role]}.`,
    `Open the link below to choose your password and sign in. It works once, until ${date(input.expiresAt)}.`,
    'If you did not expect this invitation, ignore this email: nothing happens without the link.',
  ];
  return {
    subject: `You are invited to join ${agency} on CRM AutoPilot`,
    text: `${lines.join('\n\n')}\n\n${input.link}\n`,
    html: html(lines, { url: input.link, label: 'Accept the invitation' }),
  };
}

/** The password reset email: the link that sets a new password, valid for an hour. */
export function passwordResetEmail(input: { name: string; link: string; expiresAt: Date }): ComposedEmail {
  const lines = [
    `Hello ${oneLine(input.name)},`,
    'Someone (hopefully you) asked to reset the password of your CRM AutoPilot account.',
    `Open the link below to choose a new one. It works once, until ${date(input.expiresAt)}, and signs you out everywhere else.`,
    'If you did not ask for this, ignore this email: your password stays as it is.',
  ];
  return {
    subject: 'Reset your CRM AutoPilot password',
    text: `${lines.join('\n\n')}\n\n${input.link}\n`,
    html: html(lines, { url: input.link, label: 'Choose a new password' }),
  };
}
