import { describe, expect, it } from 'vitest';
import { suppressionReason, type Suppression } from '../channels/suppressions.ts';
import { blockingSuppression, closingReplyOf } from './lead-reopen.ts';
import type { TimelineEntry } from './lead.types.ts';

const entry = (data: Record<string, unknown>): TimelineEntry => ({
  id: 'e1', leadId: 'l1', kind: 'TRANSITION', actor: { type: 'system', id: null, name: 'offline' }, fromStatus: 'CONTACTED', toStatus: 'LOST', trigger: 'NOT_INTERESTED', reason: null, data, createdAt: new Date(0),
});
const suppression = (over: Partial<Suppression>): Suppression => ({ address: 'a@b.in', reason: 'unsubscribe', leadId: 'l1', messageId: null, ...over });

describe('what keeps a lost lead closed', () => {
  it('reads the closing reply from the closing move', () => {
    expect(closingReplyOf(entry({ messageId: 'm1' }))).toBe('m1');
    expect(closingReplyOf(entry({}))).toBeNull();
    expect(closingReplyOf(null)).toBeNull();
  });

  it('a suppression its own closing classification added does not block (the reopen lifts it); any other does', () => {
    const own = suppression({ messageId: 'm1' });
    expect(blockingSuppression([own], 'm1')).toBeNull();
    expect(blockingSuppression([], 'm1')).toBeNull();
    const link = suppression({ messageId: null });
    expect(blockingSuppression([own, link], 'm1')).toBe(link);
    expect(blockingSuppression([own], null)).toBe(own);
    const bounce = suppression({ reason: 'bounce' });
    expect(blockingSuppression([bounce], 'm1')).toBe(bounce);
    const otherReply = suppression({ messageId: 'm2' });
    expect(blockingSuppression([otherReply], 'm1')).toBe(otherReply);
  });

  it('says why in words, never with ids', () => {
    expect(suppressionReason(suppression({}))).toBe('a@b.in unsubscribed with the link in an email');
    expect(suppressionReason(suppression({ messageId: 'm2' }))).toContain("correct that reply's classification in the inbox first");
    expect(suppressionReason(suppression({ reason: 'bounce' }))).toContain('bounced');
    expect(suppressionReason(suppression({ reason: 'complaint', messageId: 'm9' }))).not.toContain('m9');
  });
});
