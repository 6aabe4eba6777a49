/** What the auditor console paints, read back from the page and its screenshots by the Chromium suite. */
import Database from 'better-sqlite3';
import type { ChromiumPage } from '../../scripts/chromium-cdp';
import { decodePng, type Rgb } from './png';

/** The verdict's left border (console.css): green when verified, red when broken. */
export const OK_GREEN: Rgb = [0x1a, 0x7f, 0x37];
export const BROKEN_RED: Rgb = [0xcf, 0x22, 0x2e];

type Box = Readonly<{ x: number; y: number; width: number; height: number }>;
type Row = Readonly<{ field: string; before: string; after: string }>;

/** Every leaf of a view by path, as the console's cells show it: the test's own reading of "field by field". */
export function leaves(value: unknown, path = '', into: Record<string, string> = {}): Record<string, string> {
  if (value === null || typeof value !== 'object' || Object.keys(value).length === 0)
    into[path] = typeof value === 'string' ? value : JSON.stringify(value);
  else
    for (const [key, item] of Object.entries(value))
      leaves(item, Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key, into);
  return into;
}

export function expectedDiff(before: unknown, after: unknown): Row[] {
  const [was, is] = [leaves(before), leaves(after)];
  return [...new Set([...Object.keys(was), ...Object.keys(is)])]
    .filter((field) => field !== 'revision' && was[field] !== is[field])
    .map((field) => ({ field, before: was[field] ?? '(absent)', after: is[field] ?? '(absent)' }))
    .sort((a, b) => a.field.localeCompare(b.field));
}

export const close = (actual: Rgb, expected: Rgb) =>
  actual.every((channel, index) => Math.abs(channel - expected[index]) <= 8);

/** The colour painted in the middle of the verdict's left border, from a screenshot of the whole page. */
export async function verdictBorder(page: ChromiumPage, width: number): Promise<Rgb> {
  const box = await page.evaluate<Box>(
    `(() => { const r = document.querySelector('#verdict').getBoundingClientRect(); return { x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height }; })()`,
  );
  const height = await page.evaluate<number>('document.documentElement.scrollHeight');
  const png = decodePng(await page.screenshot({ width, height }));
  return png.pixel(Math.round(box.x + 3), Math.round(box.y + box.height / 2));
}

export const text = (selector: string) => `document.querySelector(${JSON.stringify(selector)}).textContent`;
export const rowsOf = (selector: string) =>
  `Array.from(document.querySelectorAll(${JSON.stringify(selector)})).map((row) => Array.from(row.children).map((cell) => cell.textContent))`;

/** Edits one stored event in place, as someone with write access to the database file would. */
export function tamperWith(file: string, stream: string, revision: number): void {
  const db = new Database(file);
  const row = db.prepare('SELECT data FROM events WHERE stream_name = ? AND revision = ?').get(stream, revision) as {
    data: string;
  };
  db.prepare('UPDATE events SET data = ? WHERE stream_name = ? AND revision = ?').run(
    row.data.replace('VAC Paris', 'VAC Lyon'),
    stream,
    revision,
  );
  db.close();
}
