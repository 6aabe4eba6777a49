import { caseViewProjection } from './case-view/case-view.projection';
import { intakeLedgerProjection } from './intake-ledger/intake-ledger.projection';
import { statisticsProjection } from './statistics/statistics.projection';
import type { VersionedProjection } from './runner/projection';

/** The read models the API queries, each rebuildable while it serves. */
export const READ_MODEL_PROJECTIONS: readonly VersionedProjection[] = [
  caseViewProjection,
  intakeLedgerProjection,
  statisticsProjection,
];
