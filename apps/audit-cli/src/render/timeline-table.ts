import type { TimelineEntry } from '@app/application';

const COLUMNS = [
  { title: '#', of: (entry: TimelineEntry) => String(entry.revision), max: 6 },
  {
    title: 'When (UTC)',
    of: (entry: TimelineEntry) => entry.when.replace('T', ' ').replace(/(\.\d+)?Z$/, ''),
    max: 19,
  },
  { title: 'Who', of: (entry: TimelineEntry) => entry.who, max: 32 },
  { title: 'What', of: (entry: TimelineEntry) => entry.what, max: 56 },
  { title: 'Why', of: (entry: TimelineEntry) => entry.why, max: 72 },
] as const;

const clip = (text: string, width: number): string => (text.length <= width ? text : `${text.slice(0, width - 1)}…`);

/** A plain-text table, one row per event, columns clipped to fit a terminal. */
export function timelineTable(entries: readonly TimelineEntry[]): string {
  const cells = entries.map((entry) =>
    COLUMNS.map((column) => clip(column.of(entry).replace(/\s+/g, ' '), column.max)),
  );
  const widths = COLUMNS.map((column, index) =>
    Math.max(column.title.length, ...cells.map((row) => row[index].length)),
  );
  const line = (row: readonly string[]) =>
    row
      .map((cell, index) => cell.padEnd(widths[index]))
      .join('  ')
      .trimEnd();
  return [
    line(COLUMNS.map((column) => column.title)),
    widths.map((width) => '─'.repeat(width)).join('  '),
    ...cells.map(line),
  ].join('\n');
}
