import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ContractViolation, contractAt } from './contract/contract-guard';
import type { ResponseContract } from './contract/response-contract';

/** Each event's `data` is the item GET /v1/feed returns (shared/API.md), checked against its schema. */
const EVENT_DATA_SCHEMA = 'FeedItemDto';

/** One Server-Sent Event as a client parses it. */
export type SseEvent = Readonly<{ id: string; event: string; data: string }>;

/** A Server-Sent Events connection over a real socket, read incrementally; every wait is bounded. */
export type SseConnection = Readonly<{
  response: IncomingMessage;
  events: SseEvent[];
  comments: string[];
  /** Resolves once `count` events have arrived in all; rejects after `ms`. */
  waitForEvents(count: number, ms: number): Promise<SseEvent[]>;
  /** Resolves when the server ends the stream; rejects after `ms`. */
  waitForEnd(ms: number): Promise<void>;
  close(): void;
}>;

/**
 * Opens the stream. Its status and headers are checked against the served OpenAPI document, and
 * each event's data against the feed item's schema: a stream the document does not describe
 * fails the next wait. `outsideContract` (saying why) is for a server that is not the API and
 * serves no document, such as the SSE writer's unit spec.
 */
export async function openSse(
  url: string,
  headers: Record<string, string>,
  ms = 5_000,
  { outsideContract }: Readonly<{ outsideContract?: string }> = {},
): Promise<SseConnection> {
  const contract = outsideContract === undefined ? await contractAt(new URL(url).origin) : null;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no response headers within ${ms} ms`)), ms);
    const client: ClientRequest = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      clearTimeout(timer);
      resolve(connection(client, response, checks(contract, url, response)));
    });
    client.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    client.end();
  });
}

type StreamChecks = Readonly<{ violations: string[]; event(data: string): void; describe(): string }>;

function checks(contract: ResponseContract | null, url: string, response: IncomingMessage): StreamChecks {
  if (!contract) {
    const violations: string[] = [];
    return { violations, event: () => undefined, describe: () => violations.join('\n') };
  }
  const { pathname, search } = new URL(url);
  const head = {
    method: 'GET',
    url: `${pathname}${search}`,
    status: response.statusCode ?? 0,
    headers: response.headers,
  };
  // A 200 is an endless stream: its head is checked here, its events one by one; a refusal is a problem, checked whole.
  const violations = response.statusCode === 200 ? contract.violationsOf({ ...head, text: '' }) : [];
  let text = '';
  if (response.statusCode !== 200) {
    response.on('data', (chunk: Buffer | string) => (text += String(chunk)));
    response.on('end', () => violations.push(...contract.violationsOf({ ...head, text })));
  }
  return {
    violations,
    event(data) {
      if (response.statusCode !== 200) return;
      let item: unknown;
      try {
        item = JSON.parse(data);
      } catch {
        violations.push(`an event's data is not JSON: ${data.slice(0, 200)}`);
        return;
      }
      violations.push(...contract.violationsOfComponent(EVENT_DATA_SCHEMA, item).map((line) => `event data: ${line}`));
    },
    describe: () => contract.describe({ ...head, text }, violations),
  };
}

function connection(client: ClientRequest, response: IncomingMessage, checked: StreamChecks): SseConnection {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  let buffer = '';
  let ended = false;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  // A stream sent gzipped (the client asked with Accept-Encoding) is inflated as it comes, as fetch and EventSource do.
  const body: Readable = response.headers['content-encoding'] === 'gzip' ? response.pipe(createGunzip()) : response;
  body.setEncoding('utf8');
  body.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields: Record<string, string> = {};
      for (const line of frame.split('\n')) {
        if (line.startsWith(':')) comments.push(line.slice(1).trim());
        else {
          const colon = line.indexOf(':');
          fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
        }
      }
      if (fields.data !== undefined) {
        events.push({ id: fields.id ?? '', event: fields.event ?? '', data: fields.data });
        checked.event(fields.data);
      }
    }
    notify();
  });
  const finish = () => {
    ended = true;
    notify();
  };
  body.on('end', finish);
  // A gzip stream that does not inflate is a broken answer: the next wait fails naming it.
  body.on('error', (error) => {
    checked.violations.push(`the gzip stream does not inflate: ${error.message}`);
    finish();
  });
  response.on('close', finish);
  const waitUntil = (done: () => boolean, ms: number, what: string) =>
    new Promise<void>((resolve, reject) => {
      if (checked.violations.length > 0) return reject(new ContractViolation(checked.describe()));
      if (done()) return resolve();
      const check = () => {
        if (checked.violations.length > 0) {
          cleanup();
          return reject(new ContractViolation(checked.describe()));
        }
        if (!done()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${what} not within ${ms} ms (${events.length} events so far)`));
      }, ms);
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
    });
  return {
    response,
    events,
    comments,
    waitForEvents: async (count, ms) => {
      await waitUntil(() => events.length >= count, ms, `${count} events`);
      return events.slice(0, count);
    },
    waitForEnd: (ms) => waitUntil(() => ended, ms, 'the end of the stream'),
    close: () => {
      client.destroy();
      response.destroy();
    },
  };
}
