/**
 * The floor of the as-of figure on this machine (its target is an absolute p99 of 2 ms):
 *   node -r ./scripts/swc-register.js bench/latency-floor.ts [--work 0,20,40,80] [--seconds 6] [--rounds 2]
 * For each amount of work, starts bench/http/busy-wait-server.ts (a bare node:http server answering
 * a body the size of the as-of answer after busy-waiting that many microseconds a request) and
 * times it with the as-of figure's client, connections and seconds, in a process of its own. It
 * prints the answers a second, p50, p99 and the server's event loop CPU a request (user + system,
 * as the bench gives the service's for an as-of GET): how the tail grows with the event loop's
 * work a GET when the client keeps the server saturated, with no Nest, Fastify or store of ours.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { AS_OF_CONNECTIONS } from './http/http-figures';
import { measureLatencyInChild } from './http/latency-client';
import { threadCpuSeconds } from './http/process-cpu';
import { freePort } from './http/service-process';

/** The as-of answer of the bench's 30-event case (`GET …/history?asOf=`), measured 2026-12-07: 4,208 bytes. */
const AS_OF_BODY_BYTES = 4208;

const { values } = parseArgs({
  options: {
    work: { type: 'string', default: '0,20,40,80' },
    seconds: { type: 'string', default: '6' },
    rounds: { type: 'string', default: '2' },
  },
});

async function startServer(port: number, workMicroseconds: number): Promise<ChildProcessByStdio<null, Readable, null>> {
  const server = spawn(
    process.execPath,
    ['-r', './scripts/swc-register.js', join(__dirname, 'http/busy-wait-server.ts')],
    {
      cwd: join(__dirname, '..'),
      env: {
        ...process.env,
        PORT: String(port),
        WORK_MICROSECONDS: String(workMicroseconds),
        BODY_BYTES: String(AS_OF_BODY_BYTES),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await once(server.stdout, 'data');
  return server;
}

async function main(): Promise<void> {
  const amounts = values.work.split(',').map(Number);
  if (amounts.some((amount) => !Number.isInteger(amount) || amount < 0))
    throw new Error(`--work takes whole microseconds separated by commas, not ${values.work}`);
  for (let round = 1; round <= Number(values.rounds); round++) {
    for (const workMicroseconds of amounts) {
      const port = await freePort();
      const server = await startServer(port, workMicroseconds);
      try {
        const cpuBefore = threadCpuSeconds(server.pid!);
        const sample = await measureLatencyInChild(
          `http://127.0.0.1:${port}/`,
          {},
          AS_OF_CONNECTIONS,
          Number(values.seconds),
        );
        console.log(
          `round ${round}, ${workMicroseconds} µs of work a request: ${Math.round(sample.requests / sample.seconds).toLocaleString('en')}/s, ` +
            `p50 ${sample.p50Ms.toFixed(2)} ms, p99 ${sample.p99Ms.toFixed(2)} ms, ` +
            `event loop ${Math.round(((threadCpuSeconds(server.pid!) - cpuBefore) * 1e6) / sample.requests)} µs a request`,
        );
      } finally {
        server.kill('SIGTERM');
        await once(server, 'close');
      }
    }
  }
}

main().catch((error: Error) => {
  console.error(error.stack);
  process.exitCode = 1;
});
