import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { auditConsoleDriver, waitFor } from '../scripts/audit-console-driver';
import { findChromium, withChromiumPage } from '../scripts/chromium-cdp';
import { CLI_TIMEOUT_MS, PERSONAL_DATA, caseDataDir } from './support/audit-cli';
import {
  BROKEN_RED,
  OK_GREEN,
  close,
  expectedDiff,
  leaves,
  rowsOf,
  tamperWith,
  text,
  verdictBorder,
} from './support/console-page';
import { KEYS, startTestApp, type TestApp } from './support/test-app';

/** Unpacking Chromium the first time, then a dozen actions each waiting on the API, on a busy 2-core machine. */
const BROWSER_TIMEOUT_MS = 120_000;
const REASON = 'Complaint 2024-117: checking the passport number the officer saw';
/** The granted case's enrolment (revision 3) and approval (revision 4) were both recorded then. */
const AS_OF = '2024-12-15T10:00:00Z';
describe('the auditor console (GET /audit/) in headless Chromium', () => {
  let api: TestApp;
  let data: Awaited<ReturnType<typeof caseDataDir>>;
  const seen: Record<string, unknown> = {};
  beforeAll(async () => {
    const chromium = await findChromium(process.env);
    if (!chromium)
      throw new Error('No Chromium: install the devDependency @sparticuz/chromium (npm install) or set CHROMIUM_PATH');
    data = await caseDataDir();
    api = await startTestApp({ dataDir: data.dataDir, clock: data.clock });
    await api.app.listen(0, '127.0.0.1');
    const url = `${(await api.app.getUrl()).replace('[::1]', '127.0.0.1')}/audit/`;
    await withChromiumPage(chromium, url, { width: 1280, timeoutMs: BROWSER_TIMEOUT_MS }, async (page) => {
      const console = auditConsoleDriver(page);
      await page.evaluate(
        `window.violations = []; document.addEventListener('securitypolicyviolation', (event) => violations.push(event.violatedDirective))`,
      );
      seen.unlabelled = await page.evaluate(
        `Array.from(document.querySelectorAll('input, select, textarea')).filter((field) => field.labels.length === 0).map((field) => field.id)`,
      );
      await console.useKey(KEYS.auditor);
      await console.openByIntakeNumber(data.views.granted.intake.year, data.views.granted.intake.number);
      seen.opened = {
        title: await page.evaluate(text('#case-title')),
        focused: await page.evaluate('document.activeElement.id'),
        whats: await page.evaluate(`${rowsOf('#timeline tbody tr')}.map((cells) => cells[3])`),
        verdict: await page.evaluate(`document.querySelector('#verdict').dataset.state`),
        stateRevision: await page.evaluate(`document.querySelector('#state').dataset.revision`),
        border: await verdictBorder(page, 1280),
        redactedText: await page.evaluate('document.body.textContent'),
      };
      await console.scrubTo(2);
      seen.scrubbed = {
        status: await page.evaluate(text('#state [data-field="status"] dd')),
        fields: await page.evaluate(
          `Object.fromEntries(Array.from(document.querySelectorAll('#state [data-field]')).map((row) => [row.dataset.field, row.querySelector('dd').textContent]))`,
        ),
        slider: await page.evaluate(`document.querySelector('#revision-slider').value`),
      };
      await console.stepWithKeyboard('ArrowRight', 3);
      await console.stepWithKeyboard('ArrowLeft', 2);
      seen.keyboard = await page.evaluate(
        `[document.activeElement.id, document.querySelector('#revision-slider').value]`,
      );
      await console.compare(2, 3);
      seen.diff = await page.evaluate(rowsOf('#diff tbody tr'));
      await console.showAsOf(AS_OF, 4);
      seen.asOf = {
        status: await page.evaluate(text('#state [data-field="status"] dd')),
        slider: await page.evaluate(`document.querySelector('#revision-slider').value`),
      };
      seen.exported = { json: await console.exportAs('json'), html: await console.exportAs('html') };
      seen.revealFocus = await console.reveal(REASON);
      seen.revealed = {
        events: await page.evaluate(text('#events')),
        privacy: await page.evaluate(text('#privacy-state')),
      };
      await console.resize(390, 844);
      seen.narrow = {
        scrollWidth: await page.evaluate('document.documentElement.scrollWidth'),
        stackedCell: await page.evaluate(`getComputedStyle(document.querySelector('#timeline tbody td')).display`),
        border: await verdictBorder(page, 390),
      };
      await console.resize(1280, 900);
      tamperWith(join(data.dataDir, 'events.db'), `application-${data.granted}`, 3);
      await console.verifyAgain();
      seen.tampered = {
        verdict: await page.evaluate(`document.querySelector('#verdict').dataset.state`),
        title: await page.evaluate(`document.querySelector('#verdict .verdict-title').textContent`),
        brokenRows: await page.evaluate(
          `Array.from(document.querySelectorAll('#timeline tr.broken')).map((row) => Number(row.dataset.revision))`,
        ),
        border: await verdictBorder(page, 1280),
      };
      seen.violations = await waitFor(page, 'window.violations');
    });
  }, CLI_TIMEOUT_MS + BROWSER_TIMEOUT_MS);
  afterAll(async () => {
    await api?.close();
    if (data) rmSync(data.dataDir, { recursive: true, force: true });
  });

  it('opens a case found by its intake number: every timeline line, verified, the head shown, nothing personal', () => {
    expect(seen.unlabelled).toEqual([]);
    const opened = seen.opened as Record<string, any>;
    expect(opened.title).toBe(`Case ${data.granted}`);
    expect(opened.focused).toBe('case-title');
    expect(opened.whats).toEqual([
      expect.stringMatching(/^Application received/),
      'Intake number 1 of 2024',
      expect.stringMatching(/^Biometric instruction letter issued/),
      'Biometrics enrolled at VAC Paris',
      expect.stringMatching(/^Approved by /),
      expect.stringMatching(/^Work permit issued \(A76\)/),
    ]);
    expect(opened.verdict).toBe('ok');
    expect(close(opened.border, OK_GREEN)).toBe(true);
    expect(opened.stateRevision).toBe(String(data.views.granted.revision));
    for (const value of PERSONAL_DATA) expect(opened.redactedText).not.toContain(value);
  });

  it('scrubbed to revision 2 (and there and back with the arrow keys), paints the case as the API folds it then', () => {
    const scrubbed = seen.scrubbed as Record<string, any>;
    expect(scrubbed.slider).toBe('2');
    expect(scrubbed.status).toBe(data.views.afterLetter.status);
    const { revision: _revision, ...fields } = leaves(data.views.afterLetter);
    expect(scrubbed.fields).toEqual(fields);
    expect(seen.keyboard).toEqual(['revision-slider', '2']);
  });

  it('shows the difference between revisions 2 and 3 field by field', async () => {
    const [before, after] = await Promise.all(
      [2, 3].map(
        async (revision) =>
          (await api.get(`/v1/applications/${data.granted}/history?revision=${revision}`, { as: 'auditor' })).body,
      ),
    );
    const expected = expectedDiff(before, after);
    expect(expected.map((row) => row.field)).toContain('biometrics.enrolledAt');
    const rows = (seen.diff as string[][]).map(([field, beforeText, afterText]) => ({
      field,
      before: beforeText,
      after: afterText,
    }));
    expect(rows.sort((a, b) => a.field.localeCompare(b.field))).toEqual(expected);
  });

  it('shows the case as of an instant: the last revision recorded at or before it', async () => {
    const view = (await api.get(`/v1/applications/${data.granted}/history?asOf=${AS_OF}`, { as: 'auditor' })).body;
    expect(view.revision).toBe(4);
    expect(seen.asOf).toEqual({ status: view.status, slider: '4' });
  });

  it('exports what it shows, redacted, as JSON and as a self-contained HTML file', () => {
    const { json, html } = seen.exported as Record<string, string>;
    const exported = JSON.parse(json);
    expect(exported).toMatchObject({
      applicationId: data.granted,
      personalData: 'redacted',
      revealReason: null,
      verification: { valid: true },
      caseAsOf: { revision: 4 },
    });
    expect(exported.events.map((event: { revision: number }) => event.revision)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(exported.timeline.map((entry: { what: string }) => entry.what)).toEqual((seen.opened as any).whats);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('Verified: 6 events');
    expect(html).toContain('Biometrics enrolled at VAC Paris');
    expect(html).not.toMatch(/<script/i);
    for (const value of PERSONAL_DATA) expect(json + html).not.toContain(value);
  });

  it('reveals personal data only with a reason, and the reveal is in the access log', async () => {
    expect(seen.revealFocus).toBe('reveal-reason');
    const revealed = seen.revealed as Record<string, string>;
    for (const value of ['Tremblay', '19AB12345']) expect(revealed.events).toContain(value);
    expect(revealed.privacy).toContain(REASON);
    const log = await api.get(`/v1/audit/access-log?applicationId=${data.granted}`, { as: 'auditor' });
    expect(log.body.entries).toEqual([
      {
        at: expect.any(String),
        principal: 'test-auditor',
        applicationId: data.granted,
        route: 'GET /v1/applications/{id}/history',
        reason: REASON,
      },
    ]);
  });

  it('is laid out for a 390 px phone: nothing wider than the screen, tables stacked', () => {
    const narrow = seen.narrow as Record<string, any>;
    expect(narrow.scrollWidth).toBeLessThanOrEqual(390);
    expect(narrow.stackedCell).toBe('block');
    expect(close(narrow.border, OK_GREEN)).toBe(true);
  });

  it('after an event is edited in the store, shows the broken state from that revision on', () => {
    const tampered = seen.tampered as Record<string, any>;
    expect(tampered.verdict).toBe('broken');
    expect(tampered.title).toBe('Broken: first broken revision 3');
    expect(tampered.brokenRows).toEqual([3, 4, 5]);
    expect(close(tampered.border, BROKEN_RED)).toBe(true);
    expect(seen.violations).toEqual([]);
  });
});
