/**
 * The thread that fills a KnownKeys filter (known-keys.ts): a read-only connection of its own, one
 * query over every key (one snapshot), the keys added to a BloomFilter loaded from its module
 * (through the repository's SWC hook when it is TypeScript), whose bits go back to the event loop
 * as a transferred buffer. `eval`, so that it runs the same from the TypeScript sources and the build.
 */
export const FILL_THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
if (workerData.register) require(workerData.register);
const Database = require(workerData.driver);
const { BloomFilter } = require(workerData.bloomModule);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true, timeout: workerData.busyTimeoutMs });
try {
  const filter = new BloomFilter();
  for (const key of db.prepare(workerData.keysSql).pluck().iterate()) filter.add(key);
  parentPort.postMessage(filter.bits.buffer, [filter.bits.buffer]);
} finally {
  db.close();
}
`;
