import type Database from 'better-sqlite3';
import { feesPaidOf, type ApplicationState } from '@app/domain';
import { CASE_VIEW_TABLE } from './case-view.projection';

type FamilyRow = Readonly<{ applicationId: string; state: string }>;

/** M11: the biometric fee an application paid and kept (less any refund). */
function biometricFeeKept(row: FamilyRow): number {
  const state = JSON.parse(row.state) as ApplicationState;
  if (state.status === 'new') return 0;
  return Math.max(0, (feesPaidOf(state.submission.fees).biometrics ?? 0) - (state.refunded.biometrics ?? 0));
}

/**
 * M7, M11: a family as the case view knows it: the principal's row and the rows of the members
 * whose receipt named it (`principal_application_id`).
 */
export class CaseFamilyQueries {
  /** Prepared on first use: the view it reads is created when the projections start. */
  private membersStatement?: Database.Statement<[string], FamilyRow>;
  private principalStatement?: Database.Statement<[string], FamilyRow>;
  private membersOfEachStatement?: Database.Statement<[string], Readonly<{ principalId: string; memberId: string }>>;

  constructor(private readonly db: Database.Database) {}

  /** The ids of the family members linked to `principalId`, in id order. */
  membersOf(principalId: string): string[] {
    return this.memberRows(principalId).map((row) => row.applicationId);
  }

  /**
   * M7: the ids of the family members linked to each of `principalIds`, in id order, in one read (a
   * page of the work queue lists every item's family: one read a page, not one an item).
   */
  membersOfEach(principalIds: readonly string[]): ReadonlyMap<string, readonly string[]> {
    const families = new Map<string, string[]>(principalIds.map((id) => [id, []]));
    if (principalIds.length === 0) return families;
    this.membersOfEachStatement ??= this.db.prepare(
      `SELECT principal_application_id AS principalId, application_id AS memberId FROM ${CASE_VIEW_TABLE}
       WHERE principal_application_id IN (SELECT value FROM json_each(?)) AND status IS NOT NULL
       ORDER BY principal_application_id, application_id`,
    );
    for (const { principalId, memberId } of this.membersOfEachStatement.all(JSON.stringify([...families.keys()])))
      families.get(principalId)?.push(memberId);
    return families;
  }

  /** M11: biometric fees paid (and not refunded) by the principal and every member linked to it, but `excluding`. */
  biometricFeesPaid(principalId: string, excluding: string): number {
    this.principalStatement ??= this.db.prepare(
      `SELECT application_id AS applicationId, state FROM ${CASE_VIEW_TABLE} WHERE application_id = ? AND status IS NOT NULL`,
    );
    const principal = this.principalStatement.get(principalId);
    const rows = [...(principal ? [principal] : []), ...this.memberRows(principalId)];
    return rows.filter((row) => row.applicationId !== excluding).reduce((sum, row) => sum + biometricFeeKept(row), 0);
  }

  private memberRows(principalId: string): FamilyRow[] {
    this.membersStatement ??= this.db.prepare(
      `SELECT application_id AS applicationId, state FROM ${CASE_VIEW_TABLE}
       WHERE principal_application_id = ? AND status IS NOT NULL ORDER BY application_id`,
    );
    return this.membersStatement.all(principalId);
  }
}
