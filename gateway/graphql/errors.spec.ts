import { describe, expect, it } from 'vitest';
import { withoutEchoedValue } from './errors.ts';

describe('request errors', () => {
  it('say which variable was invalid and why, without quoting the value back', () => {
    expect(withoutEchoedValue('Variable "$receivedAt" got invalid value "someone@else.in <b>"; DateTime cannot represent an invalid date-time-string someone@else.in <b>.')).toBe(
      'Variable "$receivedAt" got an invalid value; DateTime cannot represent an invalid date-time-string the value.',
    );
    expect(withoutEchoedValue('Variable "$first" got invalid value 5000000000; Int cannot represent non 32-bit signed integer value: 5000000000')).toBe(
      'Variable "$first" got an invalid value; Int cannot represent non 32-bit signed integer value: the value',
    );
    expect(withoutEchoedValue('Variable "$i" got invalid value "bogus" at "i.aiProvider"; Value "bogus" does not exist in "AiProvider" enum.')).toBe(
      'Variable "$i" got an invalid value at "i.aiProvider"; The value does not exist in "AiProvider" enum.',
    );
    expect(withoutEchoedValue('Cannot query field "x" on type "Query".')).toBe('Cannot query field "x" on type "Query".');
  });
});
