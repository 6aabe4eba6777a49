import type Database from 'better-sqlite3';
import type { EventStore } from '@app/event-store';
import { versionedProjection } from '../generations/versioned-projection';
import { eventByEvent } from '../runner/projection';

export const APPLIED_LOG_TABLE = 'applied_log_v1';

/**
 * Test read model that is deliberately NOT idempotent: one row per application of an event and
 * no guard, so an event applied twice shows as two rows. Any "never twice" it shows comes from
 * the runner (batch and checkpoint in one transaction), not from the projection.
 */
export const appliedLogProjection = versionedProjection({
  name: 'applied-log',
  tables: [APPLIED_LOG_TABLE],
  createTables(db, table) {
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${table(APPLIED_LOG_TABLE)} (position INTEGER NOT NULL, event_id TEXT NOT NULL, stream TEXT NOT NULL)`,
    );
  },
  openBatches(db, table) {
    const insert = db.prepare(`INSERT INTO ${table(APPLIED_LOG_TABLE)} VALUES (?, ?, ?)`);
    return eventByEvent((event) => {
      if (event.type === 'Poison') throw new Error('cannot read this event');
      insert.run(event.position, event.eventId, event.streamName);
    });
  },
});

export const appliedPositions = (db: Database.Database): number[] =>
  (db.prepare(`SELECT position FROM ${APPLIED_LOG_TABLE} ORDER BY position`).all() as { position: number }[]).map(
    (row) => row.position,
  );

export async function appendEvents(store: EventStore, count: number, streams = 5, type = 'Happened'): Promise<number> {
  let position = 0;
  for (let index = 0; index < count; index++) {
    const event = { eventId: crypto.randomUUID(), type, data: { index }, metadata: {} };
    ({ position } = await store.appendToStream(`thing-${index % streams}`, [event], { expectedRevision: 'any' }));
  }
  return position;
}
