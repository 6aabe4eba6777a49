import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Drives a headless Chromium over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
 * JSON messages ended by NUL on file descriptors 3 and 4), so no puppeteer or websocket package
 * is needed. Used by `npm run audit:screenshot` only.
 */
export async function screenshot(executable: string, url: string, options: Readonly<{ width: number; timeoutMs: number; height?: number }>): Promise<Buffer> {
  const child = spawn(executable, ['--headless', '--no-sandbox', '--disable-gpu', '--remote-debugging-pipe', `--window-size=${options.width},900`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
  });
  const [toBrowser, fromBrowser] = [child.stdio[3] as NodeJS.WritableStream, child.stdio[4] as NodeJS.ReadableStream];
  const pending = new Map<number, (message: { result?: Record<string, unknown>; error?: { message: string } }) => void>();
  const events: Array<(method: string) => void> = [];
  let buffer = '';
  fromBrowser.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    for (let end = buffer.indexOf('\0'); end >= 0; end = buffer.indexOf('\0')) {
      const message = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      if (message.id !== undefined) pending.get(message.id)?.(message);
      else events.forEach((listener) => listener(message.method));
    }
  });
  let nextId = 0;
  const send = (method: string, params: object = {}, sessionId?: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, (message) => (message.error ? reject(new Error(`${method}: ${message.error.message}`)) : resolve(message.result ?? {})));
      toBrowser.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
    });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
  try {
    const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = (await send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    await send('Page.enable', {}, sessionId);
    const loaded = new Promise<void>((resolve) => events.push((method) => method === 'Page.loadEventFired' && resolve()));
    await send('Page.navigate', { url }, sessionId);
    await loaded;
    const clip = options.height ? { clip: { x: 0, y: 0, width: options.width, height: options.height, scale: 1 } } : {};
    const { data } = await send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true, ...clip }, sessionId);
    await send('Browser.close').catch(() => undefined);
    return Buffer.from(String(data), 'base64');
  } finally {
    clearTimeout(timer);
    child.kill();
  }
}

/** `CHROMIUM_PATH`, a system Chromium or Chrome, or the one `@sparticuz/chromium` unpacks, if installed. */
export async function findChromium(env: NodeJS.ProcessEnv): Promise<string | null> {
  const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((path): path is string => !!path && existsSync(path));
  if (found) return found;
  try {
    const sparticuz = require('@sparticuz/chromium') as { default?: { executablePath(): Promise<string> }; executablePath?: () => Promise<string> };
    return await (sparticuz.default ?? (sparticuz as { executablePath(): Promise<string> })).executablePath();
  } catch {
    return null;
  }
}
