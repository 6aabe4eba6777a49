/** Ends every switch over a union: a forgotten case is a compile error, not a silent default. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
