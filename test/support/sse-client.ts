import { request, type ClientRequest, type IncomingMessage } from 'node:http';

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

export function openSse(url: string, headers: Record<string, string>, ms = 5_000): Promise<SseConnection> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no response headers within ${ms} ms`)), ms);
    const client: ClientRequest = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      clearTimeout(timer);
      resolve(connection(client, response));
    });
    client.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    client.end();
  });
}

function connection(client: ClientRequest, response: IncomingMessage): SseConnection {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  let buffer = '';
  let ended = false;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
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
      if (fields.data !== undefined) events.push({ id: fields.id ?? '', event: fields.event ?? '', data: fields.data });
    }
    notify();
  });
  const finish = () => {
    ended = true;
    notify();
  };
  response.on('end', finish);
  response.on('close', finish);
  const waitUntil = (done: () => boolean, ms: number, what: string) =>
    new Promise<void>((resolve, reject) => {
      if (done()) return resolve();
      const check = () => {
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
