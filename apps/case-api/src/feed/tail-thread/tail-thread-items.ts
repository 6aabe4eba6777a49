import type { Worker } from 'node:worker_threads';
import { Logger } from '@nestjs/common';
import { SqliteEventStore, type EventStore, type RecordedEvent } from '@app/event-store';
import { startModuleWorker } from '../../infrastructure/module-worker';
import { isApplicationEvent } from '../change-feed';
import type { SerialisedItem } from '../feed-page';
import { InProcessTailItems, type TailItems } from '../tail-items';
import { decodeBatch } from './tail-batch';
import type { TailThreadData, TailThreadReply, TailThreadRequest } from './tail-thread.protocol';

/** How long the thread's reads wait for a write lock (they take none: WAL readers do not block). */
const TAIL_THREAD_BUSY_TIMEOUT_MS = 5000;
/**
 * The least time between two pages sent to the thread. Each message wakes it, which cost the event
 * loop ~40 µs under load (postMessage, at a few hundred commits a second); the events stored
 * meanwhile join the next page the tail reads, so a busy log goes over in a few dozen messages a
 * second. It is a tenth of FEED_LINGER_MS, the gathering time of a poll.
 */
const MIN_SEND_INTERVAL_MS = 25;
/**
 * The thread's young generation, in MB (V8 gives a worker 48). The tail's garbage is short-lived
 * (each page's rows and texts): on a copy of the 1M store, 20 s of submissions, a round of 100
 * long-polling followers and 20 s more, the service's anonymous memory at its peak was 254 and
 * 255 MB against 278 and 287 MB with V8's default, the rounds at ×0.964 and ×1.028 against ×1.008
 * and ×0.936 (two alternated pairs, 2026-12-08).
 */
export const TAIL_THREAD_YOUNG_GENERATION_MB = 8;
/** How long a close waits for the thread to close its connection before it is ended. */
const STOP_TIMEOUT_MS = 5000;

/** Starts the thread's module with `data`. */
export type StartTailThread = (data: TailThreadData) => Worker;

const startTailThread: StartTailThread = (data) =>
  startModuleWorker(__filename, 'tail-thread.worker', data, 'normal', {
    maxYoungGenerationSizeMb: TAIL_THREAD_YOUNG_GENERATION_MB,
  });

type Waiting = Readonly<{
  page: readonly RecordedEvent[];
  resolve: (items: SerialisedItem[]) => void;
  reject: (error: unknown) => void;
}>;

/** On the SQLite store the tail's work is done on a thread of its own; on the memory and KurrentDB stores, on the event loop. */
export function tailItemsFor(store: EventStore): TailItems {
  const inProcess = () => new InProcessTailItems(store);
  if (!(store instanceof SqliteEventStore) || store.filePath === ':memory:') return inProcess();
  return new TailThreadItems({ eventsFile: store.filePath, busyTimeoutMs: TAIL_THREAD_BUSY_TIMEOUT_MS }, inProcess);
}

/**
 * The tail's work (TailItems) on a worker thread that reads the SQLite log itself: the event loop
 * sends where each page lies in the log and gets its items' bytes back, transferred, each item's
 * JSON and its Server-Sent Event built there (25–35 µs an event that the event loop no longer
 * spends). Until the thread has opened the log, and from the moment it fails (an error, a page it
 * could not read as given, its exit), the pages are done on the event loop (`fallback`), the
 * page it was doing included, in order: every page is answered once, by one or the other.
 */
export class TailThreadItems implements TailItems {
  private readonly thread: Worker;
  private onThread = false;
  private failed = false;
  private readonly fallback: TailItems;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  /** When the last page went to the thread (performance.now()). */
  private lastSent = -Infinity;
  /** Once the thread failed: the fallback's work on the pages it had not answered. */
  private takenOver: Promise<unknown> = Promise.resolve();
  private readonly exited: Promise<void>;
  /** True once the thread has opened the log (the pages go to it from then on), false when it failed first. */
  readonly ready: Promise<boolean>;
  private becameReady: (ready: boolean) => void = () => undefined;

  constructor(data: TailThreadData, fallbackOf: () => TailItems, start: StartTailThread = startTailThread) {
    this.fallback = fallbackOf();
    this.ready = new Promise((resolve) => (this.becameReady = resolve));
    this.thread = start(data);
    this.thread.unref();
    this.exited = new Promise((resolve) => this.thread.once('exit', () => resolve()));
    this.thread.on('message', (reply: TailThreadReply) => this.answer(reply));
    this.thread.on('error', (error) => this.failOver(error.message));
    this.thread.on('exit', (code) => this.failOver(`it stopped (exit code ${code})`));
  }

  async itemsOf(page: readonly RecordedEvent[]): Promise<SerialisedItem[]> {
    const last = page.at(-1);
    if (this.failed) return this.takenOver.then(() => this.fallback.itemsOf(page));
    if (!this.onThread || !last) return this.fallback.itemsOf(page);
    if (!page.some(isApplicationEvent)) return [];
    // A timer can fire early against performance.now() (it counts from the loop's cached time), so look again.
    for (let wait = this.lastSent + MIN_SEND_INTERVAL_MS - performance.now(); wait > 0;) {
      await new Promise((resolve) => setTimeout(resolve, Math.ceil(wait)));
      wait = this.lastSent + MIN_SEND_INTERVAL_MS - performance.now();
    }
    if (this.failed) return this.takenOver.then(() => this.fallback.itemsOf(page));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { page, resolve, reject });
      this.send({ kind: 'page', id, after: page[0].position - 1, count: page.length, to: last.position });
      // Taken once the page is sent, so the next page leaves at least MIN_SEND_INTERVAL_MS after this one left.
      this.lastSent = performance.now();
    });
  }

  /** Lets the thread close its connection, then ends it; a page still waiting is done on the event loop. */
  async close(): Promise<void> {
    if (!this.failed) {
      this.failed = true;
      this.becameReady(false);
      this.send({ kind: 'stop' });
      const timer = setTimeout(() => void this.thread.terminate(), STOP_TIMEOUT_MS);
      await this.exited;
      clearTimeout(timer);
    }
    await this.fallback.close();
  }

  private send(request: TailThreadRequest): void {
    this.thread.postMessage(request);
  }

  private answer(reply: TailThreadReply): void {
    if (reply.kind === 'ready') {
      this.onThread = !this.failed;
      return this.becameReady(this.onThread);
    }
    const waiting = this.waiting.get(reply.id);
    if (!waiting || this.failed) return;
    if (reply.kind === 'failed') return this.failOver(reply.message);
    this.waiting.delete(reply.id);
    waiting.resolve(decodeBatch(reply.batch));
  }

  /** The thread failed or stopped: it is ended, and the pages it had not answered are done here, in order. */
  private failOver(reason: string): void {
    if (!this.failed)
      new Logger('FeedTail').warn(`The feed tail's thread failed (${reason}): its work goes on in process`);
    this.failed = true;
    this.becameReady(false);
    void this.thread.terminate();
    const pending = [...this.waiting.values()];
    this.waiting.clear();
    for (const { page, resolve, reject } of pending)
      this.takenOver = this.takenOver.then(() => this.fallback.itemsOf(page).then(resolve, reject));
  }
}
