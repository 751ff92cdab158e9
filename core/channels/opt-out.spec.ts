import { describe, expect, it } from 'vitest';
import { keywordOf } from './opt-out.ts';

describe('opt-out keywords', () => {
  it('Twilio\'s keywords, as the whole message, in any case and with punctuation', () => {
    for (const text of ['STOP', 'stop', ' Stop. ', 'STOPALL', 'UNSUBSCRIBE', 'end', 'Quit!', 'CANCEL', 'OPTOUT', 'opt-out', 'REVOKE', 'stop please', 'Please STOP 🙏']) {
      expect(keywordOf(text), text).toBe('opt_out');
    }
  });

  it('Hinglish and Hindi equivalents', () => {
    for (const text of ['band karo', 'Band karo bhai', 'message band kar do', 'ab mat bhejo', 'message mat karo', 'msg mat bhejo please', 'mujhe message mat bhejo', 'मत भेजो', 'मुझे मैसेज मत भेजो', 'बंद करो', 'कृपया संदेश बंद कर दो।']) {
      expect(keywordOf(text), text).toBe('opt_out');
    }
  });

  it('a keyword inside a sentence is an ordinary reply, read by the AI like any other', () => {
    for (const text of ['stop by our office tomorrow', 'Can you end the offer on Friday?', 'mat karo', 'kal call karo', 'price kya hai?', 'यह बंद करो और नया प्लान भेजो', 'don\'t stop', '', '   ', 'send me the proposal']) {
      expect(keywordOf(text), text).toBeNull();
    }
  });

  it('START and UNSTOP opt back in (Twilio\'s convention), in the three languages', () => {
    for (const text of ['START', 'unstop', 'Start please', 'shuru karo', 'फिर से भेजो', 'शुरू करो']) expect(keywordOf(text), text).toBe('opt_in');
    expect(keywordOf('start the project next week')).toBeNull();
  });
});
