import { STATUS_LABEL, isLeadStatus } from './status.ts';

/**
 * The gateway's errors speak to developers (codes, field keys, ids, "send Authorization: Bearer").
 * The dashboard shows people's words: these turn a code, a field and a message into a sentence.
 */

/** Field keys (as the API names them) → what the form calls them. */
const FIELD_LABELS: Record<string, string> = {
  businessName: 'Business name',
  contactName: 'Contact name',
  email: 'Email',
  phone: 'Phone',
  website: 'Website',
  industry: 'Industry',
  city: 'City',
  country: 'Country',
  source: 'Source',
  companySize: 'Company size',
  tags: 'Tags',
  customFields: 'Custom fields',
  assigneeId: 'Assignee',
  reason: 'Reason',
  body: 'Text',
  title: 'Title',
  summary: 'Summary',
  lineItems: 'Line items',
  expectedResults: 'Expected results',
  validUntil: 'Valid until',
  subject: 'Subject',
  text: 'Text',
  at: 'Date and time',
  dueAt: 'Due date',
  name: 'Name',
  password: 'Password',
  agencyName: 'Agency name',
  tenantName: 'Business name',
  dailySendLimit: 'Daily send limit',
  currency: 'Currency',
  onboardingChecklist: 'Onboarding checklist',
  'sender.name': 'Sender name',
  'sender.email': 'Sender email',
  'sender.company': 'Company',
  'sender.pitch': 'Pitch',
  priceMin: 'Lowest price',
  priceMax: 'Highest price',
  value: 'Value',
  first: 'Page size',
};

const ACTION_LABELS: Record<string, string> = {
  GENERATE_OUTREACH: 'write the outreach',
  SEND_OUTREACH: 'send the outreach',
  SEND_FOLLOW_UP: 'send a follow-up',
  CLASSIFY_REPLY: 'classify a reply',
  MARK_INTERESTED: 'mark it interested',
  GENERATE_PROPOSAL: 'write a proposal',
  SEND_PROPOSAL: 'send the proposal',
  MODIFY_PROPOSAL: 'change the proposal',
  SEND_PAYMENT_LINK: 'send the payment link',
  SCHEDULE_CALL: 'schedule a call',
  ONBOARD: 'run onboarding',
  CREATE_TASK: 'add a task',
  MANAGE_CLIENT: 'manage the client',
  CLOSE_AS_LOST: 'close it as lost',
  REOPEN: 'reopen it',
  EDIT: 'edit it',
  ADD_NOTE: 'add a note',
  DELETE: 'delete it',
};

const TRIGGERS = ['OUTREACH_SENT', 'REPLY_INTERESTED', 'MANUAL_OVERRIDE', 'PAYMENT_CONFIRMED', 'CLOSED_BY_USER', 'NOT_INTERESTED', 'ASKED_TO_UNSUBSCRIBE', 'HARD_BOUNCE', 'UNSUBSCRIBED', 'REOPENED'];
/** Only codes the API uses, so a person's own words are left alone. */
const CODE = new RegExp(`\\b(${[...Object.keys(ACTION_LABELS), ...TRIGGERS].join('|')})\\b`, 'g');
const INTENT = /(?<![\w.@-])(not_interested|asking_price|out_of_office|wrong_person)(?![\w@.-])/g;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** "sender.pitch" → "Pitch"; an unknown key "fooBar.baz_qux" → "Foo bar baz qux". */
export function fieldLabel(field: string): string {
  const known = FIELD_LABELS[field] ?? FIELD_LABELS[field.replace(/^input\./, '')] ?? FIELD_LABELS[field.split('.').pop() ?? ''];
  if (known) return known;
  const words = field.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[._]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "must be 1-200 characters" under "Title" → "Title must be 1-200 characters." */
export function fieldSentence(field: string, message: string): string {
  const text = scrub(message).replace(/[.\s]+$/, '');
  return `${fieldLabel(field)} ${text}.`;
}

/** Status and action codes as the dashboard names them; ids and API instructions removed. */
export function scrub(message: string): string {
  return message
    .replace(/\s*;?\s*allowed actions: [A-Z_, ]+\.?/g, '.')
    .replace(/\s*\((?:lead|id|message|proposal|task|reply) [0-9a-f-]{36}\)/gi, '')
    .replace(/\b(Lead|Proposal|Message|Reply|Task|Timeline entry|Tenant|User|API key) [0-9a-f-]{36} was not found\b/g, (_, what: string) => `This ${what.toLowerCase()} no longer exists, or you have no access to it`)
    .replace(UUID, '')
    // API names in parentheses ("(setServiceCatalog)", "(reopenLead)") are for developers.
    .replace(/\s*\((?:[a-z]+[A-Z][A-Za-z]*(?:,\s*)?)+\)/g, '')
    .replace(/:?\s*send "?Authorization: Bearer[^."]*"?\.?/gi, '.')
    .replace(/\b(NEW|CONTACTED|INTERESTED|PROPOSAL_SENT|PAID|LOST)\b/g, (code: string) => (isLeadStatus(code) ? STATUS_LABEL[code] : code))
    .replace(CODE, (code: string) => ACTION_LABELS[code] ?? code.toLowerCase().replace(/_/g, ' '))
    // Reply intents as the API writes them ("not_interested") read as words.
    .replace(INTENT, (code: string) => code.replace(/_/g, ' '))
    .replace(/\btenants?\b/g, (word: string) => (word.endsWith('s') ? 'workspaces' : 'workspace'))
    .replace(/\s+([.,;:])/g, '$1')
    .replace(/\.{2,}/g, '.')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

export interface ErrorLike {
  code: string;
  message: string;
  fields: { field: string; message: string }[];
  extensions: Record<string, unknown>;
}

/** The sentence a person reads for an error from the gateway. */
export function wordsFor(error: ErrorLike): string {
  switch (error.code) {
    case 'NETWORK':
      return 'Could not reach the server. Check your connection; what you see may be out of date.';
    case 'UNAUTHENTICATED':
      return 'Your session has ended. Sign in again to continue.';
    case 'RATE_LIMITED': {
      const seconds = Number(error.extensions.retryAfterSeconds);
      const minutes = Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds / 60)) : null;
      return `Too many attempts. Try again ${minutes ? `in ${minutes} minute${minutes === 1 ? '' : 's'}` : 'in a few minutes'}.`;
    }
    case 'FORBIDDEN':
      // The generic refusal names a permission key; say who may do it instead.
      return /^Your role \(/.test(error.message) ? 'Your role does not allow this. Ask an owner or admin of your agency.' : scrub(error.message);
    case 'NOT_FOUND':
      return 'This no longer exists, or you have no access to it. Reload the page to see what is there now.';
    case 'VALIDATION':
      if (error.fields.length) return error.fields.map((f) => fieldSentence(f.field, f.message)).join(' ');
      return scrub(error.message);
    case 'ACTION_NOT_ALLOWED': {
      // The generic refusal names the action by its code; say it as a sentence.
      const generic = /^([A-Z_]+) is not allowed on an? ([A-Z_]+) lead/.exec(error.message);
      const action = generic ? ACTION_LABELS[generic[1] as string] : undefined;
      const status = generic?.[2];
      if (action && status && isLeadStatus(status)) return `You cannot ${action} while the lead is ${STATUS_LABEL[status]}.`;
      return scrub(error.message);
    }
    case 'INTERNAL_SERVER_ERROR':
      return 'Something went wrong on our side. Try again in a moment.';
    default:
      return scrub(error.message);
  }
}
