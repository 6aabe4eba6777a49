import type { Command, Decider, Event } from '@app/kernel';
import { WrongExpectedRevisionError, type EventStore, type RecordedEvent } from '@app/event-store';
import type { CommandContext } from './command-context';
import { envelope } from './event-envelope';
import { ConcurrencyExhaustedError, PreconditionFailedError } from './pipeline.errors';
import { asStoredShape, loadStream, type EventReader, type LoadedStream } from './stream-loader';

export type CommandOutcome<S> = Readonly<{
  state: S;
  /** Revision of the stream's last event after the command, null if the stream is still empty. */
  revision: number | null;
  /** Global position of the command's last event (or of the stream's last event if it appended none). */
  position: number;
  /** Events this command appended (or had appended on an earlier, identical attempt). */
  events: readonly RecordedEvent[] | readonly { type: string; data: unknown }[];
  /** True when the command id was already in the stream: nothing was appended this time. */
  alreadyApplied: boolean;
}>;

export const DEFAULT_MAX_ATTEMPTS = 5;

export type RunOptions<C, E extends Event, S> = Readonly<{
  /** Turns a stored event into the domain's current shape; default `asStoredShape`. */
  read?: EventReader<E>;
  /**
   * Completes the command from the stream's folded state before `decide` (on every attempt), for
   * commands that need data from elsewhere chosen by that state: the stream is read once, here.
   */
  prepare?: (command: C, state: S) => C | Promise<C>;
}>;

/**
 * The write path of shared/DESIGN.md: read the stream, fold `evolve`, `decide`, append with the
 * expected revision. A conflict re-reads and decides again (bounded), unless the caller pinned a
 * revision with If-Match (then 412). A command id already in the stream is answered from what it
 * appended then, so a retried request never appends twice.
 */
export class CommandPipeline {
  constructor(
    private readonly store: EventStore,
    private readonly maxAttempts = DEFAULT_MAX_ATTEMPTS,
  ) {}

  async run<C extends Command, E extends Event, S>(
    decider: Decider<C, E, S>,
    stream: string,
    command: C,
    context: CommandContext,
    { read = asStoredShape, prepare }: RunOptions<C, E, S> = {},
  ): Promise<CommandOutcome<S>> {
    for (let attempt = 1; ; attempt++) {
      const loaded = await loadStream(this.store, decider, stream, read);
      const earlier = loaded.events.filter((event) => event.metadata.commandId === context.commandId);
      if (earlier.length > 0) return this.replayed(loaded, earlier);
      this.checkPinnedRevision(stream, loaded.revision, context);

      const prepared = prepare ? await prepare(command, loaded.state) : command;
      const decided = decider.decide(prepared, loaded.state);
      if (decided.length === 0) return this.unchanged(loaded);
      const toAppend = envelope(stream, decided, command.type, context, {
        firstRevision: (loaded.revision ?? -1) + 1,
        previousHash: (loaded.events.at(-1)?.metadata.hash as string | undefined) ?? null,
      });
      try {
        const result = await this.store.appendToStream(stream, toAppend, {
          expectedRevision: loaded.revision ?? 'no-stream',
        });
        const state = decided.reduce(decider.evolve, loaded.state);
        return {
          state,
          revision: result.nextExpectedRevision,
          position: result.position,
          events: decided,
          alreadyApplied: false,
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (context.expectedRevision !== undefined) {
          throw new PreconditionFailedError(stream, context.expectedRevision, revisionOf(error.actual));
        }
        if (attempt >= this.maxAttempts) throw new ConcurrencyExhaustedError(stream, attempt);
      }
    }
  }

  private checkPinnedRevision(stream: string, revision: number | null, context: CommandContext): void {
    if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
      throw new PreconditionFailedError(stream, context.expectedRevision, revision);
    }
  }

  private replayed<S>(loaded: LoadedStream<S>, earlier: readonly RecordedEvent[]): CommandOutcome<S> {
    const last = earlier[earlier.length - 1];
    return {
      state: loaded.state,
      revision: loaded.revision,
      position: last.position,
      events: earlier,
      alreadyApplied: true,
    };
  }

  private unchanged<S>(loaded: LoadedStream<S>): CommandOutcome<S> {
    const position = loaded.events.at(-1)?.position ?? 0;
    return { state: loaded.state, revision: loaded.revision, position, events: [], alreadyApplied: false };
  }
}

const revisionOf = (actual: number | 'no-stream'): number | null => (actual === 'no-stream' ? null : actual);
