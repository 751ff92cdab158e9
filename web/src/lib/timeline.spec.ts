import { describe, expect, it } from 'vitest';
import { buildTimeline } from './timeline.ts';
import type { AiDecision, Message, Task, TimelineEntry } from './types.ts';

const entry = (id: string, kind: string, at: string, extra: Partial<TimelineEntry> = {}): TimelineEntry => ({
  id, kind, createdAt: at, fromStatus: null, toStatus: null, trigger: null, reason: null, data: {}, actor: { type: 'SYSTEM', name: 'autopilot', id: null }, ...extra,
});

const decision = (id: string, at: string): AiDecision => ({ id, kind: 'CLASSIFY_REPLY', provider: 'offline', model: 'rules', reasoning: 'Asks about the price', status: 'OK', error: null, latencyMs: 3, createdAt: at });
const message = (id: string): Message => ({ id, leadId: 'l', direction: 'IN', purpose: 'REPLY', status: 'RECEIVED', channel: 'EMAIL', subject: 'Re: hi', text: 'rate kya hai?', fromAddress: 'a@b.in', toAddress: null, sentAt: null, createdAt: '2026-11-01T00:00:02Z', error: null, classification: null });
const task = (id: string, at: string): Task => ({ id, kind: 'ONBOARDING', title: `Task ${id}`, body: null, status: 'OPEN', dueAt: null, createdAt: at, leadId: 'l' });

describe('lead timeline', () => {
  it('joins entries to their message, AI decision and tasks, newest first', () => {
    const items = buildTimeline(
      [
        entry('1', 'TRANSITION', '2026-11-01T00:00:01Z', { toStatus: 'CONTACTED', reason: 'First outreach accepted', trigger: 'OUTREACH_SENT' }),
        entry('2', 'MESSAGE_IN', '2026-11-01T00:00:02Z', { data: { messageId: 'm1' } }),
        entry('3', 'AI_DECISION', '2026-11-01T00:00:03Z', { reason: 'Reply classified as asking_price', data: { decisionId: 'd1' } }),
        entry('4', 'ONBOARDING', '2026-11-01T00:00:05Z', { reason: 'Onboarding started', data: { taskIds: ['t1', 't2'] } }),
      ],
      { messages: [message('m1')], decisions: [decision('d1', '2026-11-01T00:00:03Z')], tasks: [task('t1', '2026-11-01T00:00:05Z'), task('t2', '2026-11-01T00:00:05Z')] },
    );
    expect(items.map((i) => i.id)).toEqual(['4', '3', '2', '1']);
    expect(items[0]?.tasks?.map((t) => t.id)).toEqual(['t1', 't2']);
    expect(items[1]?.decision?.reasoning).toBe('Asks about the price');
    expect(items[2]?.message?.text).toBe('rate kya hai?');
    expect(items[3]).toMatchObject({ tone: 'status', title: 'Moved to Contacted', toStatus: 'CONTACTED' });
    expect(items[1]?.title).toBe('Reply classified as asking price');
  });

  it('reads codes and ids in the server\'s reasons as words, and keeps addresses as they are', () => {
    const [item] = buildTimeline([entry('1', 'NOTE', '2026-11-01T00:00:01Z', { reason: 'Buying intent noted; the lead is already INTERESTED (lead 0190f3a2-7c1e-7b1a-9d3e-2f4c5a6b7c8d) for first_last@mail.in' })], { messages: [], decisions: [], tasks: [] });
    expect(item?.detail).toBe('Buying intent noted; the lead is already Interested for first_last@mail.in');
    const [typed] = buildTimeline([entry('2', 'NOTE', '2026-11-01T00:00:01Z', { data: { body: 'DELETE the old CONTACTED list, not_interested ones too' } })], { messages: [], decisions: [], tasks: [] });
    expect(typed?.detail).toBe('DELETE the old CONTACTED list, not_interested ones too');
  });

  it('adds AI decisions and tasks that no entry names', () => {
    const items = buildTimeline([], { messages: [], decisions: [decision('d9', '2026-11-01T00:00:09Z')], tasks: [task('t9', '2026-11-01T00:00:08Z')] });
    expect(items.map((i) => i.id)).toEqual(['ai-d9', 'task-t9']);
    expect(items[0]?.tone).toBe('ai');
  });

  it('joins a scheduled call or an added task to its entry, once', () => {
    const items = buildTimeline([entry('5', 'TASK', '2026-11-01T00:00:06Z', { reason: 'Call Amit on 2030-03-04 10:00 UTC', data: { taskId: 't5' } })], { messages: [], decisions: [], tasks: [task('t5', '2026-11-01T00:00:06Z')] });
    expect(items.map((i) => i.id)).toEqual(['5']);
    expect(items[0]).toMatchObject({ tone: 'task', title: 'Call Amit on 2030-03-04 10:00 UTC' });
    expect(items[0]?.tasks?.map((t) => t.id)).toEqual(['t5']);
  });

  it('names edited fields', () => {
    const [item] = buildTimeline([entry('1', 'UPDATED', '2026-11-01T00:00:00Z', { data: { before: {}, after: { city: 'Jaipur', contactName: 'Asha' } } })], { messages: [], decisions: [], tasks: [] });
    expect(item?.detail).toBe('Changed: City, Contactname');
  });
});
