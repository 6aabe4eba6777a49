import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { SigningResult } from '@app/integrity';
import { SCHEDULED_ROUND_DUTY } from './digest-thread/signing-duty';

/**
 * Who signs: `DigestSigner` in process, or `DigestSigningThread` on a thread of its own, which
 * works `duty` of the time (the signer in process yields to the event loop after every page).
 */
export type DigestSigning = Readonly<{
  signAll(duty?: number): Promise<SigningResult | null>;
  /** Has the signing under way work at least `duty` of the time from now on. */
  hurry?(duty: number): void;
  close?(): Promise<void>;
}>;

/**
 * Signs a digest of the chain heads every `intervalMs` (0: only on demand), and on demand. One
 * signing at a time: a request while one runs waits for it and then signs what is new. The
 * periodic rounds work SCHEDULED_ROUND_DUTY of the time, giving way to requests; one asked for
 * works without pauses. A periodic signing still under way when the next interval comes (the log
 * grows faster than the paced rounds sign it, or a backlog such as a restored log's) works without
 * pauses from then on, and no other periodic request queues behind it: the digest never falls
 * further behind than the signer's full pace.
 */
@Injectable()
export class DigestScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditDigests');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SigningResult | null> = Promise.resolve(null);
  /** A periodic signing is queued or under way (`behind`: past an interval): the next interval hurries it instead of queuing another. */
  private periodic: { behind: boolean } | null = null;

  constructor(
    private readonly signer: DigestSigning,
    private readonly intervalMs: number,
  ) {}

  onApplicationBootstrap(): void {
    if (this.intervalMs === 0) return;
    this.timer = setInterval(() => this.periodicRound(), this.intervalMs);
    this.timer.unref();
  }

  private periodicRound(): void {
    if (this.periodic) {
      if (!this.periodic.behind)
        this.logger.log(
          `the periodic signing has not caught up with the log in ${this.intervalMs} ms: it goes on without pauses`,
        );
      this.periodic.behind = true;
      this.signer.hurry?.(1);
      return;
    }
    const periodic = (this.periodic = { behind: false });
    void this.signNow(SCHEDULED_ROUND_DUTY)
      .catch((error: Error) => this.logger.error(`signing failed: ${error.message}`))
      .finally(() => {
        if (this.periodic === periodic) this.periodic = null;
      });
  }

  /** No new round; the one under way commits before the signer closes. */
  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.signer.close?.();
  }

  /**
   * Signs what is new, working `duty` of the time on the signing thread (1: without pauses). A
   * signing under way that works less of the time is hurried to `duty`: an admin's sign does not
   * wait for a periodic round's pauses.
   */
  signNow(duty = 1): Promise<SigningResult | null> {
    this.signer.hurry?.(duty);
    this.running = this.running.catch(() => null).then(() => this.signer.signAll(duty));
    return this.running.then((result) => {
      for (const refused of result?.refused ?? []) {
        this.logger.warn(
          `not countersigned, does not extend its signed chain: ${refused.streamName} revision ${refused.revision}`,
        );
      }
      return result;
    });
  }
}
