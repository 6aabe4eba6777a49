/**
 * Which of `parts` fold threads folds a stream's events (fold-thread.ts): the last character's code
 * point modulo `parts` (0 for an empty name), the same as STREAM_PART_SQL computes in SQLite when the threads read the
 * log themselves, so that a stream always goes to the same thread whichever way its events come.
 */
export function streamPart(streamName: string, parts: number): number {
  if (streamName === '') return 0;
  const end = streamName.length - 1;
  const last = streamName.charCodeAt(end);
  const high = end > 0 ? streamName.charCodeAt(end - 1) : 0;
  const isPair = last >= 0xdc00 && last <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
  return (isPair ? (high - 0xd800) * 0x400 + (last - 0xdc00) + 0x10000 : last) % parts;
}

/** streamPart in SQLite's terms, for a query of the events table with the number of parts and the part as parameters. */
export const STREAM_PART_SQL = 'coalesce(unicode(substr(stream_name, -1)), 0) % ? = ?';
