import type Database from 'better-sqlite3';
import { readCheckpoint, writeCheckpoint } from '@app/projections';
import type { PrincipalOutcome } from '@app/domain';
import type { ProcessCause } from '../system-dispatch';

const MEMBERS_TABLE = 'family_members_v1';
const OUTCOMES_TABLE = 'principal_outcomes_v1';

/** M7: a family member's application as its receipt named its principal. */
export type FamilyMember = Readonly<{ memberId: string; principalId: string; receivedAt: string; position: number }>;

/** M7: a principal's outcome with the event that recorded it, the cause of what its members do. */
export type RecordedOutcome = PrincipalOutcome & Readonly<{ cause: ProcessCause; position: number }>;

type OutcomeRow = Readonly<{
  principalId: string;
  outcome: PrincipalOutcome['outcome'];
  at: string;
  grounds: string;
  eventId: string;
  correlationId: string | null;
  position: number;
}>;

const fromRow = (row: OutcomeRow): RecordedOutcome => ({
  principalApplicationId: row.principalId,
  outcome: row.outcome,
  at: row.at,
  grounds: JSON.parse(row.grounds) as string[],
  cause: { eventId: row.eventId, metadata: row.correlationId === null ? {} : { correlationId: row.correlationId } },
  position: row.position,
});

/**
 * M7: the durable family index the principal's stream does not hold: principal → members (from the
 * members' receipts) and principal → outcome (from its refusal, closing or withdrawal), so a
 * member received after its principal closed still follows it. A batch's additions are read
 * through and commit with the checkpoint; a row once written stands (a member names one principal
 * at receipt, a principal's outcome is final: R2), so workers sharing the database agree and a
 * replay writes nothing new.
 */
export class FamilyIndex {
  private readonly members: Database.Statement<[string], FamilyMember>;
  private readonly outcome: Database.Statement<[string], OutcomeRow>;
  private readonly insertMember: Database.Statement<[string, string, string, number]>;
  private readonly insertOutcome: Database.Statement<[string, string, string, string, string, string | null, number]>;

  constructor(
    private readonly db: Database.Database,
    private readonly name: string,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${MEMBERS_TABLE} (member_id TEXT PRIMARY KEY, principal_id TEXT NOT NULL,
      received_at TEXT NOT NULL, position INTEGER NOT NULL)`);
    db.exec(`CREATE INDEX IF NOT EXISTS ${MEMBERS_TABLE}_principal ON ${MEMBERS_TABLE} (principal_id, member_id)`);
    db.exec(`CREATE TABLE IF NOT EXISTS ${OUTCOMES_TABLE} (principal_id TEXT PRIMARY KEY, outcome TEXT NOT NULL,
      at TEXT NOT NULL, grounds TEXT NOT NULL, event_id TEXT NOT NULL, correlation_id TEXT, position INTEGER NOT NULL)`);
    this.members = db.prepare(
      `SELECT member_id AS memberId, principal_id AS principalId, received_at AS receivedAt, position
       FROM ${MEMBERS_TABLE} WHERE principal_id = ? ORDER BY member_id`,
    );
    this.outcome = db.prepare(
      `SELECT principal_id AS principalId, outcome, at, grounds, event_id AS eventId, correlation_id AS correlationId,
       position FROM ${OUTCOMES_TABLE} WHERE principal_id = ?`,
    );
    this.insertMember = db.prepare(`INSERT INTO ${MEMBERS_TABLE} VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`);
    this.insertOutcome = db.prepare(
      `INSERT INTO ${OUTCOMES_TABLE} VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
  }

  checkpoint(): number {
    return readCheckpoint(this.db, this.name);
  }

  batch() {
    const addedMembers = new Map<string, FamilyMember>();
    const addedOutcomes = new Map<string, RecordedOutcome>();
    return {
      membersOf: (principalId: string): readonly FamilyMember[] => {
        const stored = this.members.all(principalId);
        const known = new Set(stored.map((member) => member.memberId));
        const added = [...addedMembers.values()].filter((m) => m.principalId === principalId && !known.has(m.memberId));
        return [...stored, ...added];
      },
      outcomeOf: (principalId: string): RecordedOutcome | null => {
        const stored = this.outcome.get(principalId);
        return stored ? fromRow(stored) : (addedOutcomes.get(principalId) ?? null);
      },
      addMember: (member: FamilyMember) => {
        if (!addedMembers.has(member.memberId)) addedMembers.set(member.memberId, member);
      },
      addOutcome: (outcome: RecordedOutcome) => {
        if (!addedOutcomes.has(outcome.principalApplicationId))
          addedOutcomes.set(outcome.principalApplicationId, outcome);
      },
      commit: this.db.transaction((position: number, at: string) => {
        for (const m of addedMembers.values())
          this.insertMember.run(m.memberId, m.principalId, m.receivedAt, m.position);
        for (const o of addedOutcomes.values()) {
          const correlationId =
            typeof o.cause.metadata.correlationId === 'string' ? o.cause.metadata.correlationId : null;
          const grounds = JSON.stringify(o.grounds);
          this.insertOutcome.run(
            o.principalApplicationId,
            o.outcome,
            o.at,
            grounds,
            o.cause.eventId,
            correlationId,
            o.position,
          );
        }
        if (readCheckpoint(this.db, this.name) < position) writeCheckpoint(this.db, this.name, position, at);
      }),
    };
  }
}
