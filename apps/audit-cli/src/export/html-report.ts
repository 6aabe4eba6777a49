import type { CaseExport, ExportedEvent } from './case-export';
import { escapeMarkup as esc } from './markup';
import { personalDataLabels } from '@app/personal-data';
import { timelineSvg } from './timeline-svg';

const STYLE = `
body { font: 14px/1.5 system-ui, sans-serif; color: #1f2328; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
.verdict { padding: .6rem 1rem; border-radius: 6px; font-weight: 600; }
.valid { background: #dafbe1; } .broken { background: #ffebe9; }
.timeline { overflow-x: auto; border: 1px solid #d0d7de; border-radius: 6px; padding: .5rem; }
section.event { border-top: 1px solid #d0d7de; padding-top: .5rem; }
dl { display: grid; grid-template-columns: 10rem 1fr; gap: .1rem 1rem; } dt { color: #57606a; } dd { margin: 0; word-break: break-all; }
pre { background: #f6f8fa; padding: .75rem; border-radius: 6px; overflow-x: auto; font-size: 12px; }
.note { color: #57606a; }`;

function verdict(exported: CaseExport): string {
  const { valid, checkedEvents, firstBrokenRevision } = exported.verification as {
    valid?: boolean;
    checkedEvents?: number;
    firstBrokenRevision?: number;
  };
  const text = valid
    ? `Verified: ${checkedEvents} events, hash chain intact and consistent with the last signed digest.`
    : `NOT VERIFIED: the stored events were altered from revision ${firstBrokenRevision ?? '?'}.`;
  return `<p class="verdict ${valid ? 'valid' : 'broken'}">${esc(text)}</p>`;
}

function eventSection(event: ExportedEvent): string {
  const metadata = event.metadata;
  const rows: [string, unknown][] = [
    ['Recorded at', event.when],
    ['By', event.who],
    ['What', event.what],
    ['Why', event.why || '—'],
    ['Global position', event.position],
    ['Command', `${textOf(metadata.commandType)} ${textOf(metadata.commandId)}`],
    ['Correlation / causation', `${textOf(metadata.correlationId)} / ${textOf(metadata.causationId)}`],
    ['Event id', metadata.eventId],
    ['Previous hash', metadata.previousHash ?? '(first event)'],
    ['Hash', metadata.hash],
  ];
  return [
    `<section class="event" id="event-${event.revision}">`,
    `<h2>${event.revision}. ${esc(event.type)}</h2>`,
    `<dl>${rows.map(([term, value]) => `<dt>${esc(term)}</dt><dd>${esc(value)}</dd>`).join('')}</dl>`,
    `<pre>${esc(JSON.stringify(event.data, null, 2))}</pre>`,
    '</section>',
  ].join('\n');
}

/**
 * A self-contained page (no scripts, no external resources): verdict, SVG timeline, every event in
 * full. Written as well-formed XML too (polyglot HTML), so a test can parse every part of it.
 */
export function htmlReport(exported: CaseExport): string {
  const privacy =
    exported.personalData === 'redacted'
      ? `Personal data (${personalDataLabels()}) is redacted; redacted data no longer matches its stored hashes, so the verdict above was computed on the stored events.`
      : 'This report includes personal data.';
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8"/>',
    `<title>Case ${esc(exported.applicationId)} — audit report</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<h1>Audit report: application ${esc(exported.applicationId)}</h1>`,
    `<p class="note">Exported ${esc(exported.exportedAt)} · ${exported.events.length} events · ${esc(privacy)}</p>`,
    verdict(exported),
    `<div class="timeline">${timelineSvg(exported.events)}</div>`,
    ...exported.events.map(eventSection),
    '</body></html>',
    '',
  ].join('\n');
}

/** A metadata value as text: ids and names are strings; anything else is shown as JSON. */
const textOf = (value: unknown): string =>
  value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
