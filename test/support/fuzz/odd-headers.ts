import fc from 'fast-check';
import { KEYS, type KeyRole } from '../test-app';

const ROLE_KEYS = fc
  .constantFrom<KeyRole | null>('intake', 'otherIntake', 'officer', 'auditor', 'admin', null)
  .map((role) => ({
    role,
    authorization: role ? `Bearer ${KEYS[role]}` : undefined,
  }));
const NOT_QUITE_KEYS = fc
  .constantFrom(
    'Bearer ',
    'Bearer wrong-key',
    `bearer ${KEYS.officer}`,
    `Bearer ${KEYS.admin} `,
    `Basic ${Buffer.from('admin:admin').toString('base64')}`,
    `Bearer ${'k'.repeat(10_000)}`,
  )
  .map((authorization) => ({ role: null, authorization }));

/** Each role's key or none, mostly; keys that are not quite keys, sometimes (they stop at the guard). */
export const caller = fc.oneof({ weight: 5, arbitrary: ROLE_KEYS }, { weight: 1, arbitrary: NOT_QUITE_KEYS });

/** JSON under other names, and bodies that are not JSON at all. */
const JSON_CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'Application/JSON'] as const;
export const NON_JSON_CONTENT_TYPES = [
  'text/plain',
  'text/plain; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/octet-stream',
] as const;
const ODD_CONTENT_TYPES = [
  '',
  'application/json; charset=latin1',
  'application/problem+json',
  'application/jsonx',
  'json',
  '*/*',
  'application/json, text/plain',
] as const;

/** Content-Type or none; `json` says whether the server may read the body as JSON. */
export const contentType = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...JSON_CONTENT_TYPES).map((value) => ({ value, json: true })) },
  { weight: 2, arbitrary: fc.constantFrom(...NON_JSON_CONTENT_TYPES).map((value) => ({ value, json: false })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom<string | undefined>(...ODD_CONTENT_TYPES, undefined)
      .map((value) => ({ value, json: null })),
  },
);

/** Header values cannot carry CR or LF (the client would split the header); everything else goes. */
export const headerSafe = (text: string): string => text.replace(/[\r\n]/g, '');

/** Idempotency-Key values: ordinary, at and past the 200-character limit, empty, control characters, non-ASCII. */
export const idempotencyKey = fc.option(
  fc.oneof(
    fc.uuid(),
    fc.constantFrom(
      '',
      ' ',
      'k'.repeat(200),
      'k'.repeat(201),
      'k'.repeat(8_000),
      '\u0000',
      '\u001b[2J',
      'ключ-🔑',
      '\u202ekey',
      'a, b',
      '"quoted"',
    ),
    fc.string({ unit: 'binary', maxLength: 60 }).map(headerSafe),
  ),
  { nil: undefined },
);

/** If-Match values: strong and weak tags, `*`, lists, unquoted numbers and garbage. */
export const ifMatch = fc.option(
  fc.oneof(
    fc.constantFrom(
      'W/"1"',
      'W/"2"',
      '*',
      'W/*',
      '"1"',
      '"2"',
      '"0"',
      '"-1"',
      '"01"',
      '"1.0"',
      '1',
      '""',
      '"',
      '"1", "2"',
      'W/"1", "1"',
      '"abc"',
      '"99999999999999999999999"',
      '"1e3"',
    ),
    fc.string({ unit: 'binary', maxLength: 30 }).map(headerSafe),
  ),
  { nil: undefined },
);

/** If-Match values that do not name `revision` by strong comparison (RFC 9110 §13.1.1): a command must not run under any of them. */
export const NON_MATCHING_IF_MATCH = (revision: number): readonly string[] => [
  `W/"${revision}"`,
  `W/"${revision}", W/"${revision + 1}"`,
  `"${revision + 1}"`,
  `"${revision - 1}"`,
  `"0${revision}"`,
  `"${revision}.0"`,
  `${revision}`,
  `" ${revision}"`,
  `"${revision}`,
  '""',
  'W/*',
  'garbage',
  `"${revision}x"`,
];
