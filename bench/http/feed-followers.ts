/**
 * Change-feed clients for the bench, in a process of their own so that their JSON parsing does not
 * share autocannon's event loop:
 *   node -r scripts/swc-register.js bench/http/feed-followers.ts <baseUrl> <apiKey> <clients> <after> [<limit>]
 * Each client long-polls GET /v1/feed from `after` (waitSeconds=30, limit 100 unless given) and follows
 * `nextAfter`, as an integration tailing the log does: it parses every page it receives. Each
 * client keeps one connection open (node:http with a keep-alive agent) and reads the body as
 * bytes: `fetch` cost the followers twice their JSON parsing in WHATWG streams and a slow UTF-8
 * decoder, CPU taken from the service they share the cores with. Prints `following` once every client has
 * sent its first request; on SIGTERM, or when its stdin closes (the bench is gone), it aborts the
 * polls and prints one JSON line of counts.
 * (The followers themselves are not measured: only what they cost the submissions.)
 */
import { setMaxListeners } from 'node:events';
import { Agent, request } from 'node:http';

/** What the followers print once every client has sent its first poll. */
export const FEED_FOLLOWERS_READY = 'following';

/** The followers' counts, printed as one JSON line when they stop. */
export type FeedFollowerCounts = Readonly<{
  clients: number;
  /** Answered polls. */
  requests: number;
  /** Feed items received, over all clients. */
  events: number;
  /** Answers other than 200 with a page, and network errors before the stop. */
  failures: number;
  seconds: number;
  /** The followers' own CPU seconds (user + system) while they ran: they share the cores with the service. */
  cpuSeconds: number;
}>;

const WAIT_SECONDS = 30;
/** The API's default page. */
const DEFAULT_LIMIT = 100;
const FAILURE_PAUSE_MS = 100;

type Client = Readonly<{ baseUrl: string; apiKey: string; agent: Agent; signal: AbortSignal; limit: number }>;

/** GET `path`: the status and the body as text. */
function get(client: Client, path: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers = { authorization: `Bearer ${client.apiKey}` };
    const sent = request(
      `${client.baseUrl}${path}`,
      { agent: client.agent, headers, signal: client.signal },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () =>
          resolve({ status: answer.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        answer.on('error', reject);
      },
    );
    sent.on('error', reject);
    sent.end();
  });
}

async function follow(
  client: Client,
  after: number,
  counts: { requests: number; events: number; failures: number },
  firstSent: () => void,
): Promise<void> {
  for (let cursor = after, first = true; !client.signal.aborted; first = false) {
    const answer = get(client, `/v1/feed?after=${cursor}&limit=${client.limit}&waitSeconds=${WAIT_SECONDS}`);
    if (first) firstSent();
    try {
      const response = await answer;
      const page = JSON.parse(response.text) as { events?: unknown[]; nextAfter?: number };
      counts.requests++;
      if (response.status !== 200 || typeof page.nextAfter !== 'number') {
        counts.failures++;
        continue;
      }
      counts.events += page.events?.length ?? 0;
      cursor = page.nextAfter;
    } catch {
      if (client.signal.aborted) return;
      counts.failures++;
      await new Promise((resolve) => setTimeout(resolve, FAILURE_PAUSE_MS)); // no busy loop on a refused connection
    }
  }
}

function main(): void {
  const [baseUrl, apiKey, clients, after, limit] = process.argv.slice(2);
  const abort = new AbortController();
  const counts = { requests: 0, events: 0, failures: 0 };
  let sent = 0;
  const count = Number(clients);
  // One connection per client, kept open between polls, as a long-polling integration holds it.
  const agent = new Agent({ keepAlive: true, maxSockets: count });
  const client: Client = { baseUrl, apiKey, agent, signal: abort.signal, limit: Number(limit ?? DEFAULT_LIMIT) };
  setMaxListeners(count + 1, abort.signal); // each poll in flight listens to it
  const following = Array.from({ length: count }, () =>
    follow(client, Number(after), counts, () => {
      if (++sent === count) console.log(FEED_FOLLOWERS_READY);
    }),
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
