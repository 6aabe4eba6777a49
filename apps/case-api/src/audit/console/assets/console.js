/**
 * The auditor console (GET /audit/): finds a case, paints its integrity, timeline and events, and
 * replays it as of any revision or instant. A plain ES module of this origin (the page's
 * Content-Security-Policy allows no inline script); the server does the folding and the checks.
 */
import { ApiProblem, auditApi, storedKey } from './api-client.js';
import { wireKeyPanel } from './key-panel.js';
import { fieldDiff } from './case-diff.js';
import { download, caseSnapshot, snapshotHtml } from './case-export.js';
import { renderDiff, renderEvents, renderState, renderTimeline, renderVerdict } from './case-render.js';
import { element, one, say } from './dom.js';

/** The case on screen; `view` is the one the state panel shows. Requests answered after a newer one are dropped. */
let shown = null;
let latestViewRequest = 0;

const failed = (error) => say(error instanceof ApiProblem ? error.message : `Failed: ${error.message}`, 'error');

async function openCase(id) {
  say(`Loading case ${id}…`);
  const [history, timeline, verification] = await Promise.all([
    auditApi.events(id),
    auditApi.timeline(id),
    auditApi.verification(id),
  ]);
  const head = history.events.at(-1).revision;
  shown = { id, head, events: history.events, timeline: timeline.entries, verification, revealed: null, view: null };
  one('#case-title').textContent = `Case ${id}`;
  renderVerdict(verification, head);
  renderTimeline(shown.timeline, verification.valid ? undefined : verification.firstBrokenRevision);
  showEvents();
  const slider = one('#revision-slider');
  slider.max = String(head);
  for (const select of [one('#diff-from'), one('#diff-to')])
    select.replaceChildren(
      ...shown.events.map(({ revision }) => element('option', { value: revision, text: `revision ${revision}` })),
    );
  one('#diff-from').value = String(Math.max(0, head - 1));
  one('#diff-to').value = String(head);
  one('#case').hidden = false;
  window.history.replaceState(null, '', `#${encodeURIComponent(id)}`);
  await Promise.all([showView({ revision: head }), compare()]);
  say(`Case ${id}: ${shown.events.length} events, head revision ${head}.`);
  one('#case-title').focus();
}

/** Folds the case as of `{ revision }` or `{ asOf }` on the server and paints it, moving the slider to where it landed. */
async function showView(point) {
  const request = ++latestViewRequest;
  const view = await auditApi.viewAt(shown.id, point);
  if (request !== latestViewRequest) return;
  shown.view = view;
  one('#revision-slider').value = String(view.revision);
  one('#revision-output').textContent = `${view.revision} of ${shown.head}`;
  one('#state-caption').textContent =
    'asOf' in point
      ? `As of ${point.asOf}: revision ${view.revision}, status ${view.status}.`
      : `Revision ${view.revision}: status ${view.status}.`;
  renderState(view);
}

/** The instant field reads UTC to the second; a case the instant precedes did not exist yet (404). */
async function showAsOf() {
  const value = one('#as-of').value;
  const asOf = `${value.length === 16 ? `${value}:00` : value}Z`;
  await showView({ asOf }).catch((error) => {
    if (!(error instanceof ApiProblem && error.status === 404)) throw error;
    say(`The case did not exist yet at ${asOf}.`, 'error');
  });
}

async function compare() {
  const [from, to] = [Number(one('#diff-from').value), Number(one('#diff-to').value)];
  const [before, after] = await Promise.all([
    auditApi.viewAt(shown.id, { revision: from }),
    auditApi.viewAt(shown.id, { revision: to }),
  ]);
  renderDiff(from, to, fieldDiff(before, after));
}

function showEvents() {
  renderEvents(shown.events);
  one('#privacy-state').dataset.revealed = String(Boolean(shown.revealed));
  one('#privacy-state').textContent = shown.revealed
    ? `Personal data shown. Your access was recorded with the reason “${shown.revealed.reason}”.`
    : 'Personal data redacted: names, date of birth, passport and file numbers read [redacted].';
  one('#reveal').hidden = Boolean(shown.revealed);
  one('#conceal').hidden = !shown.revealed;
}

async function reveal(reason) {
  const history = await auditApi.events(shown.id, { reason });
  shown = { ...shown, events: history.events, revealed: { reason } };
  one('#reveal-form').hidden = true;
  showEvents();
  say('Personal data revealed; the access is in the access log.');
  one('#conceal').focus();
}

async function reverify() {
  const verification = await auditApi.verification(shown.id);
  shown.verification = verification;
  renderVerdict(verification, shown.head);
  renderTimeline(shown.timeline, verification.valid ? undefined : verification.firstBrokenRevision);
  if (verification.valid) say('Verified again: the case holds.');
  else say(`Broken from revision ${verification.firstBrokenRevision}.`, 'alert');
}

/** Runs an action of the page, reporting its failure in the status line instead of losing it. */
const act = (action) => (event) => {
  event?.preventDefault();
  Promise.resolve().then(action).catch(failed);
};

const needsCase = (action) => act(() => (shown ? action() : say('Open a case first.', 'error')));

function wire() {
  one('#find-by-id').addEventListener(
    'submit',
    act(() => openCase(one('#application-id').value.trim())),
  );
  one('#find-by-number').addEventListener(
    'submit',
    act(async () => {
      const holder = await auditApi.intakeNumberHolder(one('#intake-year').value, one('#intake-number').value);
      one('#application-id').value = holder.applicationId;
      await openCase(holder.applicationId);
    }),
  );
  one('#revision-slider').addEventListener(
    'input',
    needsCase(() => showView({ revision: Number(one('#revision-slider').value) })),
  );
  one('#step-back').addEventListener(
    'click',
    needsCase(() => showView({ revision: Math.max(0, shown.view.revision - 1) })),
  );
  one('#step-forward').addEventListener(
    'click',
    needsCase(() => showView({ revision: Math.min(shown.head, shown.view.revision + 1) })),
  );
  one('#as-of-form').addEventListener('submit', needsCase(showAsOf));
  one('#timeline').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-revision]');
    if (button) needsCase(() => showView({ revision: Number(button.dataset.revision) }))(event);
  });
  one('#diff-form').addEventListener('submit', needsCase(compare));
  one('#verify').addEventListener('click', needsCase(reverify));
  one('#reveal').addEventListener(
    'click',
    needsCase(() => {
      one('#reveal-form').hidden = false;
      one('#reveal-reason').focus();
    }),
  );
  one('#reveal-cancel').addEventListener(
    'click',
    act(() => {
      one('#reveal-form').hidden = true;
      one('#reveal').focus();
    }),
  );
  one('#reveal-form').addEventListener(
    'submit',
    needsCase(() => reveal(one('#reveal-reason').value.trim())),
  );
  one('#conceal').addEventListener(
    'click',
    needsCase(async () => {
      const history = await auditApi.events(shown.id);
      shown = { ...shown, events: history.events, revealed: null };
      showEvents();
      say('Personal data redacted again.');
      one('#reveal').focus();
    }),
  );
  one('#export-json').addEventListener(
    'click',
    needsCase(() =>
      download(`case-${shown.id}.json`, 'application/json', `${JSON.stringify(caseSnapshot(shown), null, 2)}\n`),
    ),
  );
  one('#export-html').addEventListener(
    'click',
    needsCase(() => download(`case-${shown.id}.html`, 'text/html', snapshotHtml(caseSnapshot(shown)))),
  );
}

wire();
wireKeyPanel();
const linked = decodeURIComponent(window.location.hash.slice(1));
if (linked && storedKey()) {
  one('#application-id').value = linked;
  act(() => openCase(linked))();
}
