/**
 * The difference between two ApplicationViews, field by field: each leaf named by its path
 * (`biometrics.letter.dueBy`, `screening[2].outcome`), compared by value.
 */

/** Every leaf of a view by its path; an empty object or list is a leaf of its own. */
export function fieldsOf(value, path = '', into = new Map()) {
  if (value === null || typeof value !== 'object') {
    into.set(path, value);
    return into;
  }
  const entries = Array.isArray(value)
    ? value.map((item, index) => [`${path}[${index}]`, item])
    : Object.entries(value).map(([key, item]) => [path ? `${path}.${key}` : key, item]);
  if (entries.length === 0) into.set(path, value);
  for (const [childPath, item] of entries) fieldsOf(item, childPath, into);
  return into;
}

/** The revision number itself always differs: the caption names both, the rows do not repeat it. */
const IGNORED = new Set(['revision']);

/** The fields that differ: `added` (absent before), `removed` (absent after) or `changed`. */
export function fieldDiff(before, after) {
  const was = fieldsOf(before ?? {});
  const is = fieldsOf(after ?? {});
  const paths = [...new Set([...was.keys(), ...is.keys()])].filter((path) => !IGNORED.has(path));
  return paths
    .filter((path) => !was.has(path) || !is.has(path) || JSON.stringify(was.get(path)) !== JSON.stringify(is.get(path)))
    .map((path) => ({
      field: path,
      before: was.get(path),
      after: is.get(path),
      change: !was.has(path) ? 'added' : !is.has(path) ? 'removed' : 'changed',
    }));
}
