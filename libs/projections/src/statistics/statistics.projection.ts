import type Database from 'better-sqlite3';
import { asStoredShape } from '@app/application';
import { APPLICATION_STREAM_CATEGORY, countedEvent, type ApplicationEvent } from '@app/domain';
import type { BatchApplier } from '../runner/projection';
import { versionedProjection } from '../generations/versioned-projection';

/** What readers query: counts per Eastern date and measure, a view over the active generation's table. */
export const STATISTICS_DAILY_TABLE = 'statistics_daily_v1';
/** The last revision counted per stream: an event at or below it was counted already (idempotence). */
export const STATISTICS_STREAMS_TABLE = 'statistics_streams_v1';

function createStatisticsTables(db: Database.Database, daily: string, streams: string): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${daily} (
    day TEXT NOT NULL,
    measure TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (day, measure)) WITHOUT ROWID`);
  db.exec(`CREATE TABLE IF NOT EXISTS ${streams} (stream TEXT PRIMARY KEY, revision INTEGER NOT NULL) WITHOUT ROWID`);
}

/**
 * Folds a batch in memory (per-day increments, each stream's last counted revision) and writes each
 * changed row once in `finish`, inside the batch's transaction. An event that counts nothing (an
 * intake number, a letter…) is neither looked up nor marked: applied again it would count nothing
 * again, so only counted events need the guard, and a case's number costs no row write.
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
        const counts = countedEvent(asStoredShape<ApplicationEvent>(event));
        if (!counts) return;
        const before = revisions.get(event.streamName) ?? counted.get(event.streamName)?.revision ?? -1;
        if (event.revision <= before) return;
        revisions.set(event.streamName, event.revision);
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
 * Eastern date (what counts: `countedEvent`); the reports sum the days of a week or a quarter when asked.
 */
export const statisticsProjection = versionedProjection({
  name: 'statistics',
  tables: [STATISTICS_DAILY_TABLE, STATISTICS_STREAMS_TABLE],
  createTables(db, table) {
    createStatisticsTables(db, table(STATISTICS_DAILY_TABLE), table(STATISTICS_STREAMS_TABLE));
  },
  openBatches: (db, table) => batches(db, table(STATISTICS_DAILY_TABLE), table(STATISTICS_STREAMS_TABLE)),
});
