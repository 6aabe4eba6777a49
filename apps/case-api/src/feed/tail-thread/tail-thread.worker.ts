import { parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore } from '@app/event-store';
import { isApplicationEvent } from '../change-feed';
import { TailRedaction } from '../tail-redaction';
import { encodeBatch, transferablesOf } from './tail-batch';
import type { TailThreadData, TailThreadReply, TailThreadRequest } from './tail-thread.protocol';

/**
 * The feed tail's thread (see TailThreadItems): its own connection to the event log; each page it
 * is given it reads, redacts (TailRedaction, as the tail on the event loop does), serialises and
 * encodes, one page at a time in the order given.
 */
const data = workerData as TailThreadData;
const port = parentPort!;
const store = new SqliteEventStore(data.eventsFile, { busyTimeoutMs: data.busyTimeoutMs });
const redaction = new TailRedaction(store);
let queue: Promise<void> = Promise.resolve();

port.on('message', (request: TailThreadRequest) => {
  queue = queue.then(() => (request.kind === 'stop' ? close() : answer(request)));
});
reply({ kind: 'ready' });

async function answer({ id, after, count, to }: Extract<TailThreadRequest, { kind: 'page' }>): Promise<void> {
  try {
    const events = await store.readAll({ after, limit: count });
    if (events.length !== count || events.at(-1)?.position !== to)
      throw new Error(`the log after ${after} up to ${to} is not the page of ${count} events the tail follows`);
    const batch = encodeBatch(await redaction.itemsOf(events.filter(isApplicationEvent)));
    port.postMessage({ kind: 'items', id, batch } satisfies TailThreadReply, transferablesOf(batch));
  } catch (error) {
    reply({ kind: 'failed', id, message: error instanceof Error ? error.message : String(error) });
  }
}

function reply(message: TailThreadReply): void {
  port.postMessage(message);
}

async function close(): Promise<void> {
  await store.close();
  port.close();
}
