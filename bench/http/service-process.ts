import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
/** `source`: TypeScript through scripts/swc-register.js (no build step); `dist`: the output of `npm run build`, as `npm start` runs it. */
export type RunMode = 'source' | 'dist';

export const BENCH_KEYS = {
  intake: 'bench-intake-key-000000001',
  officer: 'bench-officer-key-00000001',
  auditor: 'bench-auditor-key-00000001',
  admin: 'bench-admin-key-0000000001',
} as const;

/** `API_KEYS` of the bench's services: one key per role. */
export const BENCH_API_KEYS = JSON.stringify(
  Object.entries(BENCH_KEYS).map(([role, key]) => ({ key, principal: `bench-${role}`, roles: [role] })),
);

export function entryArgs(mode: RunMode, sourceFile: string, distFile: string): string[] {
  if (mode === 'source') return ['-r', join(ROOT, 'scripts/swc-register.js'), join(ROOT, sourceFile)];
  const built = join(ROOT, distFile);
  if (!existsSync(built))
    throw new Error(`${built} does not exist: run \`npm run build\` before \`npm run bench -- --mode dist\``);
  return [built];
}

export { freePort } from '../../scripts/free-port';

/** Resident set size of a process, from /proc (Linux). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = /VmRSS:\s+(\d+) kB/.exec(status);
  if (!kilobytes) throw new Error(`No VmRSS in /proc/${pid}/status`);
  return Number(kilobytes[1]) * 1024;
}

export type StartOptions = Readonly<{
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  logFile: string;
  /** Answers 200 once the service is ready: its time is the cold start. */
  readyUrl: string;
  readyHeaders?: Record<string, string>;
  timeoutMs: number;
}>;

/** A service in a child process, its output in a log file (as in production, not through the bench's event loop). */
export class ServiceProcess {
  private exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
    readonly coldStartMs: number,
  ) {
    this.exited = new Promise((resolve) => child.once('close', (code) => resolve(code)));
  }

  static async start(port: number, options: StartOptions): Promise<ServiceProcess> {
    const log = openSync(options.logFile, 'a');
    const started = performance.now();
    const child = spawn(process.execPath, options.args, {
      cwd: ROOT,
      env: { ...process.env, ...options.env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    const baseUrl = `http://127.0.0.1:${port}`;
    let exitCode: number | null | undefined;
    child.once('close', (code) => (exitCode = code ?? -1));
    const deadline = started + options.timeoutMs;
    for (;;) {
      if (exitCode !== undefined)
        throw new Error(`The service exited with code ${exitCode} before answering; see ${options.logFile}`);
      if (performance.now() > deadline) {
        const gone = new Promise((resolve) => child.once('close', resolve));
        child.kill('SIGKILL');
        await gone;
        throw new Error(`No 200 from ${options.readyUrl} within ${options.timeoutMs} ms; see ${options.logFile}`);
      }
      const signal = AbortSignal.timeout(Math.max(1, Math.ceil(deadline - performance.now())));
      const status = await fetch(`${baseUrl}${options.readyUrl}`, { headers: options.readyHeaders, signal }).then(
        (response) => response.arrayBuffer().then(() => response.status),
        () => 0,
      );
      if (status === 200) return new ServiceProcess(child, baseUrl, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Null while it runs. */
  get exitCode(): number | string | null {
    return this.child.exitCode ?? this.child.signalCode;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  rss(): number {
    return rssBytes(this.pid);
  }

  /** SIGTERM (the service closes its stores), SIGKILL if it has not exited within `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
