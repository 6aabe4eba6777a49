import type { Worker } from 'node:worker_threads';
import { Logger } from '@nestjs/common';
import { DigestTamperedError, type SigningResult } from '@app/integrity';
import type { SigningThreadData, SigningThreadReply, SigningThreadRequest } from './digest-signing.protocol';
import { startModuleWorker } from '../../infrastructure/module-worker';
import { idleAfter } from './signing-duty';

/** How long a stop waits for the round under way to commit before the thread is ended. */
const STOP_TIMEOUT_MS = 10_000;

/**
 * The thread's young generation, in MB (V8 gives a worker 48). A round allocates fast (every
 * event's row and texts, read once) and keeps only its countersigned rows, so a small one costs
 * few collections: an isolated signer over 134,628 new events on a 1M-event store, five
 * alternated runs, peaked at 202-221 MB of RSS against 243-281, for 7.9-8.7 s of CPU against
 * 7.2-10.2 (4 MB: ~9 % more CPU).
 */
export const SIGNING_THREAD_YOUNG_GENERATION_MB = 8;

type Waiting = Readonly<{
  thread: Worker;
  resolve: (result: SigningResult | null) => void;
  reject: (error: Error) => void;
}>;

/**
 * Signs digests on a worker thread with connections of its own, for the SQLite store: a round
 * reads, re-hashes and countersigns every new event (~25 µs an event) and commits up to 50,000
 * rows, which on the event loop held requests for up to a second each minute. The thread starts on
 * the first request and stays; if it fails, the request gets the error and the next one starts a
 * new thread. Same rows, heads and digests as `DigestSigner` in process, which it runs. The thread
 * runs at background priority: a round after a busy minute took a full core for ~15 s, on a
 * 2-core machine, from the requests it shares the cores with; now it takes what they leave. That
 * was not enough on this machine, so the periodic rounds also pause (signing-duty.ts).
 */
export class DigestSigningThread {
  private thread: Worker | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private readonly logger = new Logger('AuditDigests');

  constructor(
    private readonly data: SigningThreadData,
    private readonly now: () => string,
  ) {}

  /**
   * Signs rounds until the digest covers the whole log; the digests are dated by `now` at the
   * request. The thread works `duty` of the time, pausing after each page and commit (1: no pauses).
   */
  signAll(duty = 1): Promise<SigningResult | null> {
    idleAfter(0, duty); // a duty out of (0, 1] is refused here, not on the thread
    const thread = this.thread ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { thread, resolve, reject });
      thread.ref();
      this.send(thread, { kind: 'sign', id, signedAt: this.now(), duty });
    });
  }

  /** Has the signing under way, if any, work at least `duty` of the time from now on (its pause under way ends). */
  hurry(duty = 1): void {
    idleAfter(0, duty);
    if (this.thread) this.send(this.thread, { kind: 'hurry', duty });
  }

  /** Lets the round under way commit, then ends the thread. */
  async close(): Promise<void> {
    const thread = this.thread;
    if (!thread) return;
    const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
    thread.ref();
    this.send(thread, { kind: 'stop' });
    const timer = setTimeout(() => void thread.terminate(), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  private start(): Worker {
    const thread = startModuleWorker(__filename, 'digest-signing.worker', this.data, 'background', {
      maxYoungGenerationSizeMb: SIGNING_THREAD_YOUNG_GENERATION_MB,
    });
    thread.unref();
    thread.on('message', (reply: SigningThreadReply) => this.answer(thread, reply));
    thread.on('error', (error) => this.fail(thread, error));
    thread.on('exit', (code) => this.fail(thread, new Error(`the digest signing thread stopped (exit code ${code})`)));
    this.thread = thread;
    return thread;
  }

  private send(thread: Worker, request: SigningThreadRequest): void {
    thread.postMessage(request);
  }

  private answer(thread: Worker, reply: SigningThreadReply): void {
    if ('notice' in reply) return this.logger.log(reply.notice);
    const waiting = this.waiting.get(reply.id);
    this.waiting.delete(reply.id);
    if (![...this.waiting.values()].some((each) => each.thread === thread)) thread.unref();
    if (!waiting) return;
    if ('result' in reply) return waiting.resolve(reply.result);
    const { name, message } = reply.error;
    const error = name === 'DigestTamperedError' ? new DigestTamperedError(message) : new Error(message);
    waiting.reject(error);
  }

  /** The thread is gone: whoever waits gets the reason, and the next request starts a new thread. */
  private fail(thread: Worker, error: Error): void {
    if (this.thread === thread) this.thread = null;
    for (const [id, waiting] of this.waiting) {
      if (waiting.thread !== thread) continue;
      this.waiting.delete(id);
      waiting.reject(error);
    }
  }
}
