import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DigestSigner, type SigningResult } from '@app/integrity';

/**
 * Signs a digest of the chain heads every `intervalMs` (0: only on demand), and on demand. One
 * signing at a time: a request while one runs waits for it and then signs what is new.
 */
@Injectable()
export class DigestScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditDigests');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SigningResult | null> = Promise.resolve(null);

  constructor(
    private readonly signer: DigestSigner,
    private readonly intervalMs: number,
  ) {}

  onApplicationBootstrap(): void {
    if (this.intervalMs === 0) return;
    this.timer = setInterval(
      () => void this.signNow().catch((error: Error) => this.logger.error(`signing failed: ${error.message}`)),
      this.intervalMs,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  signNow(): Promise<SigningResult | null> {
    this.running = this.running.catch(() => null).then(() => this.signer.signAll());
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
