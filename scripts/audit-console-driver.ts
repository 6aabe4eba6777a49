import type { ChromiumPage } from './chromium-cdp';

/** Longest wait for one action of the console (a few API calls on a busy 2-core machine). */
const ACTION_TIMEOUT_MS = 20_000;

/**
 * Polls `expression` in the page every 50 ms until it is truthy and returns it (awaited, if a
 * promise). Fails at once when the console reports an error in its status line, and after
 * `timeoutMs` naming what it waited for.
 */
export async function waitFor<T>(page: ChromiumPage, expression: string, timeoutMs = ACTION_TIMEOUT_MS): Promise<T> {
  const outcome = await page.evaluate<{ value?: T; failure?: string }>(`new Promise((resolve) => {
    const givenUpAt = Date.now() + ${timeoutMs};
    const poll = () => {
      const status = document.querySelector('#status');
      if (status && status.dataset.kind === 'error') return resolve({ failure: 'the console says: ' + status.textContent });
      let value;
      try { value = (${expression}); } catch { value = undefined; }
      if (value) return Promise.resolve(value).then((settled) => resolve({ value: settled }));
      if (Date.now() > givenUpAt) return resolve({ failure: 'timed out; status: ' + (status && status.textContent) });
      setTimeout(poll, 50);
    };
    poll();
  })`);
  if (outcome.failure !== undefined) throw new Error(`Waiting for ${expression}: ${outcome.failure}`);
  return outcome.value as T;
}

const set = (selector: string, value: string | number) =>
  `(() => { const field = document.querySelector(${JSON.stringify(selector)}); field.value = ${JSON.stringify(String(value))}; field.dispatchEvent(new Event('input', { bubbles: true })); })()`;
const submit = (selector: string) =>
  `document.querySelector('#status').textContent = ''; document.querySelector(${JSON.stringify(selector)}).requestSubmit()`;
const click = (selector: string) =>
  `document.querySelector('#status').textContent = ''; document.querySelector(${JSON.stringify(selector)}).click()`;
const statusMatches = (pattern: RegExp) => `${pattern.toString()}.exec(document.querySelector('#status').textContent)`;

/** The auditor's actions on the console page, each awaited until the page has painted its outcome. */
export function auditConsoleDriver(page: ChromiumPage) {
  return {
    async useKey(key: string) {
      await page.evaluate(`${set('#api-key', key)}; ${submit('#key-form')}`);
      await waitFor(page, statusMatches(/^Key set/));
    },
    async openByIntakeNumber(year: number, number: number) {
      await page.evaluate(
        `${set('#intake-year', year)}; ${set('#intake-number', number)}; ${submit('#find-by-number')}`,
      );
      await waitFor(page, statusMatches(/^Case .+: \d+ events/));
    },
    async openById(id: string) {
      await page.evaluate(`${set('#application-id', id)}; ${submit('#find-by-id')}`);
      await waitFor(page, statusMatches(/^Case .+: \d+ events/));
    },
    /** Moves the slider as a user drags it: its value, then an input event. */
    async scrubTo(revision: number) {
      await page.evaluate(set('#revision-slider', revision));
      await waitFor(page, `document.querySelector('#state[data-revision="${revision}"]')`);
    },
    /** Gives an instant (UTC, to the second) in the as-of field and shows the case as it stood then. */
    async showAsOf(instant: string, expectedRevision: number) {
      await page.evaluate(`${set('#as-of', instant.replace(/Z$/, ''))}; ${submit('#as-of-form')}`);
      await waitFor(page, `document.querySelector('#state[data-revision="${expectedRevision}"]')`);
    },
    /** Clicks an export button and returns the text of the file it hands the browser to download. */
    async exportAs(format: 'html' | 'json'): Promise<string> {
      await page.evaluate(
        `window.exported = []; if (!window.keptCreateObjectURL) { window.keptCreateObjectURL = URL.createObjectURL; URL.createObjectURL = (blob) => { exported.push(blob); return keptCreateObjectURL(blob); }; } ${click(`#export-${format}`)}`,
      );
      return waitFor<string>(page, 'window.exported.length > 0 && window.exported[0].text()');
    },
    /** Moves the focused slider one revision with the keyboard, as an auditor without a mouse would. */
    async stepWithKeyboard(key: 'ArrowLeft' | 'ArrowRight', expectedRevision: number) {
      await page.evaluate(`document.querySelector('#revision-slider').focus()`);
      await page.press(key);
      await waitFor(page, `document.querySelector('#state[data-revision="${expectedRevision}"]')`);
    },
    async compare(from: number, to: number) {
      await page.evaluate(`${set('#diff-from', from)}; ${set('#diff-to', to)}; ${submit('#diff-form')}`);
      await waitFor(page, `document.querySelector('#diff[data-between="${from}-${to}"]')`);
    },
    /** Clicks Reveal, returns which element the keyboard focus moved to, then gives the reason and confirms. */
    async reveal(reason: string): Promise<string> {
      await page.evaluate(click('#reveal'));
      const focused = await waitFor<string>(page, `document.activeElement && document.activeElement.id`);
      await page.evaluate(`${set('#reveal-reason', reason)}; ${submit('#reveal-form')}`);
      await waitFor(page, statusMatches(/^Personal data revealed/));
      return focused;
    },
    async verifyAgain() {
      await page.evaluate(click('#verify'));
      await waitFor(page, statusMatches(/^(Verified again|Broken from)/));
    },
    /** Lays the page out at another width and waits for the browser to paint it. */
    async resize(width: number, height: number) {
      await page.resize(width, height);
      const laidOut = await page.evaluate<number>(
        'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(innerWidth))))',
      );
      if (laidOut !== width) throw new Error(`The page was laid out ${laidOut} px wide, not ${width}`);
    },
  };
}
