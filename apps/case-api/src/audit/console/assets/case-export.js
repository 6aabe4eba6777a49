/**
 * Exports what the console shows of a case, as JSON or as one self-contained HTML file (its own
 * styles, no script), downloaded from the page: nothing is sent anywhere.
 */
import { element, utc } from './dom.js';
import { verdictOf } from './case-render.js';

/** What an export holds: redacted unless the auditor revealed personal data (then the reason is kept with it). */
export function caseSnapshot(shown) {
  return {
    applicationId: shown.id,
    exportedAt: new Date().toISOString(),
    personalData: shown.revealed ? 'included' : 'redacted',
    revealReason: shown.revealed?.reason ?? null,
    verification: shown.verification,
    timeline: shown.timeline,
    caseAsOf: shown.view,
    events: shown.events,
  };
}

const escapeHtml = (text) =>
  String(text).replace(
    /[&<>"']/g,
    (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character],
  );

const STYLE =
  'body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1f2328}' +
  'table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}' +
  '.ok{border-left:6px solid #1a7f37}.broken{border-left:6px solid #cf222e}.warning{border-left:6px solid #9a6700}' +
  '.verdict{padding:.2rem 1rem}pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f8fa;padding:.5rem}';

export function snapshotHtml(snapshot) {
  const head = snapshot.events.at(-1)?.revision ?? 0;
  const verdict = verdictOf(snapshot.verification, head);
  const rows = snapshot.timeline
    .map(
      (entry) =>
        `<tr><td>${entry.revision}</td><td>${escapeHtml(utc(entry.when))}</td><td>${escapeHtml(entry.who)}</td><td>${escapeHtml(entry.what)}</td><td>${escapeHtml(entry.why)}</td></tr>`,
    )
    .join('');
  const events = snapshot.events
    .map(
      (event) =>
        `<h3>#${event.revision} ${escapeHtml(event.type)}</h3><pre>${escapeHtml(JSON.stringify(event, null, 2))}</pre>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Case ${escapeHtml(snapshot.applicationId)}</title><style>${STYLE}</style></head><body>
<h1>Case ${escapeHtml(snapshot.applicationId)}</h1>
<p>Exported ${escapeHtml(utc(snapshot.exportedAt))} UTC from the auditor console; personal data ${snapshot.personalData}${snapshot.revealReason ? ` (reason: ${escapeHtml(snapshot.revealReason)})` : ''}.</p>
<div class="verdict ${verdict.kind}"><h2>${escapeHtml(verdict.title)}</h2>${verdict.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}</div>
<h2>Timeline</h2><table><thead><tr><th>#</th><th>When (UTC)</th><th>Who</th><th>What</th><th>Why</th></tr></thead><tbody>${rows}</tbody></table>
<h2>The case as of revision ${snapshot.caseAsOf?.revision ?? '—'}</h2><pre>${escapeHtml(JSON.stringify(snapshot.caseAsOf, null, 2))}</pre>
<h2>Events</h2>${events}
</body></html>
`;
}

/** Saves a text as a file through a temporary link to an object URL (a download, not a navigation). */
export function download(filename, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = element('a', { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
