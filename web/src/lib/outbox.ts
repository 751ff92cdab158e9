/** The local checkout link in a delivered email (proposals and payment reminders carry one). */
export function paymentLinkIn(text: string | null | undefined): string | null {
  const match = text?.match(/https?:\/\/[^\s"'<>]+\/pay\/[A-Za-z0-9_-]{32,64}/);
  return match ? match[0] : null;
}

/** "Asha Verma, Smile Dental <asha@smile.example>" → "asha@smile.example". */
export function addressOf(value: string | null | undefined): string {
  const match = value?.match(/<([^>]+)>/);
  return (match ? match[1] : (value ?? ''))!.trim().toLowerCase();
}

/** Ready-made replies, to play each branch of the funnel from the outbox. */
export const SAMPLE_REPLIES: { label: string; body: string }[] = [
  { label: 'Interested', body: 'Yes, this sounds interesting. Can you send me the details and pricing?' },
  { label: 'Hinglish: price?', body: 'haan interested hoon, rate kya hai?' },
  { label: 'Question', body: 'Do you also cover weekends? How does it work exactly?' },
  { label: 'Out of office', body: 'I am out of office until next Monday with limited access to email.' },
  { label: 'Not interested', body: 'Thanks, but we are not interested at the moment.' },
];

/** The one-time link in an account email (an invitation or a password reset). */
export function accountLinkIn(text: string | null | undefined): string | null {
  const match = text?.match(/https?:\/\/[^\s"'<>]+\/(invite|reset-password)\?token=[A-Za-z0-9_-]{86}/);
  return match ? match[0] : null;
}
