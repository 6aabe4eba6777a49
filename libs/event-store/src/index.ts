export * from './create-event-store';
export * from './event-store.errors';
export * from './event-store.port';
export * from './kurrentdb-event-store';
export { CASE_LEDGER_STREAM_PREFIXES } from './kurrentdb-stream-filter';
export * from './memory-event-store';
export * from './sqlite-event-store';
export { isSqliteUnavailable, toStoreUnavailable } from './sqlite-unavailable';
export { SqliteGroupCommit } from './sqlite-group-commit';
export { unparsedJson } from './sqlite-event-log';
export {
  BACKSTOP_CHECKPOINT_PAGES,
  CHECKPOINT_INTERVAL_MS,
  WalCheckpointer,
  type QuietWindow,
} from './wal-checkpointer';
export { transpilerFor } from './worker-transpiler';
