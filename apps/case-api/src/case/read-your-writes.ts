import { Inject, Injectable, Logger } from '@nestjs/common';
import { EVENT_STORE } from '@app/application';
import type { EventStore } from '@app/event-store';
import { ProjectionRunner } from '@app/projections';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../infrastructure/infrastructure.tokens';

/**
 * After a command commits, waits (bounded) until the processes have reacted to it (an intake
 * number, an over-cap cancellation) and the read models show the result, so the caller's answer
 * and next GET see its write. The command has committed either way: a slow projection only
 * delays the answer, it never turns a committed command into an error.
 */
@Injectable()
export class ReadYourWrites {
  private readonly logger = new Logger('ReadYourWrites');

  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async settle(position: number): Promise<void> {
    if (position <= 0) return;
    const deadline = performance.now() + this.config.readYourWritesTimeoutMs;
    try {
      await this.runner.waitFor(position, this.config.readYourWritesTimeoutMs);
      const head = await this.store.headPosition();
      if (head > position) await this.runner.waitFor(head, Math.max(0, deadline - performance.now()));
    } catch (error) {
      this.logger.warn(`read models behind position ${position}: ${(error as Error).message}`);
    }
  }
}
