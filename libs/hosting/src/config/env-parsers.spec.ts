import { ConfigError, flag, integer, oneOf } from './env-parsers';

describe('environment values', () => {
  it('integer: unset or blank is the fallback; a whole number in range is read', () => {
    expect(integer('N', undefined, 7, 1, 10)).toBe(7);
    expect(integer('N', '  ', 7, 1, 10)).toBe(7);
    expect(integer('N', '10', 7, 1, 10)).toBe(10);
  });

  it.each(['0', '11', '2.5', '1e1x', 'ten'])('integer: refuses %j, naming the variable and the range', (raw) => {
    expect(() => integer('N', raw, 7, 1, 10)).toThrow(ConfigError);
    expect(() => integer('N', raw, 7, 1, 10)).toThrow(`N="${raw}" must be a whole number from 1 to 10`);
  });

  it('flag: true or false in any case; unset is the fallback; anything else is refused', () => {
    expect(flag('F', undefined, true)).toBe(true);
    expect(flag('F', ' FALSE ', true)).toBe(false);
    expect(flag('F', 'True', false)).toBe(true);
    expect(() => flag('F', 'no', true)).toThrow('F="no" must be true or false');
  });

  it('oneOf: a listed value is kept; any other is refused with the list', () => {
    expect(oneOf('K', 'b', ['a', 'b'])).toBe('b');
    expect(() => oneOf('K', 'c', ['a', 'b'])).toThrow('K="c" is not one of a, b');
  });
});
