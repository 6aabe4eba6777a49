/**
 * Change-feed clients for the bench, in a process of their own so that their reading does not
 * share autocannon's event loop:
 *   node -r scripts/swc-register.js bench/http/feed-followers.ts <baseUrl> <apiKey> <clients> <after> [<limit>] [poll|stream] [gzip|identity]
 * Each client follows the log from `after` as an integration tailing it does: long polls of
 * GET /v1/feed (waitSeconds=30, `limit`, 100 unless given) following `nextAfter`, or one
 * GET /v1/feed/stream of Server-Sent Events resumed with Last-Event-ID. Each reads every byte the
 * service sends on one kept-open connection, as raw HTTP/1.1 on a socket (node:http's client
 * machinery cost the followers twice the CPU; `fetch`'s WHATWG streams more still), and takes
 * the cursor and the count of items from the ends of each page or stream chunk (BodyEnds), without
 * building or scanning the items: the followers stand for integrations on other machines, and
 * their JSON parsing (about 12 µs an item, 0.85 of a core for 100 followers at 700 submissions/s
 * when measured on 2026-12-06) would otherwise be taken from the service on the two cores they
 * share. With `gzip` they ask for it, as HTTP clients do unasked (fetch, curl --compressed,
 * browsers), and inflate every byte of it.
 * Prints `following` once every client has sent its first request; on SIGTERM, or when its stdin
 * closes (the bench is gone), it stops and prints one JSON line of counts, its CPU and the
 * slowest client's cursor (how far behind the head it was).
 * (The followers themselves are not measured: only what they cost the submissions.) */
import { setMaxListeners } from 'node:events';
import { connect, type Socket } from 'node:net';
import { createGunzip, gunzipSync } from 'node:zlib';
import { AnswerHead, LengthDelimitedAnswers } from './answer-head';

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

type Client = Readonly<{
  hostname: string;
  port: number;
  /** The Host header's value. */
  host: string;
  apiKey: string;
  signal: AbortSignal;
  limit: number;
  /** Whether the client asks for gzip (`Accept-Encoding: gzip`, as HTTP clients do unasked) and inflates what comes so. */
  gzip: boolean;
}>;
type Counts = { requests: number; events: number; failures: number };
/** One client: it starts after `cursors[index]` and keeps its cursor there as it reads. */
type Follower = Readonly<{ client: Client; counts: Counts; firstSent: () => void; cursors: number[]; index: number }>;

/**
 * The first and the last bytes of a body read chunk by chunk, without holding or copying the rest:
 * the followers take what they report from these ends alone (a page's first position and its
 * `nextAfter`, a stream's last `id:`). Counting the items' markers in every byte (`Buffer.indexOf`)
 * was half of the followers' JavaScript CPU (profile of `npm run bench:feed -- --cpu-prof`,
 * 2026-12-07), CPU that the followers, which stand for integrations on other machines, took from
 * the service on the two cores they share.
 */
export class BodyEnds {
  /** The body's first bytes, at most HEAD_BYTES, as latin1 text. */
  head = '';
  /** The end of the bytes read so far, at most TAIL_BYTES. */
  tail: Buffer = Buffer.alloc(0);

  add(chunk: Buffer): void {
    if (this.head.length < HEAD_BYTES)
      this.head += chunk.toString('latin1', 0, Math.min(chunk.length, HEAD_BYTES - this.head.length));
    this.tail =
      chunk.length >= TAIL_BYTES
        ? Buffer.from(chunk.subarray(chunk.length - TAIL_BYTES))
        : Buffer.concat([this.tail, chunk]).subarray(-TAIL_BYTES);
  }
}

/** Enough for a page's `{"events":[{"position":<position>,`. */
const HEAD_BYTES = 48;
/** Enough for a page's `],"nextAfter":<position>}`. */
const TAIL_BYTES = 48;
const FIRST_POSITION = /^\{"events":\[\{"position":(\d{1,16})\D/;
const PAGE_END = /\],"nextAfter":(\d{1,16})\}$/;

/**
 * A page's items: the positions from its first item's to its `nextAfter` (its last item's), both
 * read from the page's ends; the bench's SQLite log has no gaps in its positions, and the feed
 * shows every event of it.
 */
export function pageItems(ends: BodyEnds): Readonly<{ items: number; nextAfter: number }> | null {
  const end = PAGE_END.exec(ends.tail.toString('latin1'));
  if (!end) return null;
  const nextAfter = Number(end[1]);
  const first = FIRST_POSITION.exec(ends.head);
  return { items: first ? nextAfter - Number(first[1]) + 1 : 0, nextAfter };
}

/**
 * One follower's kept-open connection, sending one long poll at a time as raw HTTP/1.1 bytes and
 * reading each answer by its Content-Length: node:http's client machinery (a ClientRequest, an
 * IncomingMessage and their listeners for every poll, ~0.3 ms of the followers' CPU a poll when
 * measured on 2026-12-06) is not what a follower on another machine would take from the service's
 * cores. An answer without Content-Length, or a closed connection, fails the poll (the next one
 * connects again).
 */
class PollConnection {
  private socket: Socket | null = null;
  private waiting: Readonly<{ resolve: (page: Page | null) => void; reject: (error: Error) => void }> | null = null;
  private readonly answers = new LengthDelimitedAnswers();
  private ends = new BodyEnds();
  /** A gzipped answer's body, inflated once whole. */
  private gzipped: Buffer[] = [];

  constructor(private readonly client: Client) {}

  /** A page's status-200 item count and cursor (null when the answer is not such a page). */
  get(path: string): Promise<Page | null> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.connected().write(
        `GET ${path} HTTP/1.1\r\nHost: ${this.client.host}\r\nAuthorization: Bearer ${this.client.apiKey}\r\n${acceptEncoding(this.client)}\r\n`,
        'latin1',
      );
    });
  }

  close(): void {
    this.socket?.destroy();
    this.fail(new Error('The follower stopped'));
  }

  private connected(): Socket {
    if (this.socket !== null && !this.socket.destroyed) return this.socket;
    // A connection given up (`broken`) may still report: only the current one speaks for the poll.
    const socket: Socket = connect({
      host: this.client.hostname,
      port: this.client.port,
      noDelay: true,
      onread: readInto((chunk) => this.socket === socket && this.receive(chunk)),
    });
    socket.on('error', (error) => this.socket === socket && this.fail(error));
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.fail(new Error("The service closed a follower's connection"));
    });
    this.answers.reset();
    this.ends = new BodyEnds();
    this.socket = socket;
    return socket;
  }

  private receive(chunk: Buffer): void {
    let status: number | null;
    try {
      status = this.answers.add(chunk, (piece) =>
        this.client.gzip ? this.gzipped.push(Buffer.from(piece)) : this.ends.add(piece),
      );
      if (status !== null && this.gzipped.length > 0) this.ends.add(inflated(this.gzipped.splice(0)));
    } catch (error) {
      return this.broken(error as Error);
    }
    if (status === null) return;
    const page = status === 200 ? pageItems(this.ends) : null;
    this.ends = new BodyEnds();
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.resolve(page);
  }

  private fail(error: Error): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(error);
  }

  /** An answer this reader cannot follow: the poll fails and the next one starts on a new connection. */
  private broken(error: Error): void {
    this.socket?.destroy();
    this.socket = null;
    this.fail(error);
  }
}

type Page = Readonly<{ items: number; nextAfter: number }>;

/**
 * Every connection reads into this one buffer (`onread`), not into a new one a read: read callbacks
 * run one at a time, and each is done with its bytes when it returns (what is kept is copied). The
 * buffers allocated a read were a quarter of the followers' JavaScript CPU in garbage collection
 * (profile of `npm run bench:feed -- --cpu-prof`, 2026-12-07).
 */
const READ_BUFFER = Buffer.allocUnsafe(1024 * 1024);
const readInto = (onChunk: (chunk: Buffer) => void) => ({
  buffer: READ_BUFFER,
  /** True: go on reading (false would pause the socket). */
  callback: (bytes: number) => {
    onChunk(READ_BUFFER.subarray(0, bytes));
    return true;
  },
});

const acceptEncoding = (client: Client) => (client.gzip ? 'Accept-Encoding: gzip\r\n' : '');
/** gzip's first two bytes: a JSON page never starts so. */
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

/** A page's body as sent (a small page comes as it is even to a client that accepts gzip), inflated when gzipped. */
function inflated(pieces: readonly Buffer[]): Buffer {
  const body = pieces.length === 1 ? pieces[0] : Buffer.concat(pieces);
  return body.subarray(0, 2).equals(GZIP_MAGIC) ? gunzipSync(body) : body;
}

async function follow({ client, counts, firstSent, cursors, index }: Follower): Promise<void> {
  const connection = new PollConnection(client);
  client.signal.addEventListener('abort', () => connection.close(), { once: true });
  for (let cursor = cursors[index], first = true; !client.signal.aborted; first = false) {
    const answer = connection.get(`/v1/feed?after=${cursor}&limit=${client.limit}&waitSeconds=${WAIT_SECONDS}`);
    if (first) firstSent();
    try {
      const page = await answer;
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

/**
 * The body of a chunked HTTP/1.1 answer as it arrives, without the chunks' framing: each piece of
 * data is handed on as a view of the bytes read; `ended` once the last (empty) chunk is read.
 */
export class ChunkedBody {
  ended = false;
  /** Data bytes left in the current chunk; -1 while reading a size line, -2 while reading a data's CRLF. */
  private remaining = -1;
  private line = '';
  private crlfLeft = 0;

  constructor(private readonly onData: (data: Buffer) => void) {}

  add(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length && !this.ended) {
      if (this.remaining === -2) {
        const skip = Math.min(this.crlfLeft, chunk.length - at);
        this.crlfLeft -= skip;
        at += skip;
        if (this.crlfLeft === 0) this.remaining = -1;
      } else if (this.remaining === -1) {
        const newline = chunk.indexOf(0x0a, at);
        this.line += chunk.toString('latin1', at, newline < 0 ? chunk.length : newline);
        if (newline < 0) return;
        at = newline + 1;
        const sizeLine = this.line;
        this.line = '';
        const size = Number.parseInt(sizeLine.trim().split(';')[0], 16);
        if (!Number.isSafeInteger(size) || size < 0) throw new Error(`A chunk size that is not one: ${sizeLine}`);
        if (size === 0) this.ended = true;
        else this.remaining = size;
      } else {
        const take = Math.min(this.remaining, chunk.length - at);
        this.onData(chunk.subarray(at, at + take));
        this.remaining -= take;
        at += take;
        if (this.remaining === 0) {
          this.remaining = -2;
          this.crlfLeft = 2;
        }
      }
    }
  }
}

/**
 * Follows GET /v1/feed/stream from `after` on one connection (raw HTTP/1.1, as the polls), keeping
 * the last `id:` of each piece of data read as the cursor and counting the positions it passed
 * (each event is one frame, its id its position), without building the items, scanning them or
 * holding the stream (see BodyEnds). Resumes with Last-Event-ID when the stream ends.
 */
async function stream({ client, counts, firstSent, cursors, index }: Follower): Promise<void> {
  let open: Socket | null = null;
  client.signal.addEventListener('abort', () => open?.destroy(), { once: true });
  for (let first = true; !client.signal.aborted; first = false) {
    const ended = new Promise<void>((resolve, reject) => {
      const socket: Socket = (open = connect({
        host: client.hostname,
        port: client.port,
        noDelay: true,
        onread: readInto((chunk) => received(chunk)),
      }));
      // Each event is a frame whose id is its position: the frames read are the positions passed.
      const onData = (data: Buffer) => {
        const last = lastIdIn(data);
        if (last === null) return;
        counts.events += Math.max(0, last - cursors[index]);
        cursors[index] = last;
      };
      const head = new AnswerHead();
      let body: ChunkedBody | null = null;
      const received = (chunk: Buffer) => {
        if (body === null) {
          const read = head.read(chunk);
          if (read === null) return;
          counts.requests++;
          if (read.status !== 200) counts.failures++;
          if (!read.chunked) return reject(new Error(`A stream not sent in chunks: ${read.text}`));
          body = new ChunkedBody(GZIPPED.test(read.text) ? inflating(onData, reject) : onData);
          chunk = read.body;
        }
        try {
          body.add(chunk);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
        if (body.ended) socket.end();
      };
      socket.on('error', reject);
      socket.on('close', () => resolve());
      socket.write(
        `GET /v1/feed/stream HTTP/1.1\r\nHost: ${client.host}\r\nAuthorization: Bearer ${client.apiKey}\r\n` +
          `Accept: text/event-stream\r\n${acceptEncoding(client)}Last-Event-ID: ${cursors[index]}\r\n\r\n`,
        'latin1',
      );
    });
    if (first) firstSent();
    await ended.catch(async () => {
      open?.destroy();
      if (client.signal.aborted) return;
      counts.failures++;
      await new Promise((resolve) => setTimeout(resolve, FAILURE_PAUSE_MS));
    });
  }
}

const GZIPPED = /\r\ncontent-encoding: *gzip/i;

/** A gzipped stream's data, inflated as it comes (on libuv's thread pool) and handed on. */
function inflating(onData: (data: Buffer) => void, fail: (error: Error) => void): (data: Buffer) => void {
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  gunzip.on('data', onData);
  gunzip.on('error', fail);
  return (data) => void gunzip.write(Buffer.from(data));
}

/** The position on the last whole `id:` line of a chunk; null when it has none (one cut by the chunk's end is skipped). */
function lastIdIn(chunk: Buffer): number | null {
  const at = chunk.lastIndexOf(FRAME_ID);
  const end = at < 0 ? -1 : chunk.indexOf(0x0a, at + FRAME_ID.length);
  if (end < 0) return null;
  const position = Number(chunk.subarray(at + FRAME_ID.length, end).toString('latin1'));
  return Number.isSafeInteger(position) ? position : null;
}

function main(): void {
  const [baseUrl, apiKey, clients, after, limit, mode, encoding] = process.argv.slice(2);
  const abort = new AbortController();
  const counts = { requests: 0, events: 0, failures: 0 };
  let sent = 0;
  const count = Number(clients);
  // One connection per client, kept open between polls, as a long-polling integration holds it.
  const url = new URL(baseUrl);
  const client: Client = {
    hostname: url.hostname,
    port: Number(url.port),
    host: url.host,
    apiKey,
    signal: abort.signal,
    limit: Number(limit || DEFAULT_LIMIT),
    gzip: encoding === 'gzip',
  };
  setMaxListeners(count + 1, abort.signal); // each follower listens to it
  const cursors = Array.from({ length: count }, () => Number(after));
  const firstSent = () => {
    if (++sent === count) console.log(FEED_FOLLOWERS_READY);
  };
  const following = cursors.map((_, index) =>
    (mode === 'stream' ? stream : follow)({ client, counts, firstSent, cursors, index }),
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
