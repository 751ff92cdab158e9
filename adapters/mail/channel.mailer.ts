import type { AccountMailer } from '../../core/accounts/account.ports.ts';
import type { AccountEmail } from '../../core/accounts/account.types.ts';
import type { Channel } from '../../core/channels/channel.ts';

/** Account emails through the product's email channel (SendGrid when SENDGRID_API_KEY is set). */
export class ChannelAccountMailer implements AccountMailer {
  constructor(
    private readonly channel: Channel,
    private readonly from: { email: string; name: string },
  ) {}

  async send(email: AccountEmail): Promise<void> {
    await this.channel.send({
      // The same id on a retry: the Message-ID lets the receiving side drop a duplicate.
      messageId: `<${email.id}@${this.from.email.split('@')[1] ?? 'localhost'}>`,
      to: { email: email.to.email, phone: null, name: email.to.name },
      from: this.from,
      replyTo: null,
      subject: email.subject,
      text: email.text,
      html: email.html,
      headers: {},
    });
  }
}
