import { Inject, Injectable, Logger } from '@nestjs/common';
import { EVENT_STORE, type CommandOutcome } from '@app/application';
import { applicationStreamName } from '@app/domain';
import type { EventStore } from '@app/event-store';
import { ProjectionRunner, caseViewProjection, messageOf, type ReactionCause } from '@app/projections';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../infrastructure/infrastructure.tokens';

/** Rounds of reactions to reactions on one case that an answer follows (a number, then an over-cap closing the family follows). */
const MAX_REACTION_ROUNDS = 4;

/**
 * Consistency by position on one instance. A command's answer waits (bounded) only for what it
 * shows: the processes that react to its events (an intake number, an over-cap cancellation, a
 * family following its principal), round after round while they add to the case, then the case
 * view up to the case's last event; never for read models it does not show (statistics, the
 * intake ledger, timers). A read waits for its own read model to reach every write this instance
 * has answered, with what the processes appended in reaction to it. The command has committed
 * either way: a slow projection only delays an answer, it never turns a committed command into an
 * error, and a read that times out serves what its read model holds.
 */
@Injectable()
export class ReadYourWrites {
  private readonly logger = new Logger('ReadYourWrites');
  /** Every write this instance answered, and what the processes appended in reaction to it, is at or below this position. */
  private answeredUpTo = 0;

  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Waits until the answer to a command on `applicationId` can show the processes' reactions and the case view shows the case. */
  async settle(applicationId: string, outcome: CommandOutcome<unknown>): Promise<void> {
    if (outcome.position <= 0) return;
    this.answered(outcome.position);
    const deadline = performance.now() + this.config.readYourWritesTimeoutMs;
    const left = () => Math.max(0, Math.round(deadline - performance.now()));
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
        const added = await this.store.readStream(streamName, { fromRevision: last.revision + 1 });
        if (added.length === 0) break;
        last = added[added.length - 1];
        caused = added;
      }
      this.answered(reacted ? await this.store.headPosition() : last.position);
      await this.runner.waitForWorkers([caseViewProjection.name], last.position, left());
    } catch (error) {
      this.logger.warn(`the answer to a command on ${applicationId} did not wait for everything: ${messageOf(error)}`);
    }
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
