import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@app/application';
import { CaseViewQueries } from '@app/projections';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../infrastructure/infrastructure.tokens';

/** What `/health` and `/metrics` say about the receipts awaiting their intake number (C3). */
export type UnnumberedReceiptsCheck = Readonly<{
  count: number;
  /** Those unnumbered for longer than `alertAfterSeconds`: any makes the service `degraded`. */
  overdue: number;
  /** Age of the oldest one, from when the log recorded it; 0 when there is none. */
  oldestAgeSeconds: number;
  alertAfterSeconds: number;
}>;

/** Why receipts stay unnumbered: said in `/health` whenever one is overdue. */
export const UNNUMBERED_RECEIPTS_CAUSE =
  'receipts stay without an intake number: no process numbers this event log (no case-worker on it, and this API runs with RUN_PROCESSES=false), or they do not share one log (EVENTS_DB, DATA_DIR)';

/**
 * C3: a receipt gets its intake number within moments from whichever process runs intake
 * numbering on the log. One that stays unnumbered past UNNUMBERED_RECEIPT_ALERT_SECONDS means none
 * does: typically an API replica with RUN_PROCESSES=false and no case-worker on its log. Read from
 * the case view's partial index, so it is cheap on every probe and scrape.
 */
@Injectable()
export class UnnumberedReceiptsMonitor {
  constructor(
    private readonly caseViews: CaseViewQueries,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'unnumberedReceiptAlertSeconds'>,
  ) {}

  check(): UnnumberedReceiptsCheck {
    const now = this.clock.now().getTime();
    const alertAfterSeconds = this.config.unnumberedReceiptAlertSeconds;
    const overdueAt = new Date(now - alertAfterSeconds * 1000).toISOString();
    const { count, overdue, oldestSince } = this.caseViews.unnumbered.summary(overdueAt);
    const oldestAgeSeconds = oldestSince === null ? 0 : Math.max(0, Math.floor((now - Date.parse(oldestSince)) / 1000));
    return { count, overdue, oldestAgeSeconds, alertAfterSeconds };
  }
}
