/**
 * DOM helpers of the auditor console. Every text goes in as textContent, never as markup, so no
 * value of an event (a note, a name) can inject anything into the page.
 */

/** The one element a selector names; a missing one is a bug of the page, reported at once. */
export function one(selector) {
  const found = document.querySelector(selector);
  if (!found) throw new Error(`The console page has no ${selector}`);
  return found;
}

/** An element with attributes (`text` sets its textContent) and children (strings become text). */
export function element(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = String(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children);
  return node;
}

/** Says what happened in the live status line (read out by screen readers). */
export function say(message, kind = 'info') {
  const status = one('#status');
  status.textContent = message;
  status.dataset.kind = kind;
}

/** `2024-12-10T15:30:00.000Z` → `2024-12-10 15:30:00`, as the CLI's timeline prints it. */
export const utc = (instant) =>
  String(instant)
    .replace('T', ' ')
    .replace(/(\.\d+)?Z$/, '');

/** A leaf value as a cell shows it: strings as they are, everything else as JSON. */
export const shown = (value) =>
  value === undefined ? '(absent)' : typeof value === 'string' ? value : JSON.stringify(value);
