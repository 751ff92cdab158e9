import { describe, expect, it } from 'vitest';
import { createSendGridChannel } from './index.ts';

describe('createSendGridChannel', () => {
  it('builds the SendGrid channel from settings', () => {
    expect(createSendGridChannel({ apiKey: 'SG.k', baseUrl: null })).toMatchObject({ id: 'sendgrid', kind: 'email' });
    expect(createSendGridChannel({ apiKey: 'SG.k', baseUrl: 'http://127.0.0.1:9' }).id).toBe('sendgrid');
  });

  it('says so when the API key is missing', () => {
    expect(() => createSendGridChannel({})).toThrow(/sendgrid: an API key is required/);
    expect(() => createSendGridChannel({ apiKey: null })).toThrow(/API key/);
  });
});
