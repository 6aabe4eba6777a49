/** Paints the parts of one case: integrity verdict, timeline, events, the view as of a revision, a diff. */
import { element, one, shown, utc } from './dom.js';
import { fieldsOf } from './case-diff.js';

/** ok: the chain holds and a signed digest vouches for it; warning: it holds, nothing signed vouches; broken. */
export function verdictOf(verification, head) {
  const { chain, signedHead } = verification;
  const lines = [
    chain.valid
      ? `Hash chain: holds over all ${chain.checkedEvents} events.`
      : `Hash chain: broken at revision ${chain.firstBrokenRevision}.`,
    signedHeadLine(signedHead, head),
  ];
  if (!verification.valid)
    return { kind: 'broken', title: `Broken: first broken revision ${verification.firstBrokenRevision}`, lines };
  if (signedHead.status === 'verified') return { kind: 'ok', title: `Verified: ${chain.checkedEvents} events`, lines };
  return { kind: 'warning', title: 'Chain holds; no signed digest vouches for it', lines };
}

function signedHeadLine(signedHead, head) {
  const digest = `signed digest #${signedHead.digestId} of ${utc(signedHead.signedAt ?? '')} (key ${signedHead.keyId})`;
  switch (signedHead.status) {
    case 'verified':
      return signedHead.signedRevision >= head
        ? `Signed head: the ${digest} covers the head, revision ${head}.`
        : `Signed head: the ${digest} covers revisions 0–${signedHead.signedRevision}; ${head - signedHead.signedRevision} newer event(s) are not signed yet.`;
    case 'broken':
      return `Signed head: the ${digest} no longer matches from revision ${signedHead.firstBrokenRevision}.`;
    case 'unsigned':
      return 'Signed head: no signed digest covers this case yet.';
    default:
      return `Signed head: ${signedHead.status}${signedHead.detail ? ` — ${signedHead.detail}` : ''}.`;
  }
}

export function renderVerdict(verification, head) {
  const verdict = verdictOf(verification, head);
  const box = one('#verdict');
  box.dataset.state = verdict.kind;
  box.dataset.firstBrokenRevision = verification.valid ? '' : String(verification.firstBrokenRevision);
  box.replaceChildren(
    element('p', { class: 'verdict-title', text: verdict.title }),
    ...verdict.lines.map((line) => element('p', { text: line })),
  );
}

/** One row per event, with a button replaying the case as of it; rows from the first broken revision on are marked. */
export function renderTimeline(entries, firstBrokenRevision) {
  const rows = entries.map((entry) => {
    const broken = firstBrokenRevision !== undefined && entry.revision >= firstBrokenRevision;
    const cells = [
      ['#', String(entry.revision)],
      ['When (UTC)', utc(entry.when)],
      ['Who', entry.who],
      ['What', entry.what],
      ['Why', entry.why],
    ].map(([label, text]) => element('td', { 'data-label': label, text }));
    if (entry.revision === firstBrokenRevision)
      cells[0].append(element('strong', { class: 'badge', text: 'first broken' }));
    const replay = element('button', {
      type: 'button',
      'data-revision': entry.revision,
      'aria-label': `Show the case as of revision ${entry.revision}`,
      text: 'Show',
    });
    return element('tr', { 'data-revision': entry.revision, class: broken ? 'broken' : null }, [
      ...cells,
      element('td', {}, [replay]),
    ]);
  });
  one('#timeline tbody').replaceChildren(...rows);
}

/** Each stored event, folded: its type and revision, then its data and who recorded it. */
export function renderEvents(events) {
  one('#events').replaceChildren(
    ...events.map((event) =>
      element('li', { 'data-revision': event.revision }, [
        element('details', {}, [
          element('summary', { text: `#${event.revision} ${event.type} — ${utc(event.metadata.recordedAt)}` }),
          element('pre', {
            text: JSON.stringify({ data: event.data, actor: event.metadata.actor, hash: event.metadata.hash }, null, 2),
          }),
        ]),
      ]),
    ),
  );
}

/** The ApplicationView as a list of fields, each named by its path. */
export function renderState(view) {
  const fields = [...fieldsOf(view).entries()].filter(([path]) => path !== 'revision');
  const list = one('#state');
  list.dataset.revision = String(view.revision);
  list.replaceChildren(
    ...fields.map(([path, value]) =>
      element('div', { 'data-field': path }, [element('dt', { text: path }), element('dd', { text: shown(value) })]),
    ),
  );
}

export function renderDiff(from, to, rows) {
  one('#diff').dataset.between = `${from}-${to}`;
  one('#diff-caption').textContent =
    rows.length === 0
      ? `Revisions ${from} and ${to} show the same case.`
      : `${rows.length} field(s) differ from revision ${from} to revision ${to}.`;
  one('#diff tbody').replaceChildren(
    ...rows.map((row) =>
      element('tr', { 'data-field': row.field, class: row.change }, [
        element('th', { scope: 'row', 'data-label': 'Field', text: row.field }),
        element('td', { 'data-label': 'Before', text: shown(row.before) }),
        element('td', { 'data-label': 'After', text: shown(row.after) }),
      ]),
    ),
  );
}
