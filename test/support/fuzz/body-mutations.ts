import fc from 'fast-check';
import { isPersonalPath } from '@app/personal-data';
import { oddPersonalValue, oddString, oddValue, plausibleValue } from './odd-values';

type Path = readonly (string | number)[];

/** Names that JavaScript objects already carry: an unknown field by one of these names must be refused like any other. */
const PROTOTYPE_NAMES = [
  '__proto__',
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'prototype',
  'then',
] as const;

/** A value of another JSON type than the one it replaces. */
const wrongTypeFor = (current: unknown): fc.Arbitrary<unknown> => {
  const types: unknown[] = [42, 'text', true, null, [], {}, [current], { value: current }];
  return fc.constantFrom(
    ...types.filter(
      (candidate) => typeof candidate !== typeof current || Array.isArray(candidate) !== Array.isArray(current),
    ),
  );
};

type Mutation = Readonly<{ description: string; body: unknown }>;

/**
 * The valid body with exactly one change: one member removed, replaced by a value of another type
 * or an odd value, or one unknown member added (prototype names included) — so validation is
 * reached at every depth instead of stopping at the first field.
 */
export function mutationOf(valid: unknown): fc.Arbitrary<Mutation> {
  const paths = pathsOf(valid);
  const objectPaths = [[], ...paths.filter((path) => isObject(valueAt(valid, path)))];
  const atMember = fc.constantFrom(...(paths.length ? paths : [[]])).chain((path) =>
    fc.oneof(
      fc.constant({ description: `remove ${show(path)}`, body: path.length ? removed(valid, path) : undefined }),
      wrongTypeFor(valueAt(valid, path)).map((value) => ({
        description: `${show(path)} = wrong type ${preview(value)}`,
        body: replaced(valid, path, value),
      })),
      oddValueAt(path).map((value) => ({
        description: `${show(path)} = ${preview(value)}`,
        body: replaced(valid, path, value),
      })),
    ),
  );
  const extraMember = fc
    .tuple(
      fc.constantFrom(...objectPaths),
      fc.oneof(
        fc.constantFrom(...PROTOTYPE_NAMES),
        oddString.filter((name) => name.length < 100),
      ),
      oddValue,
    )
    .map(([path, name, value]) => ({
      description: `add ${show([...path, name])} = ${preview(value)}`,
      body: added(valid, path, name, value),
    }));
  const wholeBody = fc
    .oneof(wrongTypeFor(valid), fc.constant(JSON.stringify(valid)))
    .map((value) => ({ description: `(body) = ${preview(value)}`, body: value }));
  return fc.oneof(
    { weight: 4, arbitrary: atMember },
    { weight: 2, arbitrary: extraMember },
    { weight: 1, arbitrary: wholeBody },
  );
}

/** Odd values, and in a personal field (docs/privacy.md) odd values that carry a planted personal value. */
const oddValueAt = (path: Path): fc.Arbitrary<unknown> =>
  isPersonalPath(path.filter((key): key is string => typeof key === 'string'))
    ? fc.oneof(oddValue, plausibleValue, oddPersonalValue)
    : fc.oneof(oddValue, plausibleValue);

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Every member of every object and every element of every array, at any depth. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value))
    return value.flatMap((element, index) => [[...prefix, index], ...pathsOf(element, [...prefix, index])]);
  if (isObject(value))
    return Object.entries(value).flatMap(([name, member]) => [
      [...prefix, name],
      ...pathsOf(member, [...prefix, name]),
    ]);
  return [];
}

const valueAt = (value: unknown, path: Path): unknown =>
  path.reduce<unknown>((at, key) => (at as Record<string | number, unknown> | undefined)?.[key], value);

/** A copy of `value` with `change` applied to the container at `path` (copies along the path only; own properties, so `__proto__` stays data). */
function edited(
  value: unknown,
  path: Path,
  change: (container: Record<string | number, unknown>, key: string | number) => void,
): unknown {
  const [key, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) }) as Record<
    string | number,
    unknown
  >;
  if (rest.length === 0) change(copy, key);
  else define(copy, key, edited(copy[key], rest, change));
  return copy;
}

const define = (container: Record<string | number, unknown>, key: string | number, value: unknown): void => {
  Object.defineProperty(container, key, { value, enumerable: true, writable: true, configurable: true });
};

const removed = (value: unknown, path: Path): unknown =>
  edited(value, path, (container, key) =>
    Array.isArray(container) ? container.splice(Number(key), 1) : delete container[key],
  );
const replaced = (value: unknown, path: Path, replacement: unknown): unknown =>
  path.length ? edited(value, path, (container, key) => define(container, key, replacement)) : replacement;
const added = (value: unknown, path: Path, name: string, member: unknown): unknown =>
  path.length
    ? edited(value, path, (container) => define(container, name, member))
    : edited(value, [name], (container) => define(container, name, member));

const show = (path: Path): string => (path.length ? path.join('.') : '(body)');

/** A short, single-line picture of a value for a failure message. */
export const preview = (value: unknown): string => {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 80)}…(${text.length} chars)` : text;
};
