import { scrub } from './error-words.ts';
import { humanize } from './format.ts';
import { statusLabel } from './status.ts';
import type { AiDecision, Message, Task, TimelineEntry } from './types.ts';

export type TimelineTone = 'status' | 'message-out' | 'message-in' | 'ai' | 'proposal' | 'payment' | 'task' | 'note' | 'neutral' | 'failure';

/** One row of a lead's timeline, with whatever it refers to (a message, an AI decision, tasks). */
export interface TimelineItem {
  id: string;
  at: string;
  tone: TimelineTone;
  title: string;
  detail: string | null;
  actor: string | null;
  toStatus: string | null;
  message?: Message;
  decision?: AiDecision;
  tasks?: Task[];
}

const idOf = (data: Record<string, unknown>, key: string): string | null => (typeof data[key] === 'string' ? (data[key] as string) : null);

function describe(entry: TimelineEntry): Pick<TimelineItem, 'tone' | 'title' | 'detail'> {
  const data = entry.data ?? {};
  switch (entry.kind) {
    case 'CREATED':
      return { tone: 'neutral', title: data.via === 'import' ? 'Imported from a CSV file' : 'Lead created', detail: entry.reason };
    case 'UPDATED': {
      const after = (data.after ?? {}) as Record<string, unknown>;
      const fields = Object.keys(after).map(humanize);
      return { tone: 'neutral', title: 'Details edited', detail: fields.length ? `Changed: ${fields.join(', ')}` : entry.reason };
    }
    case 'NOTE':
      return { tone: 'note', title: 'Note', detail: typeof data.body === 'string' ? data.body : entry.reason };
    case 'TRANSITION':
      return { tone: 'status', title: `Moved to ${statusLabel(entry.toStatus)}`, detail: [entry.reason, entry.trigger ? humanize(entry.trigger) : null].filter(Boolean).join(' · ') || null };
    case 'MESSAGE_OUT':
      return { tone: 'message-out', title: entry.reason ?? 'Email sent', detail: null };
    case 'MESSAGE_IN':
      return { tone: 'message-in', title: 'Reply received', detail: entry.reason };
    case 'AI_DECISION':
      return { tone: 'ai', title: entry.reason ?? 'AI decision', detail: null };
    case 'PROPOSAL':
      return { tone: 'proposal', title: entry.reason ?? 'Proposal written', detail: null };
    case 'PAYMENT':
      return { tone: 'payment', title: entry.reason ?? 'Payment', detail: null };
    case 'ONBOARDING':
      return { tone: 'task', title: entry.reason ?? 'Onboarding started', detail: null };
    case 'TASK':
    case 'FOLLOW_UP':
      return { tone: 'task', title: entry.reason ?? humanize(entry.kind), detail: null };
    case 'FAILURE':
      return { tone: 'failure', title: entry.reason ?? 'Something failed', detail: null };
    default:
      return { tone: 'neutral', title: entry.reason ?? humanize(entry.kind), detail: null };
  }
}

/**
 * The whole story of a lead, newest first: every history entry, joined to the message, AI decision
 * or tasks it names; AI decisions and tasks that no entry names are added as rows of their own.
 */
export function buildTimeline(entries: TimelineEntry[], related: { messages: Message[]; decisions: AiDecision[]; tasks: Task[] }): TimelineItem[] {
  const messages = new Map(related.messages.map((m) => [m.id, m]));
  const decisions = new Map(related.decisions.map((d) => [d.id, d]));
  const tasks = new Map(related.tasks.map((t) => [t.id, t]));
  const usedDecisions = new Set<string>();
  const usedTasks = new Set<string>();

  const items: TimelineItem[] = entries.map((entry) => {
    const data = entry.data ?? {};
    const told = describe(entry);
    // Reasons are written by the server for every client: codes and ids read as words here (a note is left as typed).
    const note = entry.kind === 'NOTE' && typeof data.body === 'string';
    const item: TimelineItem = { id: entry.id, at: entry.createdAt, actor: entry.actor?.name ?? null, toStatus: entry.toStatus, ...told, title: scrub(told.title), detail: told.detail === null || note ? told.detail : scrub(told.detail) };
    const messageId = idOf(data, 'messageId');
    if (messageId && messages.has(messageId) && (entry.kind === 'MESSAGE_OUT' || entry.kind === 'MESSAGE_IN')) item.message = messages.get(messageId);
    const decisionId = idOf(data, 'decisionId');
    if (decisionId && decisions.has(decisionId)) {
      item.decision = decisions.get(decisionId);
      usedDecisions.add(decisionId);
    }
    // Onboarding names its tasks (taskIds); a scheduled call or an added task names one (taskId).
    const taskId = idOf(data, 'taskId');
    const taskIds: unknown[] = Array.isArray(data.taskIds) ? data.taskIds : taskId ? [taskId] : [];
    if (taskIds.length) {
      item.tasks = taskIds.flatMap((id) => (typeof id === 'string' && tasks.has(id) ? [tasks.get(id) as Task] : []));
      for (const task of item.tasks) usedTasks.add(task.id);
    }
    return item;
  });

  for (const decision of related.decisions) {
    if (usedDecisions.has(decision.id)) continue;
    items.push({ id: `ai-${decision.id}`, at: decision.createdAt, tone: decision.status === 'FAILED' ? 'failure' : 'ai', title: `AI: ${humanize(decision.kind)}`, detail: null, actor: `${decision.provider}/${decision.model}`, toStatus: null, decision });
  }
  for (const task of related.tasks) {
    if (usedTasks.has(task.id)) continue;
    items.push({ id: `task-${task.id}`, at: task.createdAt, tone: 'task', title: `Task: ${task.title}`, detail: task.body, actor: null, toStatus: null, tasks: [task] });
  }
  return items.sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
}
