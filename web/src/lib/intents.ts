import type { ReplyIntent } from './types.ts';

/** Reply intents, buying signals first. */
export const INTENTS: readonly ReplyIntent[] = ['INTERESTED', 'ASKING_PRICE', 'QUESTION', 'OUT_OF_OFFICE', 'WRONG_PERSON', 'NOT_INTERESTED', 'UNSUBSCRIBE'];

/** The badge colour of an intent: buying intent green, questions blue, dead ends red. */
export function intentTone(intent: ReplyIntent): string {
  switch (intent) {
    case 'INTERESTED':
    case 'ASKING_PRICE':
      return 'badge-green';
    case 'QUESTION':
      return 'badge-indigo';
    case 'OUT_OF_OFFICE':
    case 'WRONG_PERSON':
      return 'badge-amber';
    case 'NOT_INTERESTED':
    case 'UNSUBSCRIBE':
      return 'badge-red';
  }
}
