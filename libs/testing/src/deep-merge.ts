/** Overrides for a fixture: any nested field may be given; `undefined` removes an optional field; arrays replace. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { -readonly [K in keyof T]?: DeepPartial<T[K]> | undefined }
    : T;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A new object: `base` with `overrides` merged in depth (fixtures are never shared mutable objects). */
export function deepMerge<T>(base: T, overrides: DeepPartial<T> | undefined): T {
  if (overrides === undefined) return structuredClone(base);
  if (!isPlainObject(base) || !isPlainObject(overrides)) return structuredClone(overrides as T);
  const merged: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete merged[key];
    else
      merged[key] =
        isPlainObject(value) && isPlainObject(merged[key]) ? deepMerge(merged[key], value) : structuredClone(value);
  }
  return merged as T;
}
