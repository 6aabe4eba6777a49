import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type CdpReply = { result?: Record<string, unknown>; error?: { message: string } };

/** One page of a headless Chromium: evaluate expressions in it and capture it as PNG. */
export type ChromiumPage = Readonly<{
  evaluate<T>(expression: string): Promise<T>;
  /** The page from its top (or from `y`, in page pixels), `width` × `height`; without a clip, the viewport. */
  screenshot(clip?: Readonly<{ width: number; height: number; y?: number }>): Promise<Buffer>;
  /** Lays the page out at another viewport width and height (a phone's 390 px, say), without a new browser. */
  resize(width: number, height: number): Promise<void>;
  /** Presses and releases a key (`ArrowLeft`, `Tab`, `Enter`…) on whatever has the focus, as a keyboard would. */
  press(key: keyof typeof KEY_CODES): Promise<void>;
}>;

/** The Windows virtual key codes Chromium needs to act on a key press (a range input moving, Tab moving focus). */
const KEY_CODES = { Tab: 9, Enter: 13, ArrowLeft: 37, ArrowUp: 38, ArrowRight: 39, ArrowDown: 40 } as const;

/** How long closing the browser may take once the page is done; then it is killed. */
const CLOSE_WAIT_MS = 1000;

/**
 * Opens `url` in a headless Chromium driven over the DevTools protocol on a pipe
 * (`--remote-debugging-pipe`: JSON messages ended by NUL on file descriptors 3 and 4), so no
 * puppeteer or websocket package is needed, runs `use` once the page has loaded, and kills the
 * browser afterwards — or after `timeoutMs`, whatever happens.
 */
export async function withChromiumPage<T>(
  executable: string,
  url: string,
  options: Readonly<{ width: number; timeoutMs: number }>,
  use: (page: ChromiumPage) => Promise<T>,
): Promise<T> {
  const child = spawn(
    executable,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      '--remote-debugging-pipe',
      `--window-size=${options.width},900`,
      'about:blank',
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2_000)));
  const [toBrowser, fromBrowser] = [child.stdio[3] as NodeJS.WritableStream, child.stdio[4] as NodeJS.ReadableStream];
  (toBrowser as NodeJS.EventEmitter).on('error', () => undefined); // a closed pipe means Chromium exited: the 'close' handler reports it
  const pending = new Map<number, (message: CdpReply) => void>();
  const listeners: Array<(method: string) => void> = [];
  const failures: Array<(error: Error) => void> = [];
  const fail = (error: Error) => failures.splice(0).forEach((reject) => reject(error));
  child.once('error', fail);
  let exited: Error | null = null;
  // 'close', not 'exit': only once the child's streams have ended is all of its stderr read.
  child.once('close', (code, signal) => {
    exited = new Error(`Chromium exited (${signal ?? code}) before answering: ${stderr.trim() || 'no output'}`);
    fail(exited);
  });
  let buffer = '';
  fromBrowser.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    for (let end = buffer.indexOf('\0'); end >= 0; end = buffer.indexOf('\0')) {
      const message = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      if (message.id !== undefined) pending.get(message.id)?.(message);
      else listeners.forEach((listener) => listener(message.method));
    }
  });
  let nextId = 0;
  const send = (method: string, params: object = {}, sessionId?: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      if (exited) return reject(exited);
      const id = ++nextId;
      failures.push(reject);
      pending.set(id, (message) =>
        message.error ? reject(new Error(`${method}: ${message.error.message}`)) : resolve(message.result ?? {}),
      );
      toBrowser.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
    });
  const timer = setTimeout(() => {
    fail(new Error(`Chromium did not finish with ${url} within ${options.timeoutMs} ms`));
    child.kill('SIGKILL');
  }, options.timeoutMs);
  try {
    const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = (await send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    await send('Page.enable', {}, sessionId);
    const loaded = new Promise<void>((resolve, reject) => {
      failures.push(reject);
      listeners.push((method) => method === 'Page.loadEventFired' && resolve());
    });
    await send('Page.navigate', { url }, sessionId);
    await loaded;
    return await use({
      async evaluate<R>(expression: string) {
        const { result, exceptionDetails } = (await send(
          'Runtime.evaluate',
          { expression, returnByValue: true, awaitPromise: true },
          sessionId,
        )) as {
          result: { value: R };
          exceptionDetails?: { text: string };
        };
        if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.text}`);
        return result.value;
      },
      async screenshot(clip) {
        const area = clip ? { clip: { x: 0, y: clip.y ?? 0, width: clip.width, height: clip.height, scale: 1 } } : {};
        const { data } = await send(
          'Page.captureScreenshot',
          { format: 'png', captureBeyondViewport: true, ...area },
          sessionId,
        );
        return Buffer.from(String(data), 'base64');
      },
      async resize(width, height) {
        await send(
          'Emulation.setDeviceMetricsOverride',
          { width, height, deviceScaleFactor: 1, mobile: width < 600 },
          sessionId,
        );
      },
      async press(key) {
        const stroke = { key, code: key, windowsVirtualKeyCode: KEY_CODES[key], nativeVirtualKeyCode: KEY_CODES[key] };
        await send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...stroke }, sessionId);
        await send('Input.dispatchKeyEvent', { type: 'keyUp', ...stroke }, sessionId);
      },
    });
  } finally {
    clearTimeout(timer);
    const closeWait = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref());
    await Promise.race([send('Browser.close').catch(() => undefined), closeWait]);
    child.kill('SIGKILL');
  }
}

/** `CHROMIUM_PATH`, a system Chromium or Chrome, or the one `@sparticuz/chromium` unpacks (a devDependency). */
export async function findChromium(env: NodeJS.ProcessEnv): Promise<string | null> {
  const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((path): path is string => !!path && existsSync(path));
  if (found) return found;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- an optional devDependency, absent off x64 Linux
    const sparticuz = require('@sparticuz/chromium') as {
      default?: { executablePath(): Promise<string> };
      executablePath?: () => Promise<string>;
    };
    const unpack = sparticuz.default ?? (sparticuz as { executablePath(): Promise<string> });
    return await oneUnpackAtATime(() => unpack.executablePath());
  } catch {
    return null;
  }
}

/** Longest wait for another process's unpacking of Chromium; past it, the lock is taken as one a killed process left. */
const UNPACK_WAIT_MS = 120_000;

/**
 * `@sparticuz/chromium` unpacks into the temp directory and treats an existing file as unpacked:
 * two test files starting at once (jest runs two workers) would both write it, or one would start
 * a half-written browser. A directory made with mkdir (atomic) lets one process unpack at a time;
 * the next finds the files complete and unpacks nothing.
 */
async function oneUnpackAtATime<T>(unpack: () => Promise<T>): Promise<T> {
  const lock = join(tmpdir(), 'impplus-chromium-unpack.lock');
  const givenUpAt = Date.now() + UNPACK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (Date.now() > givenUpAt) rmSync(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await unpack();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
