/** `ETag: "<revision>"` (API.md "Concurrency"). */
export const etagOf = (revision: number): string => `"${revision}"`;
