import { randomBytes } from 'node:crypto';

/** A multipart/form-data body as SendGrid Inbound Parse posts it. */
export function multipart(fields: Record<string, string>): { body: Buffer; contentType: string } {
  const boundary = `----crm${randomBytes(8).toString('hex')}`;
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${value}\r\n`,
  );
  return { body: Buffer.from(`${parts.join('')}--${boundary}--\r\n`, 'utf8'), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The fields of an Inbound Parse post for a reply to `inReplyTo`. */
export function inboundReply(input: { from: string; to: string; subject: string; text: string; inReplyTo?: string | null; messageId?: string }) {
  const messageId = input.messageId ?? `<reply-${randomBytes(6).toString('hex')}@mail.example.in>`;
  const headers = [
    `From: ${input.from}`,
    `To: ${input.to}`,
    `Subject: ${input.subject}`,
    `Message-ID: ${messageId}`,
    ...(input.inReplyTo ? [`In-Reply-To: ${input.inReplyTo}`, `References: ${input.inReplyTo}`] : []),
    'Content-Type: text/plain; charset=utf-8',
  ].join('\r\n');
  return multipart({
    headers,
    from: input.from,
    to: input.to,
    subject: input.subject,
    text: input.text,
    html: '',
    envelope: JSON.stringify({ to: [input.to], from: input.from }),
    charsets: JSON.stringify({ to: 'UTF-8', from: 'UTF-8', subject: 'UTF-8', text: 'UTF-8' }),
    SPF: 'pass',
  });
}

/** Polls until `check` returns a truthy value (or throws its last error after `timeoutMs`). */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
