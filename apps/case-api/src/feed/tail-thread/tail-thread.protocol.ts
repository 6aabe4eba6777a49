import type { EncodedBatch } from './tail-batch';

/** What the feed tail's thread is started with: the SQLite event log's file, opened with a connection of its own. */
export type TailThreadData = Readonly<{ eventsFile: string; busyTimeoutMs: number }>;

/**
 * A page of the log for the thread: the `count` events after `after`, the last at `to` (the thread
 * reads them itself and checks it read exactly these); or the end of the thread.
 */
export type TailThreadRequest =
  Readonly<{ kind: 'page'; id: number; after: number; count: number; to: number }> | Readonly<{ kind: 'stop' }>;

/** The thread has opened the log and takes pages; a page's items; or why it could not give them. */
export type TailThreadReply =
  | Readonly<{ kind: 'ready' }>
  | Readonly<{ kind: 'items'; id: number; batch: EncodedBatch }>
  | Readonly<{ kind: 'failed'; id: number; message: string }>;
