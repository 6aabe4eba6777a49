import fc from 'fast-check';
import type { Seeded } from './fuzz-app';
import type { FuzzRoute } from './openapi-routes';
import { oddString } from './odd-values';

/** Percent-encodes the UTF-8 bytes of any string, lone surrogates included (encodeURIComponent throws on those). */
const percentEncoded = (text: string): string =>
  [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');

/** A path segment that is no id: odd strings, traversal, broken escapes, a 5,000-character segment. */
const oddSegment = fc.oneof(
  fc.uuid(),
  oddString.filter((text) => text.length > 0 && text.length < 60).map(percentEncoded),
  fc.constantFrom(
    '..',
    '%2e%2e%2f%2e%2e',
    '%00',
    '%E0%A4%A',
    '%',
    'A'.repeat(5_000),
    '1e309',
    '-1',
    'NaN',
    '00000000-0000-0000-0000-000000000000',
    'case-view%0d%0aX:1',
  ),
);

const existingValues = (name: string, example: string | null, seeded: Seeded): readonly string[] =>
  name === 'id'
    ? seeded.applicationIds
    : name === 'extensionId'
      ? seeded.extensionIds
      : example === null
        ? []
        : [example];

/** A value for each path parameter: something that exists (seeded ids, the schema's example) or an odd segment. */
function pathValue(name: string, example: string | null, seeded: Seeded): fc.Arbitrary<string> {
  const existing = existingValues(name, example, seeded);
  return existing.length
    ? fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...existing) }, { weight: 1, arbitrary: oddSegment })
    : oddSegment;
}

const oddQueryValue = fc.oneof(
  oddString.filter((text) => text.length < 60).map(percentEncoded),
  fc.constantFrom(
    '',
    '0',
    '-1',
    '1e309',
    'NaN',
    '9007199254740993',
    '2024-02-30T00:00:00Z',
    'include',
    'received',
    '%E0%A4%A',
    'true',
  ),
);

/** A query string from the documented parameters (valid and odd values), unknown and repeated names. */
function queryOf(route: FuzzRoute): fc.Arbitrary<string> {
  const documented = route.queryParams.map((parameter) => parameter.name);
  const unknown = ['x', '__proto__', 'constructor[prototype][polluted]', 'limit[]'];
  const names = [...documented, ...(documented.length ? documented : unknown), ...unknown];
  const examples = route.queryParams.flatMap((parameter) =>
    parameter.example === null ? [] : [`${parameter.name}=${encodeURIComponent(parameter.example)}`],
  );
  const pair = fc.oneof(
    ...(examples.length ? [fc.constantFrom(...examples)] : []),
    fc.tuple(fc.constantFrom(...names), oddQueryValue).map(([name, value]) => `${encodeURIComponent(name)}=${value}`),
  );
  return fc.array(pair, { maxLength: 4 }).map((pairs) => pairs.join('&'));
}

/** A URL with every path parameter naming something that exists, so the request reaches the body's validation and the rules. */
export function existingUrlFor(route: FuzzRoute, seeded: Seeded): fc.Arbitrary<string> {
  const values = fc.tuple(
    ...route.pathParams.map((parameter) => {
      const existing = existingValues(parameter.name, parameter.example, seeded);
      return fc.constantFrom(...(existing.length ? existing : [parameter.name]));
    }),
  );
  return values.map((filled) => filledPath(route, filled));
}

const filledPath = (route: FuzzRoute, filled: readonly string[]): string =>
  route.pathParams.reduce(
    (url, parameter, index) => url.replace(`{${parameter.name}}`, () => filled[index]),
    route.path,
  );

/** A URL for the route: every path parameter filled, sometimes with a query string. */
export function urlFor(route: FuzzRoute, seeded: Seeded): fc.Arbitrary<string> {
  const values = fc.tuple(...route.pathParams.map((parameter) => pathValue(parameter.name, parameter.example, seeded)));
  return fc.tuple(values, queryOf(route)).map(([filled, query]) => {
    const path = filledPath(route, filled);
    return query ? `${path}?${query}` : path;
  });
}

/** The route's path with each parameter naming the first thing that exists (no randomness): for tests that enumerate. */
export const existingPath = (route: FuzzRoute, seeded: Seeded): string =>
  filledPath(
    route,
    route.pathParams.map((parameter) => existingValues(parameter.name, parameter.example, seeded)[0] ?? parameter.name),
  );
