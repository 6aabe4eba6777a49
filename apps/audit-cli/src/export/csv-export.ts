import type { CaseExport } from './case-export';

const HEADER = [
  'revision',
  'position',
  'recordedAt',
  'type',
  'actor',
  'what',
  'why',
  'commandId',
  'correlationId',
  'causationId',
  'hash',
  'data',
];

/** RFC 4180: quoted when needed, quotes doubled. */
const cell = (value: unknown): string => {
  const text = value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** One row per event; `data` as JSON in the last column. */
export function csvExport(exported: CaseExport): string {
  const rows = exported.events.map((event) => [
    event.revision,
    event.position,
    event.when,
    event.type,
    event.who,
    event.what,
    event.why,
    event.metadata.commandId,
    event.metadata.correlationId,
    event.metadata.causationId,
    event.metadata.hash,
    JSON.stringify(event.data),
  ]);
  return `${[HEADER, ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
