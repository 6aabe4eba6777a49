import type Database from 'better-sqlite3';
import { APPLICATION_STREAM_CATEGORY, easternDateOf } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import type { BatchApplier } from '../runner/projection';
import { versionedProjection } from '../generations/versioned-projection';

/** What readers query: counts per Eastern date and measure, a view over the active generation's table. */
export const STATISTICS_DAILY_TABLE = 'statistics_daily_v1';
/** The last revision counted per stream: an event at or below it was counted already (idempotence). */
export const STATISTICS_STREAMS_TABLE = 'statistics_streams_v1';

/** H6: what the reports count, one event each. */
export const STATISTIC_MEASURES = ['submitted', 'approved', 'refused', 'withdrawn', 'permitsIssued'] as const;
export type StatisticMeasure = (typeof STATISTIC_MEASURES)[number];

/** H6: one counted event: the Eastern date it counts on and what it counts as. */
export type CountedEvent = Readonly<{ date: string; measure: StatisticMeasure }>;

/**
 * H6, T1: the measure an event counts in and its Eastern date: every receipt (principals and family
 * members alike) on its `receivedOn`; every decision on the Eastern date of `decidedAt` (a decision set
 * aside under R7 and the new one both count: a count of decisions made, not of cases' outcomes);
 * a withdrawal on that of `withdrawnAt`; a permit on its `issuedOn`. Nothing else counts.
 */
export function countedEvent(event: Pick<RecordedEvent, 'type' | 'data'>): CountedEvent | null {
  const data = event.data as Record<string, unknown>;
  switch (event.type) {
    case 'ApplicationReceived':
      return { date: String(data.receivedOn), measure: 'submitted' };
    case 'ApplicationApproved':
      return { date: easternDateOf(String(data.decidedAt)), measure: 'approved' };
    case 'ApplicationRefused':
      return { date: easternDateOf(String(data.decidedAt)), measure: 'refused' };
    case 'ApplicationWithdrawn':
      return { date: easternDateOf(String(data.withdrawnAt)), measure: 'withdrawn' };
    case 'WorkPermitIssued':
      return { date: String((data.permit as { issuedOn: string }).issuedOn), measure: 'permitsIssued' };
    default:
      return null;
  }
}

function createTables(db: Database.Database, daily: string, streams: string): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${daily} (
    day TEXT NOT NULL,
    measure TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (day, measure)) WITHOUT ROWID`);
  db.exec(`CREATE TABLE IF NOT EXISTS ${streams} (stream TEXT PRIMARY KEY, revision INTEGER NOT NULL) WITHOUT ROWID`);
}

/**
 * Folds a batch in memory (per-day increments, each stream's last counted revision) and writes each
 * changed row once in `finish`, inside the batch's transaction.
 */
function batches(db: Database.Database, daily: string, streams: string): () => BatchApplier {
  const counted = db.prepare<[string], { revision: number }>(`SELECT revision FROM ${streams} WHERE stream = ?`);
  const add = db.prepare(
    `INSERT INTO ${daily} VALUES (?, ?, ?) ON CONFLICT(day, measure) DO UPDATE SET count = count + excluded.count`,
  );
  const mark = db.prepare(
    `INSERT INTO ${streams} VALUES (?, ?) ON CONFLICT(stream) DO UPDATE SET revision = excluded.revision`,
  );
  return () => {
    const increments = new Map<string, number>();
    const revisions = new Map<string, number>();
    return {
      apply(event) {
        if (!event.streamName.startsWith(`${APPLICATION_STREAM_CATEGORY}-`)) return;
        const before = revisions.get(event.streamName) ?? counted.get(event.streamName)?.revision ?? -1;
        if (event.revision <= before) return;
        revisions.set(event.streamName, event.revision);
        const counts = countedEvent(event);
        if (!counts) return;
        const key = `${counts.date}|${counts.measure}`;
        increments.set(key, (increments.get(key) ?? 0) + 1);
      },
      finish() {
        for (const [key, count] of increments) {
          const [day, measure] = key.split('|');
          add.run(day, measure, count);
        }
        for (const [stream, revision] of revisions) mark.run(stream, revision);
      },
    };
  };
}

/**
 * H6: how many applications were submitted, approved, refused, withdrawn and permits issued on each
 * Eastern date; the reports sum the days of a week or a quarter when asked.
 */
export const statisticsProjection = versionedProjection({
  name: 'statistics',
  tables: [STATISTICS_DAILY_TABLE, STATISTICS_STREAMS_TABLE],
  openGeneration(db, table) {
    createTables(db, table(STATISTICS_DAILY_TABLE), table(STATISTICS_STREAMS_TABLE));
    return batches(db, table(STATISTICS_DAILY_TABLE), table(STATISTICS_STREAMS_TABLE));
  },
});
