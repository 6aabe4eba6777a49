import { WrongExpectedRevisionError, type EventStore, type EventToAppend } from '@app/event-store';
import type { CommandContext } from '../../pipeline/command-context';
import { envelope } from '../../pipeline/event-envelope';
import { readStreamOrEmpty } from '../../pipeline/stream-loader';
import {
  PERSONAL_DATA_REVEALED,
  RECORD_PERSONAL_DATA_REVEAL,
  accessLogStreamName,
  type PersonalDataRevealedData,
} from './access-log-events';

/** The last link of a day's stream: its revision (-1 when empty) and hash. */
type ChainHead = Readonly<{ revision: number; lastHash: string | null }>;

type PendingReveal = Readonly<{
  stream: string;
  data: PersonalDataRevealedData;
  context: CommandContext;
  settle: (error?: Error) => void;
}>;

/** Reveals appended together at most; a burst beyond it waits for the next append. */
const MAX_REVEALS_PER_APPEND = 100;
const MAX_ATTEMPTS = 5;

/**
 * Appends one `PersonalDataRevealed` event per reveal to the day's access-log stream, chained like
 * a case's events (`envelope`). Reveals that arrive while an append is in flight are appended
 * together by the next one, so concurrent reveals neither conflict with each other nor wait for an
 * append each. Another process appending to the same day (the audit CLI) is a conflict: the head
 * is read again and the batch retried. `record` resolves once the reveal is stored, and rejects
 * when it could not be: the caller must then not show the data.
 */
export class AccessLogWriter {
  private readonly heads = new Map<string, ChainHead>();
  private pending: PendingReveal[] = [];
  private draining = false;

  constructor(private readonly store: EventStore) {}

  record(data: PersonalDataRevealedData, context: CommandContext): Promise<void> {
    return new Promise((resolve, reject) => {
      const settle = (error?: Error) => (error === undefined ? resolve() : reject(error));
      this.pending.push({ stream: accessLogStreamName(context.now), data, context, settle });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.pending.length > 0) {
        const stream = this.pending[0].stream;
        const batch = this.pending.filter((reveal) => reveal.stream === stream).slice(0, MAX_REVEALS_PER_APPEND);
        this.pending = this.pending.filter((reveal) => !batch.includes(reveal));
        const failure = await this.append(stream, batch).then(
          () => undefined,
          (error: unknown) => (error instanceof Error ? error : new Error('the access log could not be appended to')),
        );
        for (const reveal of batch) reveal.settle(failure);
      }
    } finally {
      this.draining = false;
    }
  }

  private async append(stream: string, batch: readonly PendingReveal[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const head = this.heads.get(stream) ?? (await this.readHead(stream));
      const events = chained(stream, batch, head);
      try {
        const result = await this.store.appendToStream(stream, events, {
          expectedRevision: head.revision < 0 ? 'no-stream' : head.revision,
        });
        this.heads.clear();
        this.heads.set(stream, { revision: result.nextExpectedRevision, lastHash: hashOf(events.at(-1)) });
        return;
      } catch (error) {
        this.heads.delete(stream);
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private async readHead(stream: string): Promise<ChainHead> {
    const last = (await readStreamOrEmpty(this.store, stream)).at(-1);
    return last ? { revision: last.revision, lastHash: hashOf(last) } : { revision: -1, lastHash: null };
  }
}

/** The batch as the next links of the day's chain, each reveal with its own actor, time and ids. */
function chained(stream: string, batch: readonly PendingReveal[], head: ChainHead): EventToAppend[] {
  let previous = head;
  return batch.map(({ data, context }) => {
    const [event] = envelope(stream, [{ type: PERSONAL_DATA_REVEALED, data }], RECORD_PERSONAL_DATA_REVEAL, context, {
      firstRevision: previous.revision + 1,
      previousHash: previous.lastHash,
    });
    previous = { revision: previous.revision + 1, lastHash: hashOf(event) };
    return event;
  });
}

const hashOf = (event: Readonly<{ metadata: Readonly<Record<string, unknown>> }> | undefined): string | null =>
  typeof event?.metadata.hash === 'string' ? event.metadata.hash : null;
