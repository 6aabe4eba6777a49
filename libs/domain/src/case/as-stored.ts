/** The stored (JSON round-tripped) form of a value: no `undefined` members, so replay sees exactly what was decided. */
export const asStored = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
