'use strict';
/**
 * Appends/s of SqliteEventStore in one process, one append at a time, next to a bare
 * better-sqlite3 insert loop with the same pragmas (the ceiling) measured in the same run.
 *   node -r ../src/testing/swc-register.js sqlite-append-throughput.js [COUNT] [DIR]
 * DIR defaults to a new temporary directory; use one on the disk the data will live on.
 */
const { randomUUID } = require('node:crypto');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const Database = require('better-sqlite3');
const { SqliteEventStore } = require('../src/sqlite-event-store');
const { configureConnection, migrate } = require('../src/sqlite-schema');

const count = Number(process.argv[2] ?? 10_000);
const dir = mkdtempSync(join(process.argv[3] ?? tmpdir(), 'append-bench-'));

/** About the size of one of the application's events: ~1 KB of data, metadata with ids and hashes. */
const event = () => ({
  eventId: randomUUID(),
  type: 'ApplicationReceived',
  data: {
    applicationId: randomUUID(),
    applicant: { name: 'Zoë Tremblay', passport: 'X1234567' },
    notes: 'x'.repeat(900),
  },
  metadata: {
    commandId: randomUUID(),
    correlationId: randomUUID(),
    causationId: randomUUID(),
    actor: { id: 'intake-portal', role: 'intake' },
    recordedAt: new Date().toISOString(),
    schemaVersion: 1,
    previousHash: 'a'.repeat(64),
    hash: 'b'.repeat(64),
  },
});

async function timed(name, run) {
  const file = join(dir, `${name}.db`);
  const started = process.hrtime.bigint();
  await run(file);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `${name.padEnd(28)} ${count} appends in ${seconds.toFixed(2)} s = ${Math.round(count / seconds)} appends/s`,
  );
  return count / seconds;
}

async function main() {
  const ceiling = await timed('bare-insert-per-transaction', (file) => {
    const db = new Database(file);
    configureConnection(db);
    migrate(db);
    const insert = db.prepare(
      'INSERT INTO events (stream_name, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const append = db.transaction((e, i) =>
      insert.run(
        `bare-${i}`,
        0,
        e.eventId,
        e.type,
        JSON.stringify(e.data),
        JSON.stringify(e.metadata),
        new Date().toISOString(),
      ),
    );
    for (let i = 0; i < count; i += 1) append.immediate(event(), i);
    db.close();
  });
  const distinct = await timed('store-distinct-streams', async (file) => {
    const store = new SqliteEventStore(file);
    for (let i = 0; i < count; i += 1) {
      await store.appendToStream(`application-${randomUUID()}`, [event()], { expectedRevision: 'no-stream' });
    }
    await store.close();
  });
  const single = await timed('store-one-stream', async (file) => {
    const store = new SqliteEventStore(file);
    let expectedRevision = 'no-stream';
    for (let i = 0; i < count; i += 1) {
      ({ nextExpectedRevision: expectedRevision } = await store.appendToStream('application-1', [event()], {
        expectedRevision,
      }));
    }
    await store.close();
  });
  const ratio = (rate) => (rate / ceiling).toFixed(2);
  console.log(`ratio to bare inserts: distinct streams ${ratio(distinct)}, one stream ${ratio(single)}`);
}

main().finally(() => rmSync(dir, { recursive: true, force: true }));
