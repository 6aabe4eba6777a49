/**
 * Change-feed clients for the bench, in a process of their own so that their reading does not
 * share autocannon's event loop:
 *   node -r scripts/swc-register.js bench/http/feed-followers.ts <baseUrl> <apiKey> <clients> <after> [<limit>] [poll|stream]
 * Each client follows the log from `after` as an integration tailing it does: long polls of
 * GET /v1/feed (waitSeconds=30, `limit`, 100 unless given) following `nextAfter`, or one
 * GET /v1/feed/stream of Server-Sent Events resumed with Last-Event-ID. Each reads every byte the
 * service sends on one kept-open connection (node:http, not `fetch`: WHATWG streams and its UTF-8
 * decoder cost twice the reading) and takes from the bytes the count of items and the cursor,
 * without building the items: the followers stand for integrations on other machines, and their
 * JSON parsing (about 12 µs an item, 0.85 of a core for 100 followers at 700 submissions/s when
 * measured on 2026-12-06) would otherwise be taken from the service on the two cores they share.
 * Prints `following` once every client has sent its first request; on SIGTERM, or when its stdin
 * closes (the bench is gone), it stops and prints one JSON line of counts, its CPU and the
 * slowest client's cursor (how far behind the head it was).
 * (The followers themselves are not measured: only what they cost the submissions.) */
import { setMaxListeners } from 'node:events';
import { Agent, request } from 'node:http';

/** What the followers print once every client has sent its first poll. */
export const FEED_FOLLOWERS_READY = 'following';

/** The followers' counts, printed as one JSON line when they stop. */
export type FeedFollowerCounts = Readonly<{
  clients: number;
  /** Answered polls, or streams opened. */
  requests: number;
  /** Feed items received, over all clients. */
  events: number;
  /** Answers other than 200 with a page, and network errors before the stop. */
  failures: number;
  seconds: number;
  /** The followers' own CPU seconds (user + system) while they ran: they share the cores with the service. */
  cpuSeconds: number;
  /** The least cursor of any client when they stopped: how far the slowest had read. */
  slowestCursor: number;
}>;

const WAIT_SECONDS = 30;
/** The API's default page. */
const DEFAULT_LIMIT = 100;
const FAILURE_PAUSE_MS = 100;

type Client = Readonly<{ baseUrl: string; apiKey: string; agent: Agent; signal: AbortSignal; limit: number }>;

/** GET `path`: the status and the body's bytes. */
function get(client: Client, path: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers = { authorization: `Bearer ${client.apiKey}` };
    const sent = request(
      `${client.baseUrl}${path}`,
      { agent: client.agent, headers, signal: client.signal },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => resolve({ status: answer.statusCode ?? 0, body: Buffer.concat(chunks) }));
        answer.on('error', reject);
      },
    );
    sent.on('error', reject);
    sent.end();
  });
}

const ITEM_START = Buffer.from('{"position":');
const NEXT_AFTER = Buffer.from('],"nextAfter":');

/**
 * A page's item count and cursor, read from its bytes as the service writes them
 * (`{"events":[{"position":…},…],"nextAfter":N}`, items in that key order) without building its
 * items: the followers stand for integrations on other machines, whose parsing would not share
 * this machine's two cores with the service. Null when the body is not such a page.
 */
export function pageOutline(body: Buffer): { items: number; nextAfter: number } | null {
  const tail = body.lastIndexOf(NEXT_AFTER);
  if (tail < 0 || body[body.length - 1] !== 0x7d) return null;
  const nextAfter = Number(body.subarray(tail + NEXT_AFTER.length, body.length - 1).toString('latin1'));
  if (!Number.isSafeInteger(nextAfter)) return null;
  let items = 0;
  for (let at = body.indexOf(ITEM_START); at >= 0 && at < tail; at = body.indexOf(ITEM_START, at + ITEM_START.length))
    items++;
  return { items, nextAfter };
}

async function follow(
  client: Client,
  after: number,
  counts: { requests: number; events: number; failures: number },
  firstSent: () => void,
  cursors: number[],
  index: number,
): Promise<void> {
  for (let cursor = after, first = true; !client.signal.aborted; first = false) {
    const answer = get(client, `/v1/feed?after=${cursor}&limit=${client.limit}&waitSeconds=${WAIT_SECONDS}`);
    if (first) firstSent();
    try {
      const response = await answer;
      const page = response.status === 200 ? pageOutline(response.body) : null;
      counts.requests++;
      if (page === null) {
        counts.failures++;
        continue;
      }
      counts.events += page.items;
      cursor = cursors[index] = page.nextAfter;
    } catch {
      if (client.signal.aborted) return;
      counts.failures++;
      await new Promise((resolve) => setTimeout(resolve, FAILURE_PAUSE_MS)); // no busy loop on a refused connection
    }
  }
}

const FRAME_ID = Buffer.from('\nid: ');
const FRAMES_END = Buffer.from('\n\n');

/**
 * Follows GET /v1/feed/stream from `after` on one connection, counting the Server-Sent Events by
 * their `id:` lines and keeping the last id as the cursor, without building the items (see
 * pageOutline). Resumes with Last-Event-ID when the stream ends.
 */
async function stream(
  client: Client,
  after: number,
  counts: { requests: number; events: number; failures: number },
  firstSent: () => void,
  cursors: number[],
  index: number,
): Promise<void> {
  for (let first = true; !client.signal.aborted; first = false) {
    const ended = new Promise<void>((resolve, reject) => {
      const headers = {
        authorization: `Bearer ${client.apiKey}`,
        accept: 'text/event-stream',
        'last-event-id': String(cursors[index] ?? after),
      };
      const sent = request(`${client.baseUrl}/v1/feed/stream`, { headers, signal: client.signal }, (answer) => {
        counts.requests++;
        if (answer.statusCode !== 200) counts.failures++;
        let carried: Buffer = Buffer.alloc(0);
        answer.on('data', (chunk: Buffer) => {
          const text = carried.length > 0 ? Buffer.concat([carried, chunk]) : chunk;
          const complete = text.lastIndexOf(FRAMES_END);
          carried = complete < 0 ? text : text.subarray(complete + FRAMES_END.length);
          let last = -1;
          for (let at = text.indexOf(FRAME_ID); at >= 0 && at < complete; at = text.indexOf(FRAME_ID, at + 1)) {
            counts.events++;
            last = at;
          }
          if (last >= 0) {
            const line = text.subarray(last + FRAME_ID.length, text.indexOf(0x0a, last + 1));
            cursors[index] = Number(line.toString('latin1'));
          }
        });
        answer.on('end', resolve);
        answer.on('error', reject);
      });
      sent.on('error', reject);
      sent.end();
    });
    if (first) firstSent();
    await ended.catch(async () => {
      if (client.signal.aborted) return;
      counts.failures++;
      await new Promise((resolve) => setTimeout(resolve, FAILURE_PAUSE_MS));
    });
  }
}

function main(): void {
  const [baseUrl, apiKey, clients, after, limit, mode] = process.argv.slice(2);
  const abort = new AbortController();
  const counts = { requests: 0, events: 0, failures: 0 };
  let sent = 0;
  const count = Number(clients);
  // One connection per client, kept open between polls, as a long-polling integration holds it.
  const agent = new Agent({ keepAlive: true, maxSockets: count });
  const client: Client = { baseUrl, apiKey, agent, signal: abort.signal, limit: Number(limit || DEFAULT_LIMIT) };
  setMaxListeners(count + 1, abort.signal); // each poll in flight listens to it
  const cursors = Array.from({ length: count }, () => Number(after));
  const following = cursors.map((_, index) =>
    (mode === 'stream' ? stream : follow)(
      client,
      Number(after),
      counts,
      () => {
        if (++sent === count) console.log(FEED_FOLLOWERS_READY);
      },
      cursors,
      index,
    ),
  );
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const stop = () => {
    if (abort.signal.aborted) return;
    abort.abort();
    void Promise.allSettled(following).then(() => {
      const cpu = process.cpuUsage(cpuAtStart);
      const summary: FeedFollowerCounts = {
        clients: count,
        ...counts,
        seconds: (performance.now() - started) / 1000,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        slowestCursor: Math.min(...cursors),
      };
      console.log(JSON.stringify(summary));
      process.exit(0);
    });
  };
  process.once('SIGTERM', stop);
  // The bench holds our stdin: when it ends (the bench exited, even killed), the followers stop too.
  process.stdin.once('end', stop).resume();
}

if (require.main === module) main();
