/** Values an event takes in a batch's message, one after the other (no array per event), in the order of the log's columns. */
export const EVENT_VALUES = 8;

/**
 * The fold's thread (fold-thread.ts): a read-only connection to the read-model file (the fold reads
 * rows it does not hold) and the projection's row fold, loaded from its module (through the
 * repository's SWC hook when the module is TypeScript). Each batch's events arrive with their JSON
 * as stored (parsed here, on first read), or, given the SQLite event log's file, the batch is a
 * range of positions that the thread reads from the log itself, with a read-only connection of its
 * own, in position order, passing over the events named in `skip` (parked), without their metadata
 * (read from the log only for an event whose metadata the fold reads). Given a `part`, it
 * folds only the events of the streams of that part (stream-part.ts), the other fold threads the
 * rest, and its fold is given the part (the rowids of the rows it adds are its own). Its rows go
 * to the row writer's thread through `rowsPort` (its own: the writer takes a batch once every
 * thread's part is in), and the answer to the event loop says only how many
 * batches the fold has taken. A batch that fails drops what it folded and names the event (the one
 * the fold's error names, else the last it applied); the batches after it are skipped until a
 * reset. `eval`, so that it runs the same from the TypeScript sources and the build (the module
 * path is `require.resolve`d by the projection).
 */
export const FOLD_THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
if (workerData.register) require(workerData.register);
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, timeout: workerData.busyTimeoutMs });
const fold = require(workerData.module)[workerData.exportName](db, workerData.table, workerData.part ?? undefined);
const log = workerData.eventsFile ? new Database(workerData.eventsFile, { readonly: true, timeout: workerData.busyTimeoutMs }) : null;
const part = workerData.part;
const range = log && log.prepare(
  'SELECT position, stream_name, revision, event_id, type, data, NULL, recorded_at FROM events ' +
    'WHERE position > ? AND position <= ?' + (part ? ' AND ' + workerData.partSql : '') + ' ORDER BY position').raw();
const rangeOf = (after, to) => (part ? range.all(after, to, part.of, part.index) : range.all(after, to));
const rowsPort = workerData.rowsPort;
/** An event as the fold sees it, its JSON parsed on first read (it never leaves the thread). */
class Event {
  constructor(values, index) {
    this.position = values[index];
    this.streamName = values[index + 1];
    this.revision = values[index + 2];
    this.eventId = values[index + 3];
    this.type = values[index + 4];
    this.dataJson = values[index + 5];
    this.metadataJson = values[index + 6];
    this.recordedAt = values[index + 7];
  }
  get data() {
    if (typeof this.dataJson === 'string') this.dataJson = JSON.parse(this.dataJson);
    return this.dataJson;
  }
  get metadata() {
    if (typeof this.metadataJson === 'string') this.metadataJson = JSON.parse(this.metadataJson);
    return this.metadataJson;
  }
}
const metadataAt = log && log.prepare('SELECT metadata FROM events WHERE position = ?').pluck();
/** An event read from the log without its metadata, which a fold seldom reads: read from the log when it does. */
class LoggedEvent extends Event {
  get metadata() {
    if (this.metadataJson === null) this.metadataJson = metadataAt.get(this.position);
    return super.metadata;
  }
}
let failed = false;
parentPort.on('message', (message) => {
  if (message.reset) {
    fold.reset();
    failed = false;
  }
  if (message.committed !== undefined) fold.committed(message.committed);
  if (message.values === undefined && message.range === undefined) return;
  if (failed) return parentPort.postMessage({ id: message.id, skipped: true });
  let position;
  try {
    if (message.range) {
      const skip = new Set(message.skip);
      for (const row of rangeOf(message.range.after, message.range.to)) {
        if (skip.size > 0 && skip.has(row[3])) continue;
        position = row[0];
        fold.apply(new LoggedEvent(row, 0));
      }
    } else {
      const values = message.values;
      for (let index = 0; index < values.length; index += ${EVENT_VALUES}) {
        position = values[index];
        fold.apply(new Event(values, index));
      }
    }
    rowsPort.postMessage({ id: message.id, rows: fold.takeRows() });
    parentPort.postMessage({ id: message.id, taken: fold.taken });
  } catch (error) {
    fold.dropBatch();
    failed = true;
    const named = error && error.event && typeof error.event.position === 'number' ? error.event.position : position;
    parentPort.postMessage({ id: message.id, error: String((error && error.message) || error), position: named });
  }
});
`;
