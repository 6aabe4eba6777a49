/**
 * The as-of figure's floor (bench/latency-floor.ts): a bare node:http server, no framework and no
 * store, that answers every request with a body of `BODY_BYTES` after keeping its event loop busy
 * for `WORK_MICROSECONDS`, as a GET of the service keeps it busy for its own work.
 */
import { createServer } from 'node:http';

const port = Number(process.env.PORT);
const workMs = Number(process.env.WORK_MICROSECONDS) / 1000;
const body = Buffer.alloc(Number(process.env.BODY_BYTES), 'a');

createServer((_request, response) => {
  const until = performance.now() + workMs;
  while (performance.now() < until);
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  response.end(body);
}).listen(port, '127.0.0.1', () => console.log('listening'));
process.on('SIGTERM', () => process.exit(0));
