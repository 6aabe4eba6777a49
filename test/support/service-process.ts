import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
/** Each app's entry point, and what its `main.ts` prints once it is ready (the API listens, the worker runs). */
const APPS = {
  'case-api': { main: 'apps/case-api/src/main.ts', ready: 'IMP+ Case Ledger API on' },
  'case-worker': { main: 'apps/case-worker/src/main.ts', ready: 'IMP+ Case Ledger worker:' },
} as const;
const OUTPUT_TAIL_CHARS = 4000;

export type ServiceProcessOptions = Readonly<{
  /** The app to run (default `case-api`); `case-worker` serves no HTTP, so its port is unused. */
  app?: keyof typeof APPS;
  dataDir: string;
  port: number;
  /** Added to DATA_DIR, PORT and PATH; the child sees nothing else of the test's environment. */
  env?: NodeJS.ProcessEnv;
  /** Longest wait for the listening line (default 30 s); a start that takes longer kills the child and fails. */
  startTimeoutMs?: number;
  /** Longest wait for the child to exit after a signal (default 10 s). */
  exitTimeoutMs?: number;
}>;

export { freePort } from '../../scripts/free-port';

/**
 * The case API (or the worker) in a child process, run from source as `node -r scripts/swc-register.js
 * apps/case-api/src/main.ts`, on one data directory and one port across restarts. Every wait is
 * bounded; `dispose` kills whatever still runs (call it in `afterAll`).
 */
export class ServiceProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private output = '';
  private disposed = false;
  /** How long each start took until the service listened, in ms. */
  readonly startDurations: number[] = [];
  private readonly killOnExit = () => this.child?.kill('SIGKILL');

  constructor(private readonly options: ServiceProcessOptions) {
    process.once('exit', this.killOnExit);
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  /** Spawns the service and resolves once it listens; rejects (and kills it) if it exits or takes too long. */
  async start(): Promise<void> {
    if (this.disposed) throw new Error('The service was disposed (the test ended): it is not started again');
    if (this.child) throw new Error(`The service already runs (pid ${this.child.pid}); kill or stop it first`);
    const begun = performance.now();
    this.output = '';
    const app = APPS[this.options.app ?? 'case-api'];
    const child = spawn(process.execPath, ['-r', join(ROOT, 'scripts/swc-register.js'), join(ROOT, app.main)], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        ...this.options.env,
        DATA_DIR: this.options.dataDir,
        PORT: String(this.options.port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise((resolve) => {
      child.once('close', () => resolve());
      child.once('error', (error) => {
        this.output += `\n${error.message}`;
        resolve();
      });
    });
    void this.exited.then(() => {
      if (this.child === child) this.child = null;
    });
    const listening = new Promise<void>((resolve) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        this.record(chunk);
        if (this.output.includes(app.ready)) resolve();
      });
    });
    child.stderr?.on('data', (chunk: Buffer) => this.record(chunk));
    const timeoutMs = this.options.startTimeoutMs ?? 30_000;
    const outcome = await Promise.race([
      listening.then(() => 'listening' as const),
      this.exited.then(() => 'exited' as const),
      delay(timeoutMs).then(() => 'timeout' as const),
    ]);
    if (outcome === 'listening') {
      this.startDurations.push(Math.round(performance.now() - begun));
      return;
    }
    await this.kill();
    throw new Error(
      `The service ${outcome === 'exited' ? 'exited before listening' : `did not listen within ${timeoutMs} ms`} on port ${this.options.port}; its output:\n${this.output}`,
    );
  }

  /** SIGKILL: no shutdown hook runs, as in a crash. Resolves once the child is gone. */
  kill(): Promise<void> {
    return this.signal('SIGKILL');
  }

  /** SIGTERM (graceful shutdown), then SIGKILL if it is still running after the exit timeout. */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
    if (this.child) await this.kill();
  }

  /** Kills the child if it runs and refuses any later start (a timed-out test may still be running its steps). */
  async dispose(): Promise<void> {
    this.disposed = true;
    process.removeListener('exit', this.killOnExit);
    if (this.child) await this.kill();
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill(signal);
    const timeoutMs = this.options.exitTimeoutMs ?? 10_000;
    await Promise.race([this.exited, delay(timeoutMs)]);
    if (this.child === child && signal === 'SIGKILL') {
      throw new Error(`The service (pid ${child.pid}) did not exit within ${timeoutMs} ms of SIGKILL`);
    }
  }

  private record(chunk: Buffer): void {
    this.output = (this.output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  }
}

export const delay = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });
