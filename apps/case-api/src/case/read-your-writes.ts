import { Inject, Injectable, Logger } from '@nestjs/common';
import { EVENT_STORE, type CommandOutcome } from '@app/application';
import { applicationStreamName, familyPrincipalIdOf, type ApplicationState } from '@app/domain';
import type { EventStore, RecordedEvent } from '@app/event-store';
import { ProjectionRunner, caseViewProjection, messageOf, type ReactionCause } from '@app/projections';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../infrastructure/infrastructure.tokens';

/** Rounds of reactions to reactions on one case that an answer follows (a number, then an over-cap closing the family follows). */
const MAX_REACTION_ROUNDS = 4;

/**
 * Consistency by position on one instance. A command's answer waits (bounded) only for what it
 * shows: the processes that react to its events (an intake number, an over-cap cancellation, a
 * family following its principal), round after round while they add to the case; the answer is the
 * command's state with those reactions folded in, so it does not wait for the case view, except
 * for the family it lists (`beforeFamilyView`). It never waits for read models it does not show
 * (statistics, the intake ledger, timers). A read waits for its own read model to reach every
 * write this instance has answered, with what the processes appended in reaction to it. The
 * command has committed either way: a slow projection only delays an answer, it never turns a
 * committed command into an error, and a read that times out serves what its read model holds.
 */
@Injectable()
export class ReadYourWrites {
  private readonly logger = new Logger('ReadYourWrites');
  /** Every write this instance answered, and what the processes appended in reaction to it, is at or below this position. */
  private answeredUpTo = 0;
  /** The last event of every family member's case this instance answered is at or below this position. */
  private familyAnsweredUpTo = 0;

  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Waits until the processes reacting to a command on `applicationId` have added to the case, and
   * gives what they added (the case's events after the command's, in order) for the answer to show.
   */
  async settle(applicationId: string, outcome: CommandOutcome<unknown>): Promise<RecordedEvent[]> {
    if (outcome.position <= 0) return [];
    this.answered(outcome.position);
    const deadline = performance.now() + this.config.readYourWritesTimeoutMs;
    const left = () => Math.max(0, Math.round(deadline - performance.now()));
    const reactions: RecordedEvent[] = [];
    try {
      const streamName = applicationStreamName(applicationId);
      let last = { position: outcome.position, revision: outcome.revision ?? -1 };
      let caused: readonly ReactionCause[] = outcome.events.map(({ type, data }) => ({ streamName, type, data }));
      let reacted = false;
      for (let round = 0; round < MAX_REACTION_ROUNDS && caused.length > 0; round++) {
        const reacting = [...new Set(caused.flatMap((event) => this.runner.reactingTo(event)))];
        if (reacting.length === 0) break;
        reacted = true;
        await this.runner.waitForWorkers(reacting, last.position, left());
        const added =
          this.store.recentStreamEvents?.(streamName, last.position) ??
          (await this.store.readStream(streamName, { fromRevision: last.revision + 1 }));
        if (added.length === 0) break;
        reactions.push(...added);
        last = added[added.length - 1];
        caused = added;
      }
      // What the answer shows, whoever appended it, and what this instance's processes appended in
      // reaction, in other streams too; another process's appends to other streams are not waited for.
      this.answered(last.position);
      if (reacted) this.answered(this.store.lastAppendedPosition());
    } catch (error) {
      this.logger.warn(`the answer to a command on ${applicationId} did not wait for everything: ${messageOf(error)}`);
    }
    return reactions;
  }

  /**
   * Before an answer lists the family of a case whose last event is at `position` (M7: the members
   * linked to the principal, which only the case view knows): a family member's case waits until
   * the case view holds it, and every case until the case view holds each family member's case
   * this instance answered. A principal with no member answered here waits for nothing.
   */
  async beforeFamilyView(state: ApplicationState, position: number): Promise<void> {
    if (state.status === 'new') return;
    const member = familyPrincipalIdOf(state) !== state.applicationId;
    if (member && position > this.familyAnsweredUpTo) this.familyAnsweredUpTo = position;
    const needed = this.familyAnsweredUpTo;
    if (needed === 0 || this.runner.reached([caseViewProjection.name], needed)) return;
    await this.runner
      .waitForWorkers([caseViewProjection.name], needed, this.config.readYourWritesTimeoutMs)
      .catch((error: unknown) =>
        this.logger.warn(`the case view is behind position ${needed}, the family shown as it is: ${messageOf(error)}`),
      );
  }

  /**
   * Before a read of `readModel` (a projection's name): nothing when it already shows every write
   * this instance answered, else a wait (bounded) until it does.
   */
  beforeRead(readModel: string): Promise<void> | undefined {
    const position = this.answeredUpTo;
    if (position === 0 || this.runner.reached([readModel], position)) return undefined;
    return this.runner
      .waitForWorkers([readModel], position, this.config.readYourWritesTimeoutMs)
      .catch((error: unknown) =>
        this.logger.warn(`${readModel} is behind position ${position}, read as it is: ${messageOf(error)}`),
      );
  }

  private answered(position: number): void {
    if (position > this.answeredUpTo) this.answeredUpTo = position;
  }
}
