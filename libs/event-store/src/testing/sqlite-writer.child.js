'use strict';
/**
 * Another process writing to a SQLite event store through the adapter, for the process tests.
 * Run with `node -r ./swc-register.js sqlite-writer.child.js MODE FILE ...`:
 * - `append-until-killed FILE`: appends batches of 1–3 events round-robin to a few streams,
 *   continuing where the file left off, and prints `ack STREAM LAST_REVISION BATCH_ID` once each
 *   append has returned;
 * - `contend FILE STREAM WRITERS`: runs WRITERS read-decide-append writers on STREAM at once and
 *   prints the event ids it stored as one JSON line;
 * - `append-then-close FILE COUNT`: appends COUNT one-event streams, 100 at a time, closes the
 *   store and prints `closed` (a process with nothing else to do must live through the close).
 */
const { randomUUID } = require('node:crypto');
const { SqliteEventStore } = require('../sqlite-event-store');
const { StreamNotFoundError } = require('../event-store.errors');
const { readDecideAppend } = require('./concurrent-submissions.contract');

const CRASH_STREAMS = ['crash-0', 'crash-1', 'crash-2', 'crash-3', 'crash-4'];

async function lastRevision(store, stream) {
  const events = await store.readStream(stream).catch((error) => {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  });
  return events.length === 0 ? 'no-stream' : events[events.length - 1].revision;
}

async function appendUntilKilled(file) {
  const store = new SqliteEventStore(file);
  const expected = new Map();
  for (const stream of CRASH_STREAMS) expected.set(stream, await lastRevision(store, stream));
  for (let count = 0; ; count += 1) {
    const stream = CRASH_STREAMS[count % CRASH_STREAMS.length];
    const batch = randomUUID();
    const size = (count % 3) + 1;
    const events = Array.from({ length: size }, (_, index) => ({
      eventId: randomUUID(),
      type: 'CrashTestAppended',
      data: { index, payload: 'x'.repeat(200) },
      metadata: { batch, size },
    }));
    const result = await store.appendToStream(stream, events, { expectedRevision: expected.get(stream) });
    expected.set(stream, result.nextExpectedRevision);
    process.stdout.write(`ack ${stream} ${result.nextExpectedRevision} ${batch}\n`);
  }
}

async function contend(file, stream, writers) {
  const store = new SqliteEventStore(file);
  const eventIds = Array.from({ length: writers }, () => randomUUID());
  await Promise.all(eventIds.map((eventId) => readDecideAppend(store, stream, eventId, writers * 10)));
  await store.close();
  process.stdout.write(`${JSON.stringify(eventIds)}\n`);
}

async function appendThenClose(file, count) {
  const store = new SqliteEventStore(file);
  for (let done = 0; done < count; done += 100) {
    await Promise.all(
      Array.from({ length: 100 }, () =>
        store.appendToStream(`close-${randomUUID()}`, [{ eventId: randomUUID(), type: 'T', data: {}, metadata: {} }], {
          expectedRevision: 'no-stream',
        }),
      ),
    );
  }
  await store.close();
  process.stdout.write('closed\n');
}

const [mode, file, ...rest] = process.argv.slice(2);
const run =
  mode === 'append-until-killed'
    ? appendUntilKilled(file)
    : mode === 'append-then-close'
      ? appendThenClose(file, Number(rest[0]))
      : contend(file, rest[0], Number(rest[1]));
run.catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
