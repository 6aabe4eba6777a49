import fc from 'fast-check';
import { PERSONA } from './persona';

/** Strings a client can put in any JSON string: control characters, terminal escapes, bidi overrides, lone surrogates, emoji. */
const ODD_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  '\u001b[31mred\u001b[0m\u001b]0;title\u0007',
  'line\r\nInjected-Header: 1',
  '\r\n\r\n',
  '\u202eevil\u202c',
  '\ud800',
  '\udfff',
  'a\ud83dz',
  '👩‍👩‍👧‍👦🇨🇦',
  '\ufeff',
  '\u2028\u2029',
  'e\u0301\u0301\u0301\u0301',
  '%00%0d%0a',
  '${jndi:ldap://x}',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '__proto__',
  'constructor',
  'toString',
  'NaN',
  '-0',
  '2024-02-30',
  '9999-99-99T99:99:99Z',
  '2024-12-10T15:00:00+99:00',
];

export const oddString = fc.oneof(
  fc.constantFrom(...ODD_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer({ min: 201, max: 70_000 }).map((length) => 'x'.repeat(length)),
  fc.integer({ min: 1, max: 2_000 }).map((count) => 'e\u202e'.repeat(count)),
);

/**
 * Odd values that carry a planted personal value, for personal fields only: the server must not
 * repeat them in an error, however odd the rest of the value (a value elsewhere is not personal).
 */
export const oddPersonalValue = fc.oneof(
  fc
    .constantFrom(...Object.values(PERSONA))
    .chain((value) =>
      fc.constantFrom(
        `${value}\u0000`,
        `\u202e${value}`,
        `${value}\u001b[31m`,
        `${value}\r\n`,
        `${value}${'x'.repeat(5_000)}`,
        ` ${value} `,
        [value],
        { value },
      ),
    ),
  fc.integer({ min: 2, max: 500 }).map((count) => `${PERSONA.familyName}\u202e`.repeat(count)),
);

/** Any JSON value, numbers at the edges, and documents deep or wide enough to hurt a recursive walk. */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  oddString,
  fc.constantFrom(0, -0, -1, 1.5, 2 ** 53 + 1, -(2 ** 63), 1e308, Number.MIN_VALUE, true, false, null, [], {}),
  fc.integer({ min: 33, max: 400 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth))),
  fc.integer({ min: 33, max: 400 }).map((depth) => JSON.parse('{"a":'.repeat(depth) + '1' + '}'.repeat(depth))),
  fc.integer({ min: 1_000, max: 20_000 }).map((length) => Array.from({ length }, (_, index) => index)),
  fc
    .integer({ min: 1_000, max: 5_000 })
    .map((count) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`k${index}`, index]))),
);

/** Well-formed values at the edges of the rules (dates around receipt, leap days, far past and future, fee amounts), so mutations reach the domain's refusals too. */
export const plausibleValue = fc.constantFrom<unknown>(
  '1900-01-01',
  '2000-02-29',
  '2008-12-11',
  '2019-06-01',
  '2024-12-09',
  '2024-12-10',
  '2024-12-11',
  '2025-01-16',
  '2031-01-31',
  '2099-12-31',
  '2024-12-10T15:00:00Z',
  '2024-12-10T14:59:59.999Z',
  '2030-01-01T00:00:00Z',
  'CAN',
  'XXA',
  'ON',
  'QC',
  'paper',
  'IMM5710',
  'spouse',
  'dependent-child',
  'refused',
  'M4',
  0,
  85,
  155,
  -100,
  1,
  36,
  37,
);

const DEPTHS = [33, 1_000, 10_000, 20_000] as const;

/**
 * A request body as bytes on the wire, not only what JSON.stringify can write: numbers JSON.parse
 * turns into Infinity, escapes of lone surrogates, raw control characters, invalid UTF-8, BOMs,
 * form and XML bodies, and bodies past the 1 MiB limit.
 */
export const oddPayload: fc.Arbitrary<string | Buffer> = fc.oneof(
  oddValue.map((value) => JSON.stringify(value)),
  fc.constantFrom(
    '',
    '{',
    'null',
    '"text"',
    '1e309',
    '{"notes":1e309,"reasons":[-1e309]}',
    '{"notes":"a","notes":"b"}',
    '{"notes":"\\ud800"}',
    '{"notes":"raw\u0000nul"}',
    '{"notes":"raw\ttab\nnewline"}',
    '{"__proto__":{"polluted":true},"notes":"x"}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    'notes=x&reasons=y',
    '<notes>x</notes>',
    '\ufeff{}',
    '[]',
  ),
  fc.constantFrom(...DEPTHS).map((depth) => `{"notes":${'['.repeat(depth)}${']'.repeat(depth)}}`),
  fc.constantFrom(...DEPTHS).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.constantFrom(...DEPTHS).map((depth) => `${'{"a":'.repeat(depth)}1e309${'}'.repeat(depth)}`),
  fc.constant(`{"notes":"${'x'.repeat(1_100_000)}"}`),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
  fc.constant(Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d])),
  fc.constant(Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00])),
);
