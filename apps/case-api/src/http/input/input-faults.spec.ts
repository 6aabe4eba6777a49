import { inputFaults } from './input-faults';
import { MAX_BODY_DEPTH, MAX_BODY_MEMBERS, MAX_REPORTED_FAULTS, MAX_STRING_UNITS } from './input-limits';

const nested = (depth: number): unknown =>
  Array.from({ length: depth }).reduce<unknown>((inner) => ({ a: [inner] }), 'leaf');
const fields = (input: unknown): string[] => inputFaults(input).map((fault) => fault.field);

describe('inputFaults', () => {
  it('finds nothing in an ordinary body', () => {
    const body = {
      applicant: { familyName: 'Nguyễn-Lefèvre', givenNames: 'Zoë 李' },
      fees: { processing: 155.5 },
      documents: ['csq'],
      notes: 'a\r\n\tb',
    };
    expect(inputFaults(body)).toEqual([]);
  });

  it('names the numbers JSON.parse turned into ±Infinity by their paths', () => {
    expect(inputFaults(JSON.parse('{"fees":{"processing":1e309},"list":[1,-1e309]}'))).toEqual([
      { field: 'fees.processing', message: 'must be a finite number' },
      { field: 'list[1]', message: 'must be a finite number' },
    ]);
  });

  it('counts objects and arrays as levels, without recursion, even 100,000 deep', () => {
    expect(inputFaults(nested(MAX_BODY_DEPTH / 2))).toEqual([]);
    const [fault, ...rest] = inputFaults(nested(100_000));
    expect(rest).toEqual([]);
    expect(fault.message).toBe(`nests objects or arrays deeper than ${MAX_BODY_DEPTH} levels`);
    expect(fault.field).toBe('a[0]'.repeat(MAX_BODY_DEPTH / 2).replace(/\]a/g, '].a'));
  });

  it('refuses an array or an object wider than MAX_BODY_MEMBERS, and accepts one at the limit', () => {
    expect(fields({ documents: Array.from({ length: MAX_BODY_MEMBERS }, () => 'csq') })).toEqual([]);
    expect(inputFaults({ documents: Array.from({ length: MAX_BODY_MEMBERS + 1 }, () => 'csq') })).toEqual([
      { field: 'documents', message: `must have at most ${MAX_BODY_MEMBERS} elements` },
    ]);
    const wide = Object.fromEntries(Array.from({ length: MAX_BODY_MEMBERS + 1 }, (_, index) => [`m${index}`, 1]));
    expect(inputFaults({ applicant: wide })).toEqual([
      { field: 'applicant', message: `must have at most ${MAX_BODY_MEMBERS} members` },
    ]);
  });

  it('refuses an over-long string and forbidden characters, naming the code point and never the text', () => {
    expect(inputFaults({ reason: 'x'.repeat(MAX_STRING_UNITS + 1) })).toEqual([
      { field: 'reason', message: `must be at most ${MAX_STRING_UNITS} characters` },
    ]);
    expect(fields({ reason: 'x'.repeat(MAX_STRING_UNITS) })).toEqual([]);
    const [fault] = inputFaults({ applicant: { familyName: 'Trem\u0000blay' } });
    expect(fault).toEqual({ field: 'applicant.familyName', message: expect.stringContaining('(found U+0000)') });
    expect(fault.message).not.toContain('Trem');
  });

  it.each([
    ['NUL', '\u0000'],
    ['ESC', '\u001b[31m'],
    ['DEL', '\u007f'],
    ['a C1 control', '\u0085'],
    ['a bidi embedding', '\u202a'],
    ['a bidi override', '\u202e'],
    ['a bidi isolate', '\u2066'],
    ['a pop directional isolate', '\u2069'],
    ['a lone high surrogate', '\ud800'],
    ['a lone low surrogate', '\udfff'],
  ])('refuses %s anywhere, free text included', (_, text) => {
    expect(fields({ notes: `before${text}after`, reasons: [`${text}`] })).toEqual(['notes', 'reasons[0]']);
  });

  it('allows tab, line breaks, astral characters and the bidi marks names need (LRM, RLM, ALM)', () => {
    expect(fields({ notes: 'a\tb\nc\rd 😀 \u200e\u200f\u061c شكرا' })).toEqual([]);
  });

  it('names Object.prototype members as unknown fields, and refuses names that are no field name without repeating them', () => {
    const body = JSON.parse('{"__proto__":{"x":1},"applicant":{"constructor":1,"toString":2},"Camille Tremblay":1}');
    expect(inputFaults(body)).toEqual([
      { field: '__proto__', message: 'property __proto__ should not exist' },
      { field: 'applicant.constructor', message: 'property constructor should not exist' },
      { field: 'applicant.toString', message: 'property toString should not exist' },
      { field: '', message: expect.stringContaining('has a property whose name is not a field name') },
    ]);
  });

  it(`stops after ${MAX_REPORTED_FAULTS} faults`, () => {
    const many = Array.from({ length: MAX_BODY_MEMBERS }, () => '\u0000');
    expect(inputFaults({ reasons: many })).toHaveLength(MAX_REPORTED_FAULTS);
  });
});
