import type { ExportedEvent } from './case-export';
import { escapeMarkup as esc } from './markup';

const STEP = 170;
const MARGIN = 80;
const AXIS_Y = 85;
const ROLE_COLOURS: Readonly<Record<string, string>> = {
  intake: '#1f6feb',
  officer: '#8250df',
  system: '#57606a',
  admin: '#bf3989',
  auditor: '#1a7f37',
};

const roleOf = (event: ExportedEvent): string =>
  String((event.metadata.actor as { role?: string } | undefined)?.role ?? 'unknown');

/**
 * The case's timeline as an SVG: one marker per event in revision order (evenly spaced, since a
 * case spans minutes to years), coloured by the actor's role, labelled with its type (staggered,
 * so long names do not collide) and date, linking to the event's details below it in the report.
 */
export function timelineSvg(events: readonly ExportedEvent[]): string {
  const width = MARGIN * 2 + STEP * Math.max(0, events.length - 1);
  const markers = events.map((event, index) => {
    const x = MARGIN + STEP * index;
    const colour = ROLE_COLOURS[roleOf(event)] ?? '#cf222e';
    return [
      `<a href="#event-${event.revision}" data-revision="${event.revision}">`,
      `<title>${esc(`${event.revision}: ${event.what} (${event.who})`)}</title>`,
      `<circle cx="${x}" cy="${AXIS_Y}" r="11" fill="${colour}" stroke="#ffffff" stroke-width="3"/>`,
      `<text x="${x}" y="${AXIS_Y + 5}" text-anchor="middle" font-size="11" fill="#ffffff">${event.revision}</text>`,
      `<text x="${x}" y="${AXIS_Y - 24 - (index % 2) * 20}" text-anchor="middle" font-size="12" font-weight="600">${esc(event.type)}</text>`,
      `<text x="${x}" y="${AXIS_Y + 34}" text-anchor="middle" font-size="11">${esc(event.when.slice(0, 10))}</text>`,
      `<text x="${x}" y="${AXIS_Y + 50}" text-anchor="middle" font-size="10" fill="#57606a">${esc(roleOf(event))}</text>`,
      '</a>',
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Case timeline" width="${width}" height="160" viewBox="0 0 ${width} 160" font-family="system-ui, sans-serif">`,
    `<line x1="${MARGIN - 40}" y1="${AXIS_Y}" x2="${width - MARGIN + 40}" y2="${AXIS_Y}" stroke="#d0d7de" stroke-width="4"/>`,
    ...markers,
    '</svg>',
  ].join('\n');
}
