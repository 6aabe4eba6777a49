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

/** R7: a principal whose outcome a set-aside undid; its family follows nothing until its next outcome. */
export type Reopened = Readonly<{ principalApplicationId: string; outcome: 'reopened'; position: number }>;

type OutcomeRow = Readonly<{
  principalId: string;
  outcome: PrincipalOutcome['outcome'] | 'reopened';
  at: string;
  grounds: string;
  eventId: string;
  correlationId: string | null;
  position: number;
}>;

const toRow = (entry: RecordedOutcome | Reopened): OutcomeRow => {
  if (entry.outcome === 'reopened')
    return {
      ...entry,
      principalId: entry.principalApplicationId,
      at: '',
      grounds: '[]',
      eventId: '',
      correlationId: null,
    };
  const correlationId = entry.cause.metadata.correlationId;
  return {
    principalId: entry.principalApplicationId,
    outcome: entry.outcome,
    at: entry.at,
    grounds: JSON.stringify(entry.grounds),
    eventId: entry.cause.eventId,
    correlationId: typeof correlationId === 'string' ? correlationId : null,
    position: entry.position,
  };
};

const fromRow = (row: OutcomeRow): RecordedOutcome | null =>
  row.outcome === 'reopened'
    ? null
    : {
        principalApplicationId: row.principalId,
        outcome: row.outcome,
        at: row.at,
        grounds: JSON.parse(row.grounds) as string[],
        cause: {
          eventId: row.eventId,
          metadata: row.correlationId === null ? {} : { correlationId: row.correlationId },
        },
        position: row.position,
      };

/**
 * M7: the durable family index the principal's stream does not hold: principal → members (from the
 * members' receipts) and principal → its latest outcome (refusal, closing or withdrawal, or a
 * set-aside that re-opened it, R7), so a member received after its principal's outcome still
 * follows it. A batch's additions are read through and commit with the checkpoint; a member row
 * once written stands and an outcome row keeps the latest position, so workers sharing the database
 * agree and a replay writes nothing new.
 */
export class FamilyIndex {
  private readonly members: Database.Statement<[string], FamilyMember>;
  private readonly outcome: Database.Statement<[string], OutcomeRow>;
  private readonly insertMember: Database.Statement<[string, string, string, number]>;
  private readonly upsertOutcome: Database.Statement<OutcomeRow>;
  /** Built once: better-sqlite3 spends ~6-7 us of CPU building each `db.transaction` wrapper. */
  private readonly commit: (
    members: ReadonlyMap<string, FamilyMember>,
    outcomes: ReadonlyMap<string, RecordedOutcome | Reopened>,
    position: number,
    at: string,
  ) => void;

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
    this.upsertOutcome = db.prepare(
      `INSERT INTO ${OUTCOMES_TABLE} VALUES (@principalId, @outcome, @at, @grounds, @eventId, @correlationId, @position)
       ON CONFLICT(principal_id) DO UPDATE SET outcome = excluded.outcome, at = excluded.at, grounds = excluded.grounds,
       event_id = excluded.event_id, correlation_id = excluded.correlation_id, position = excluded.position
       WHERE excluded.position > ${OUTCOMES_TABLE}.position`,
    );
    this.commit = db.transaction(
      (
        members: ReadonlyMap<string, FamilyMember>,
        outcomes: ReadonlyMap<string, RecordedOutcome | Reopened>,
        position: number,
        at: string,
      ) => {
        for (const m of members.values()) this.insertMember.run(m.memberId, m.principalId, m.receivedAt, m.position);
        for (const entry of outcomes.values()) this.upsertOutcome.run(toRow(entry));
        if (readCheckpoint(this.db, this.name) < position) writeCheckpoint(this.db, this.name, position, at);
      },
    );
  }

  checkpoint(): number {
    return readCheckpoint(this.db, this.name);
  }

  batch() {
    const addedMembers = new Map<string, FamilyMember>();
    const addedOutcomes = new Map<string, RecordedOutcome | Reopened>();
    return {
      membersOf: (principalId: string): readonly FamilyMember[] => {
        const stored = this.members.all(principalId);
        const known = new Set(stored.map((member) => member.memberId));
        const added = [...addedMembers.values()].filter((m) => m.principalId === principalId && !known.has(m.memberId));
        return [...stored, ...added];
      },
      outcomeOf: (principalId: string): RecordedOutcome | null => {
        const added = addedOutcomes.get(principalId);
        if (added) return added.outcome === 'reopened' ? null : added;
        const stored = this.outcome.get(principalId);
        return stored ? fromRow(stored) : null;
      },
      addMember: (member: FamilyMember) => {
        if (!addedMembers.has(member.memberId)) addedMembers.set(member.memberId, member);
      },
      setOutcome: (entry: RecordedOutcome | Reopened) => {
        addedOutcomes.set(entry.principalApplicationId, entry);
      },
      commit: (position: number, at: string) => this.commit(addedMembers, addedOutcomes, position, at),
    };
  }
}
