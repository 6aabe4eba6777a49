import type { Command, Decider, Event } from '@app/kernel';
import { WrongExpectedRevisionError, type EventStore, type RecordedEvent } from '@app/event-store';
import type { CommandContext } from './command-context';
import { envelope } from './event-envelope';
import { ConcurrencyExhaustedError, PreconditionFailedError } from './pipeline.errors';
import { asStoredShape, loadStream, type EventReader } from './stream-loader';
import type { CachedStream, StreamCacheStats, StreamStateCache } from './stream-state-cache';

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
 * appended then, so a retried request never appends twice. With a cache, a command on a stream
 * decided here before reads nothing: the append's expected revision still guards it, and a
 * conflict drops the entry and reads the stream.
 */
export class CommandPipeline {
  constructor(
    private readonly store: EventStore,
    private readonly maxAttempts = DEFAULT_MAX_ATTEMPTS,
    private readonly cache: StreamStateCache | null = null,
  ) {}

  async run<C extends Command, E extends Event, S>(
    decider: Decider<C, E, S>,
    stream: string,
    command: C,
    context: CommandContext,
    { read = asStoredShape, prepare }: RunOptions<C, E, S> = {},
  ): Promise<CommandOutcome<S>> {
    for (let attempt = 1; ; attempt++) {
      const basis =
        (attempt === 1 ? this.cached(stream, context) : undefined) ?? (await this.load(decider, stream, read));
      const earlier = basis.events?.filter((event) => event.metadata.commandId === context.commandId) ?? [];
      if (earlier.length > 0) return this.replayed(basis, earlier);
      this.checkPinnedRevision(stream, basis.revision, context);

      const state = basis.state as S;
      // Awaited only when it is a promise: most commands need nothing more, and each await costs a command.
      const preparing = prepare ? prepare(command, state) : command;
      const prepared = preparing instanceof Promise ? await preparing : preparing;
      const decided = decider.decide(prepared, state);
      if (decided.length === 0) return this.unchanged(basis);
      const toAppend = envelope(stream, decided, command.type, context, {
        firstRevision: (basis.revision ?? -1) + 1,
        previousHash: basis.lastHash,
      });
      try {
        const result = await this.store.appendToStream(stream, toAppend, {
          expectedRevision: basis.revision ?? 'no-stream',
        });
        const next = decided.reduce(decider.evolve, state);
        this.cache?.set(stream, {
          state: next,
          revision: result.nextExpectedRevision,
          lastHash: toAppend[toAppend.length - 1].metadata.hash as string,
          lastPosition: result.position,
          commandIds: new Set([...basis.commandIds, context.commandId]),
        });
        return {
          state: next,
          revision: result.nextExpectedRevision,
          position: result.position,
          events: decided,
          alreadyApplied: false,
        };
      } catch (error) {
        this.cache?.delete(stream);
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (context.expectedRevision !== undefined) {
          throw new PreconditionFailedError(stream, context.expectedRevision, revisionOf(error.actual));
        }
        if (attempt >= this.maxAttempts) throw new ConcurrencyExhaustedError(stream, attempt);
      }
    }
  }

  /**
   * The cached basis, unless the command may have been decided before (its id is in the stream:
   * the stored events answer it) or the caller pinned another revision (the entry may be stale:
   * only the stream says whether it is a 412).
   */
  private cached(stream: string, context: CommandContext): Basis | undefined {
    const entry = this.cache?.get(stream);
    if (!entry || entry.commandIds.has(context.commandId)) return undefined;
    if (context.expectedRevision !== undefined && context.expectedRevision !== entry.revision) return undefined;
    return { ...entry, events: null };
  }

  private async load<E extends Event, S>(
    decider: Decider<never, E, S>,
    stream: string,
    read: EventReader<E>,
  ): Promise<Basis> {
    const { state, events, revision } = await loadStream(this.store, decider, stream, read);
    const last = events.at(-1);
    const commandIds = new Set(
      events.flatMap((event) => (typeof event.metadata.commandId === 'string' ? [event.metadata.commandId] : [])),
    );
    const entry: CachedStream = {
      state,
      revision,
      lastHash: typeof last?.metadata.hash === 'string' ? last.metadata.hash : null,
      lastPosition: last?.position ?? 0,
      commandIds,
    };
    this.cache?.set(stream, entry);
    return { ...entry, events };
  }

  /** The stream-state cache's size and hit counts (for /metrics), null without a cache. */
  cacheStats(): StreamCacheStats | null {
    return this.cache?.stats() ?? null;
  }

  private checkPinnedRevision(stream: string, revision: number | null, context: CommandContext): void {
    if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
      throw new PreconditionFailedError(stream, context.expectedRevision, revision);
    }
  }

  private replayed<S>(basis: Basis, earlier: readonly RecordedEvent[]): CommandOutcome<S> {
    const last = earlier[earlier.length - 1];
    return {
      state: basis.state as S,
      revision: basis.revision,
      position: last.position,
      events: earlier,
      alreadyApplied: true,
    };
  }

  private unchanged<S>(basis: Basis): CommandOutcome<S> {
    return {
      state: basis.state as S,
      revision: basis.revision,
      position: basis.lastPosition,
      events: [],
      alreadyApplied: false,
    };
  }
}

/** What a command is decided on: the cached entry, or the stream as just read (with its events). */
type Basis = CachedStream & Readonly<{ events: readonly RecordedEvent[] | null }>;

const revisionOf = (actual: number | 'no-stream'): number | null => (actual === 'no-stream' ? null : actual);
