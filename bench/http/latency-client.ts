import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { LengthDelimitedAnswers } from './answer-head';

export type LatencySample = Readonly<{
  requests: number;
  non2xx: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}>;

const percentile = (sorted: readonly number[], share: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];

type Waiting = Readonly<{
  started: bigint;
  resolve: (answer: [number, number]) => void;
  reject: (error: Error) => void;
}>;

/**
 * One keep-alive connection sending the same GET, the next once the last answer's body has fully
 * arrived; each answer is timed from the request's write to its last byte. It writes bytes built
 * once and reads only the status and Content-Length, so that the client costs ~50 µs of CPU a GET
 * rather than node:http's ~110–130: on a 2-core machine the client shares the cores with the
 * service it measures. Measured 2026-12-06 against one warm service on a 300k-event store, the two
 * clients alternating in 3 s rounds (a loaded machine): node:http 2,212–3,655 GETs/s, p50
 * 2.75–3.05 ms, 108–134 µs of client CPU a GET; this client 3,750–5,168/s, p50 1.82–1.94 ms,
 * 47–54 µs. An answer without Content-Length, or longer than it, fails the run.
 */
class TimedConnection {
  private readonly socket: Socket;
  private waiting: Waiting | null = null;
  private readonly answers = new LengthDelimitedAnswers();

  constructor(
    port: number,
    private readonly request: Buffer,
  ) {
    this.socket = connect({ host: '127.0.0.1', port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.receive(chunk));
    this.socket.on('error', (error) => this.fail(error));
    this.socket.on('close', () => this.fail(new Error('The service closed a latency connection')));
  }

  /** [status, milliseconds] of one GET. */
  get(): Promise<[number, number]> {
    return new Promise((resolve, reject) => {
      this.waiting = { started: process.hrtime.bigint(), resolve, reject };
      this.socket.write(this.request);
    });
  }

  close(): void {
    this.socket.removeAllListeners('close');
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    let status: number | null;
    try {
      status = this.answers.add(chunk);
    } catch (error) {
      return this.fail(error as Error);
    }
    if (status === null) return;
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.resolve([status, Number(process.hrtime.bigint() - waiting.started) / 1e6]);
  }

  private fail(error: Error): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(error);
  }
}

/**
 * GETs `url` on `connections` keep-alive connections, each sending its next request when the last
 * one answered, for `seconds`; latencies are timed to the microsecond (autocannon's histogram has
 * whole milliseconds, too coarse for a 2 ms target).
 */
export async function measureLatency(
  url: string,
  headers: Record<string, string>,
  connections: number,
  seconds: number,
): Promise<LatencySample> {
  const target = new URL(url);
  const lines = [`GET ${target.pathname}${target.search} HTTP/1.1`, `Host: ${target.host}`, 'Connection: keep-alive'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  const request = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  const open = Array.from({ length: connections }, () => new TimedConnection(Number(target.port), request));
  const latencies: number[] = [];
  let non2xx = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  try {
    await Promise.all(
      open.map(async (connection) => {
        while (performance.now() < deadline) {
          const [status, ms] = await connection.get();
          if (status < 200 || status > 299) non2xx++;
          latencies.push(ms);
        }
      }),
    );
  } finally {
    for (const connection of open) connection.close();
  }
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requests: sorted.length,
    non2xx,
    seconds: (performance.now() - started) / 1000,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted[sorted.length - 1],
  };
}

/**
 * `measureLatency` in a node process of its own, started for this measurement: the client's own
 * pauses count in every latency it times, and the bench's process has by then generated and
 * rebuilt a million events. Traced on 2026-12-06 (`--trace-gc`), the bench's process ran 12 full
 * collections of 2.7–12.4 ms during the 10 s of as-of GETs (its heap at 22 MB before and after
 * each, so not for its own garbage), against 7 of 1.7–5.9 ms while it timed the trivial route at
 * its start.
 */
export function measureLatencyInChild(
  url: string,
  headers: Record<string, string>,
  connections: number,
  seconds: number,
): Promise<LatencySample> {
  const root = join(__dirname, '..', '..');
  const child = spawn(
    process.execPath,
    ['-r', join(root, 'scripts/swc-register.js'), __filename, JSON.stringify({ url, headers, connections, seconds })],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      const last = output.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last.startsWith('{')) {
        reject(new Error(`The latency client exited ${code}:\n${output}`));
        return;
      }
      resolve(JSON.parse(last) as LatencySample);
    });
  });
}

if (require.main === module) {
  const { url, headers, connections, seconds } = JSON.parse(process.argv[2]) as {
    url: string;
    headers: Record<string, string>;
    connections: number;
    seconds: number;
  };
  measureLatency(url, headers, connections, seconds).then(
    (sample) => console.log(JSON.stringify(sample)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
