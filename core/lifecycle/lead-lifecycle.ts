import { DomainError, ErrorCode } from '../errors.ts';
import { TerminalKind, checkMove, reversalRefusal as refusalOfMoveBack, type MoveRefusal, type PipelineRules } from '../pipelines/pipeline-engine.ts';

/** The states of the built-in pipeline (seeds/autopilot-crm-mvp.md "STEP 1: LEAD STATUS FLOW"). */
export const LeadStatus = {
  NEW: 'NEW',
  CONTACTED: 'CONTACTED',
  INTERESTED: 'INTERESTED',
  PROPOSAL_SENT: 'PROPOSAL_SENT',
  PAID: 'PAID',
  LOST: 'LOST',
} as const;
export type LeadStatus = (typeof LeadStatus)[keyof typeof LeadStatus];

/** What caused a transition; stored on every transition record. */
export const TransitionTrigger = {
  OUTREACH_SENT: 'OUTREACH_SENT',
  REPLY_INTERESTED: 'REPLY_INTERESTED',
  MANUAL_OVERRIDE: 'MANUAL_OVERRIDE',
  PROPOSAL_SENT: 'PROPOSAL_SENT',
  PAYMENT_CONFIRMED: 'PAYMENT_CONFIRMED',
  CLOSED_BY_USER: 'CLOSED_BY_USER',
  NOT_INTERESTED: 'NOT_INTERESTED',
  /** The recipient used the unsubscribe link (their own act: never undone). */
  UNSUBSCRIBED: 'UNSUBSCRIBED',
  /** A reply was read as asking to unsubscribe (a classification: undone when it is corrected). */
  ASKED_TO_UNSUBSCRIBE: 'ASKED_TO_UNSUBSCRIBE',
  HARD_BOUNCE: 'HARD_BOUNCE',
  /** An owner or admin reopened a lost lead: back to the status it was lost from (DESIGN.md "Reopening"). */
  REOPENED: 'REOPENED',
} as const;
export type TransitionTrigger = (typeof TransitionTrigger)[keyof typeof TransitionTrigger];

/** Everything a user, an API client or the autopilot can do to a lead. */
export const LeadAction = {
  EDIT: 'EDIT',
  ADD_NOTE: 'ADD_NOTE',
  DELETE: 'DELETE',
  GENERATE_OUTREACH: 'GENERATE_OUTREACH',
  SEND_OUTREACH: 'SEND_OUTREACH',
  SEND_FOLLOW_UP: 'SEND_FOLLOW_UP',
  CLASSIFY_REPLY: 'CLASSIFY_REPLY',
  MARK_INTERESTED: 'MARK_INTERESTED',
  GENERATE_PROPOSAL: 'GENERATE_PROPOSAL',
  SEND_PROPOSAL: 'SEND_PROPOSAL',
  MODIFY_PROPOSAL: 'MODIFY_PROPOSAL',
  SEND_PAYMENT_LINK: 'SEND_PAYMENT_LINK',
  SCHEDULE_CALL: 'SCHEDULE_CALL',
  ONBOARD: 'ONBOARD',
  CREATE_TASK: 'CREATE_TASK',
  MANAGE_CLIENT: 'MANAGE_CLIENT',
  CLOSE_AS_LOST: 'CLOSE_AS_LOST',
  REOPEN: 'REOPEN',
} as const;
export type LeadAction = (typeof LeadAction)[keyof typeof LeadAction];

export interface StateDefinition {
  state: LeadStatus;
  initial: boolean;
  terminal: boolean;
  /** Actions available in this state, in the order a client should show them. */
  allowed: readonly LeadAction[];
}

export interface TransitionDefinition {
  from: LeadStatus;
  to: LeadStatus;
  triggers: readonly TransitionTrigger[];
  /**
   * Set on the only backward moves there are (reopening): the move goes back to the status the lead
   * left for `from`, and only when the trigger that brought it to `from` is one of these.
   */
  reverses?: readonly TransitionTrigger[];
}

/** A pipeline is data: the states, the legal moves, and the actions each state allows. */
export interface PipelineDefinition {
  key: string;
  states: readonly StateDefinition[];
  transitions: readonly TransitionDefinition[];
  /** Actions that move a lead, with the move they make. */
  actionMoves: Partial<Record<LeadAction, { to: LeadStatus; trigger: TransitionTrigger }>>;
  /** How a lead reaches a state that no user action moves it to (shown when a user tries). */
  reachedBy: Partial<Record<LeadStatus, string>>;
  /** How the terminal states end a lead (won or lost), for the engine every pipeline runs on. */
  outcomes: Partial<Record<LeadStatus, TerminalKind>>;
}

const { NEW, CONTACTED, INTERESTED, PROPOSAL_SENT, PAID, LOST } = LeadStatus;
const A = LeadAction;
const closing = [
  TransitionTrigger.CLOSED_BY_USER,
  TransitionTrigger.NOT_INTERESTED,
  TransitionTrigger.UNSUBSCRIBED,
  TransitionTrigger.HARD_BOUNCE,
  TransitionTrigger.ASKED_TO_UNSUBSCRIBE,
] as const;
/** Closes that people or a classification decided, so people may undo them; the recipient's own unsubscribe and a hard bounce are final. */
const reopenable = [TransitionTrigger.CLOSED_BY_USER, TransitionTrigger.NOT_INTERESTED, TransitionTrigger.ASKED_TO_UNSUBSCRIBE] as const;
const reopening = { triggers: [TransitionTrigger.REOPENED], reverses: reopenable } as const;

/** The built-in lifecycle: NEW → CONTACTED → INTERESTED → PROPOSAL_SENT → PAID, and LOST from any but PAID. */
export const defaultPipeline: PipelineDefinition = {
  key: 'default',
  states: [
    { state: NEW, initial: true, terminal: false, allowed: [A.GENERATE_OUTREACH, A.SEND_OUTREACH, A.EDIT, A.ADD_NOTE, A.DELETE, A.CLOSE_AS_LOST] },
    { state: CONTACTED, initial: false, terminal: false, allowed: [A.SEND_FOLLOW_UP, A.CLASSIFY_REPLY, A.MARK_INTERESTED, A.EDIT, A.ADD_NOTE, A.CLOSE_AS_LOST] },
    { state: INTERESTED, initial: false, terminal: false, allowed: [A.GENERATE_PROPOSAL, A.SEND_PROPOSAL, A.SCHEDULE_CALL, A.EDIT, A.ADD_NOTE, A.CLOSE_AS_LOST] },
    { state: PROPOSAL_SENT, initial: false, terminal: false, allowed: [A.SEND_PAYMENT_LINK, A.SEND_FOLLOW_UP, A.MODIFY_PROPOSAL, A.EDIT, A.ADD_NOTE, A.CLOSE_AS_LOST] },
    { state: PAID, initial: false, terminal: true, allowed: [A.ONBOARD, A.CREATE_TASK, A.MANAGE_CLIENT, A.EDIT, A.ADD_NOTE] },
    // Terminal for automation. REOPEN comes from the reversing moves, for a lead whose close may be undone (see reopen.ts).
    { state: LOST, initial: false, terminal: true, allowed: [A.ADD_NOTE, A.DELETE] },
  ],
  transitions: [
    { from: NEW, to: CONTACTED, triggers: [TransitionTrigger.OUTREACH_SENT] },
    { from: CONTACTED, to: INTERESTED, triggers: [TransitionTrigger.REPLY_INTERESTED, TransitionTrigger.MANUAL_OVERRIDE] },
    { from: INTERESTED, to: PROPOSAL_SENT, triggers: [TransitionTrigger.PROPOSAL_SENT] },
    { from: PROPOSAL_SENT, to: PAID, triggers: [TransitionTrigger.PAYMENT_CONFIRMED] },
    { from: NEW, to: LOST, triggers: closing },
    { from: CONTACTED, to: LOST, triggers: closing },
    { from: INTERESTED, to: LOST, triggers: closing },
    { from: PROPOSAL_SENT, to: LOST, triggers: closing },
    { from: LOST, to: NEW, ...reopening },
    { from: LOST, to: CONTACTED, ...reopening },
    { from: LOST, to: INTERESTED, ...reopening },
    { from: LOST, to: PROPOSAL_SENT, ...reopening },
  ],
  actionMoves: {
    [A.MARK_INTERESTED]: { to: INTERESTED, trigger: TransitionTrigger.MANUAL_OVERRIDE },
    [A.CLOSE_AS_LOST]: { to: LOST, trigger: TransitionTrigger.CLOSED_BY_USER },
  },
  outcomes: { PAID: TerminalKind.WON, LOST: TerminalKind.LOST },
  reachedBy: {
    NEW: 'A lead is NEW only when it is created; it never goes back.',
    CONTACTED: 'A lead becomes CONTACTED when its first outreach is accepted by the channel (sendOutreach, or the autopilot).',
    PROPOSAL_SENT: 'A lead becomes PROPOSAL_SENT when its proposal is sent (sendProposal, or the autopilot).',
    PAID: 'A lead becomes PAID only when a verified payment arrives from the payment provider.',
  },
};

/** The user action that moves a lead to `to`, if any: what dragging a card onto a column means. */
export function actionMovingTo(to: LeadStatus, pipeline: PipelineDefinition = defaultPipeline): LeadAction | null {
  const entry = Object.entries(pipeline.actionMoves).find(([, move]) => move?.to === to);
  return (entry?.[0] as LeadAction | undefined) ?? null;
}

function stateOf(pipeline: PipelineDefinition, status: LeadStatus): StateDefinition {
  const state = pipeline.states.find((candidate) => candidate.state === status);
  if (!state) throw new Error(`Pipeline ${pipeline.key} has no state ${status}`);
  return state;
}

export function initialState(pipeline: PipelineDefinition = defaultPipeline): LeadStatus {
  const initial = pipeline.states.find((state) => state.initial);
  if (!initial) throw new Error(`Pipeline ${pipeline.key} has no initial state`);
  return initial.state;
}

export function allowedActions(status: LeadStatus, pipeline: PipelineDefinition = defaultPipeline): readonly LeadAction[] {
  return stateOf(pipeline, status).allowed;
}

export function isActionAllowed(status: LeadStatus, action: LeadAction, pipeline: PipelineDefinition = defaultPipeline): boolean {
  return stateOf(pipeline, status).allowed.includes(action);
}

export function findTransition(
  from: LeadStatus,
  to: LeadStatus,
  pipeline: PipelineDefinition = defaultPipeline,
): TransitionDefinition | undefined {
  return pipeline.transitions.find((transition) => transition.from === from && transition.to === to);
}

function describeState(status: LeadStatus, pipeline: PipelineDefinition): string {
  const actions = allowedActions(status, pipeline);
  return `The lead is ${status}; allowed actions: ${actions.length ? actions.join(', ') : 'none'}.`;
}

/** Throws ACTION_NOT_ALLOWED, naming the state and what it does allow, unless `action` is allowed. */
export function assertActionAllowed(status: LeadStatus, action: LeadAction, pipeline: PipelineDefinition = defaultPipeline): void {
  if (isActionAllowed(status, action, pipeline)) return;
  throw new DomainError(ErrorCode.ACTION_NOT_ALLOWED, `${action} is not allowed on a ${status} lead. ${describeState(status, pipeline)}`, {
    status,
    action,
    allowedActions: allowedActions(status, pipeline),
  });
}

/** Where a lead stands and how it got there: a move back (a reopen) depends on both. */
export interface LeadPosition {
  status: LeadStatus;
  /** The status the lead left for this one; null for a lead that never moved. */
  previousStatus: LeadStatus | null;
  /** What moved the lead into this status; null for a lead that never moved (or moved by hand in SQL). */
  statusTrigger: TransitionTrigger | null;
}

/** Closes nobody may undo, and why, in the words a user reads. */
const finalCloses: Partial<Record<TransitionTrigger, string>> = {
  HARD_BOUNCE: 'its email address bounced (a hard bounce), so it cannot be reopened',
  UNSUBSCRIBED: 'the recipient unsubscribed with the link in an email, so it cannot be reopened',
};

const rulesCache = new WeakMap<PipelineDefinition, PipelineRules<LeadStatus, TransitionTrigger>>();

/** The lifecycle as the pipeline engine reads it: its states in order, every move listed, no move policy. */
export function lifecycleRules(pipeline: PipelineDefinition = defaultPipeline): PipelineRules<LeadStatus, TransitionTrigger> {
  let rules = rulesCache.get(pipeline);
  if (!rules) {
    const stages = pipeline.states.map((state, index) => ({ key: state.state, position: index + 1, terminal: pipeline.outcomes[state.state] ?? TerminalKind.NONE, retired: false }));
    rules = { key: pipeline.key, stages, transitions: pipeline.transitions, policy: null };
    rulesCache.set(pipeline, rules);
  }
  return rules;
}

/** A refusal of the engine in the words a lead's user reads. */
function refusalWords(refusal: MoveRefusal<LeadStatus, TransitionTrigger>, from: LeadStatus, trigger: TransitionTrigger): string {
  switch (refusal.reason) {
    case 'WRONG_TRIGGER':
      return `${trigger} cannot cause it`;
    case 'NO_ORIGIN':
      return 'the lead has no earlier status to return to';
    case 'NOT_ORIGIN':
      return `a lead goes back only to the status it was ${from} from (${refusal.origin})`;
    case 'NOT_REVERSIBLE':
      return (refusal.reachedBy && finalCloses[refusal.reachedBy]) ?? 'it was not closed by a person or by a reply classification, so it cannot be reopened';
    default:
      return 'no such move exists (no skipping states, no moving backwards)';
  }
}

/**
 * Throws ILLEGAL_TRANSITION unless `from → to` is a move of the pipeline that `trigger` may cause.
 * A move back (a reopen) also needs the lead's history (`origin`): it returns only to where the lead was.
 */
export function assertTransition(
  from: LeadStatus,
  to: LeadStatus,
  trigger: TransitionTrigger,
  pipeline: PipelineDefinition = defaultPipeline,
  origin: Omit<LeadPosition, 'status'> | null = null,
): TransitionDefinition {
  const check = checkMove(lifecycleRules(pipeline), { stage: from, cameFrom: origin?.previousStatus ?? null, reachedBy: origin?.statusTrigger ?? null }, to, trigger);
  if (check.ok) return check.transition;
  throw new DomainError(ErrorCode.ILLEGAL_TRANSITION, `Cannot move a lead from ${from} to ${to}: ${refusalWords(check.refusal, from, trigger)}. ${describeState(from, pipeline)}`, {
    status: from,
    to,
    trigger,
    allowedActions: allowedActions(from, pipeline),
  });
}

/** `assertTransition` for a lead as it is: its history decides the moves back. */
export function assertMove(lead: LeadPosition, to: LeadStatus, trigger: TransitionTrigger, pipeline: PipelineDefinition = defaultPipeline): TransitionDefinition {
  return assertTransition(lead.status, to, trigger, pipeline, lead);
}

/** The reopen of a lead: back to where it was lost from; null and the reason when it cannot be. */
export function reopenMove(lead: LeadPosition, pipeline: PipelineDefinition = defaultPipeline): { to: LeadStatus; trigger: TransitionTrigger } | { refused: string } {
  const back = pipeline.transitions.find((t) => t.from === lead.status && t.reverses && t.to === lead.previousStatus)
    ?? pipeline.transitions.find((t) => t.from === lead.status && t.reverses);
  if (!back) return { refused: `only a lost lead can be reopened, and this lead is ${lead.status}` };
  const refusal = refusalOfMoveBack(back, lead.previousStatus ?? back.to, { cameFrom: lead.previousStatus, reachedBy: lead.statusTrigger });
  return refusal ? { refused: refusalWords(refusal, back.from, TransitionTrigger.REOPENED) } : { to: back.to, trigger: TransitionTrigger.REOPENED };
}

/** What the lifecycle offers on this lead now: its state's actions, and REOPEN where its close may be undone. */
export function leadActions(lead: LeadPosition, pipeline: PipelineDefinition = defaultPipeline): LeadAction[] {
  const actions = [...allowedActions(lead.status, pipeline)];
  return 'to' in reopenMove(lead, pipeline) ? [LeadAction.REOPEN, ...actions] : actions;
}

/** The reopen move, or a typed refusal saying why this lead cannot be reopened. */
export function planReopen(lead: LeadPosition, pipeline: PipelineDefinition = defaultPipeline): { to: LeadStatus; trigger: TransitionTrigger } {
  const move = reopenMove(lead, pipeline);
  if ('to' in move) return move;
  const code = pipeline.transitions.some((t) => t.from === lead.status && t.reverses) ? ErrorCode.ACTION_NOT_ALLOWED : ErrorCode.ILLEGAL_TRANSITION;
  throw new DomainError(code, `This lead cannot be reopened: ${move.refused}.`, { status: lead.status, action: LeadAction.REOPEN, allowedActions: leadActions(lead, pipeline) });
}

/** The move a state-changing action makes from `status`, checked against the pipeline. */
export function planActionMove(
  status: LeadStatus,
  action: LeadAction,
  pipeline: PipelineDefinition = defaultPipeline,
): { to: LeadStatus; trigger: TransitionTrigger } {
  const move = pipeline.actionMoves[action];
  if (!move) throw new Error(`${action} does not move a lead`);
  if (status === move.to) {
    throw new DomainError(ErrorCode.ILLEGAL_TRANSITION, `The lead is already ${status}. ${describeState(status, pipeline)}`, {
      status,
      to: move.to,
      allowedActions: allowedActions(status, pipeline),
    });
  }
  assertTransition(status, move.to, move.trigger, pipeline);
  assertActionAllowed(status, action, pipeline);
  return move;
}
