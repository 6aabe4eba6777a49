/**
 * Change-feed clients for the bench, in a process of their own so that their JSON parsing does not
 * share autocannon's event loop:
 *   node -r scripts/swc-register.js bench/http/feed-followers.ts <baseUrl> <apiKey> <clients> <after>
 * Each client long-polls GET /v1/feed from `after` (waitSeconds=30, limit 100) and follows
 * `nextAfter`, as an integration tailing the log does. Prints `following` once every client has
 * sent its first request; on SIGTERM, or when its stdin closes (the bench is gone), it aborts the
 * polls and prints one JSON line of counts.
 * (The followers themselves are not measured: only what they cost the submissions.)
 */
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
}>;

const WAIT_SECONDS = 30;
const LIMIT = 100;
const FAILURE_PAUSE_MS = 100;

async function follow(
  baseUrl: string,
  apiKey: string,
  after: number,
  signal: AbortSignal,
  counts: { requests: number; events: number; failures: number },
  firstSent: () => void,
): Promise<void> {
  for (let cursor = after, first = true; !signal.aborted; first = false) {
    const url = `${baseUrl}/v1/feed?after=${cursor}&limit=${LIMIT}&waitSeconds=${WAIT_SECONDS}`;
    const answer = fetch(url, { headers: { authorization: `Bearer ${apiKey}` }, signal });
    if (first) firstSent();
    try {
      const response = await answer;
      const page = (await response.json()) as { events?: unknown[]; nextAfter?: number };
      counts.requests++;
      if (response.status !== 200 || typeof page.nextAfter !== 'number') {
        counts.failures++;
        continue;
      }
      counts.events += page.events?.length ?? 0;
      cursor = page.nextAfter;
    } catch {
      if (signal.aborted) return;
      counts.failures++;
      await new Promise((resolve) => setTimeout(resolve, FAILURE_PAUSE_MS)); // no busy loop on a refused connection
    }
  }
}

function main(): void {
  const [baseUrl, apiKey, clients, after] = process.argv.slice(2);
  const abort = new AbortController();
  const counts = { requests: 0, events: 0, failures: 0 };
  let sent = 0;
  const count = Number(clients);
  const following = Array.from({ length: count }, () =>
    follow(baseUrl, apiKey, Number(after), abort.signal, counts, () => {
      if (++sent === count) console.log(FEED_FOLLOWERS_READY);
    }),
  );
  const started = performance.now();
  const stop = () => {
    if (abort.signal.aborted) return;
    abort.abort();
    void Promise.allSettled(following).then(() => {
      const summary: FeedFollowerCounts = { clients: count, ...counts, seconds: (performance.now() - started) / 1000 };
      console.log(JSON.stringify(summary));
      process.exit(0);
    });
  };
  process.once('SIGTERM', stop);
  // The bench holds our stdin: when it ends (the bench exited, even killed), the followers stop too.
  process.stdin.once('end', stop).resume();
}

if (require.main === module) main();
