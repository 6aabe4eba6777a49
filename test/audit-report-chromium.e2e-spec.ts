import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium, withChromiumPage, type ChromiumPage } from '../scripts/chromium-cdp';
import { CLI_TIMEOUT_MS, caseDataDir, runAuditCli } from './support/audit-cli';
import { decodePng, type DecodedPng, type Rgb } from './support/png';

/** Unpacking the bundled Chromium the first time and starting it takes seconds on a busy machine. */
const BROWSER_TIMEOUT_MS = 60_000;
const VIEWPORT_WIDTH = 1200;
/** The granted case's actors in revision order: the intake integration, the numbering process, then officers and the intake again. */
const MARKER_COLOURS: readonly Rgb[] = ['#1f6feb', '#57606a', '#8250df', '#1f6feb', '#8250df', '#8250df'].map(rgbOf);

type Box = Readonly<{ x: number; y: number; width: number; height: number }>;
type Rendered = Readonly<{
  png: DecodedPng;
  pageHeight: number;
  markers: Box[];
  title: Box;
  sections: Box[];
  verdict: string;
}>;

function rgbOf(hex: string): Rgb {
  return [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)) as unknown as Rgb;
}

const close = (actual: Rgb, expected: Rgb) =>
  actual.every((channel, index) => Math.abs(channel - expected[index]) <= 8);

/** How many pixels in the box are dark enough to be text. */
function inkIn(png: DecodedPng, box: Box): number {
  let dark = 0;
  for (let y = Math.floor(box.y); y < Math.ceil(box.y + box.height); y++)
    for (let x = Math.floor(box.x); x < Math.ceil(box.x + box.width); x++)
      if (png.pixel(x, y).every((channel) => channel < 110)) dark++;
  return dark;
}

const boxesOf = (selector: string) =>
  `Array.from(document.querySelectorAll(${JSON.stringify(selector)})).map((element) => { const r = element.getBoundingClientRect(); return { x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height }; })`;

async function render(page: ChromiumPage): Promise<Rendered> {
  const pageHeight = await page.evaluate<number>('document.documentElement.scrollHeight');
  return {
    png: decodePng(await page.screenshot({ width: VIEWPORT_WIDTH, height: pageHeight })),
    pageHeight,
    markers: await page.evaluate<Box[]>(boxesOf('svg circle')),
    title: (await page.evaluate<Box[]>(boxesOf('h1')))[0],
    sections: await page.evaluate<Box[]>(boxesOf('section')),
    verdict: await page.evaluate<string>(`document.querySelector('p[class^="verdict"]').textContent`),
  };
}

describe('the HTML audit report, rendered in headless Chromium', () => {
  let dataDir: string;
  let rendered: Rendered;
  beforeAll(async () => {
    const chromium = await findChromium(process.env);
    if (!chromium)
      throw new Error('No Chromium: install the devDependency @sparticuz/chromium (npm install) or set CHROMIUM_PATH');
    const data = await caseDataDir();
    dataDir = data.dataDir;
    const report = join(dataDir, 'report.html');
    const run = await runAuditCli([
      '--data-dir',
      dataDir,
      'export',
      data.granted,
      '--format',
      'html',
      '--output',
      report,
    ]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    rendered = await withChromiumPage(
      chromium,
      `file://${report}`,
      { width: VIEWPORT_WIDTH, timeoutMs: BROWSER_TIMEOUT_MS },
      render,
    );
  }, CLI_TIMEOUT_MS + BROWSER_TIMEOUT_MS);
  afterAll(() => dataDir && rmSync(dataDir, { recursive: true, force: true }));

  it('captures the whole page as a PNG', () => {
    expect({ width: rendered.png.width, height: rendered.png.height }).toEqual({
      width: VIEWPORT_WIDTH,
      height: rendered.pageHeight,
    });
    expect(rendered.pageHeight).toBeGreaterThan(900);
  });

  it('paints one timeline marker per event, left to right, in the colour of its actor', () => {
    expect(rendered.markers).toHaveLength(MARKER_COLOURS.length);
    const centres = rendered.markers.map((box) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 }));
    expect(centres.map((centre) => centre.x)).toEqual([...centres.map((centre) => centre.x)].sort((a, b) => a - b));
    expect(Math.max(...centres.map((centre) => centre.x))).toBeLessThan(VIEWPORT_WIDTH);
    // Left of the revision digit, still inside the marker's fill.
    const painted = centres.map((centre) => rendered.png.pixel(Math.round(centre.x - 7), Math.round(centre.y)));
    expect(painted.map((colour, index) => close(colour, MARKER_COLOURS[index]))).toEqual(
      MARKER_COLOURS.map(() => true),
    );
  });

  it('draws the text: the title, and the detail section of each event below the timeline', () => {
    expect(inkIn(rendered.png, rendered.title)).toBeGreaterThan(100);
    expect(rendered.sections).toHaveLength(MARKER_COLOURS.length);
    for (const section of rendered.sections) {
      expect(section.y).toBeGreaterThan(rendered.markers[0].y);
      expect(inkIn(rendered.png, section)).toBeGreaterThan(200);
    }
    expect(rendered.verdict).toMatch(/^Verified: 6 events/);
  });
});

describe('withChromiumPage with a browser that exits at once', () => {
  it('rejects naming the exit, well before its time limit, instead of waiting for ever', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'impplus-fake-chromium-'));
    const fake = join(dir, 'chromium');
    writeFileSync(fake, '#!/bin/sh\necho "no display" >&2\nexit 3\n', { mode: 0o755 });
    const started = performance.now();
    try {
      await expect(
        withChromiumPage(fake, 'about:blank', { width: 800, timeoutMs: 20_000 }, async () => 'used'),
      ).rejects.toThrow(/Chromium exited \(3\) before answering: no display/);
      expect(performance.now() - started).toBeLessThan(5_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 10_000);
});
