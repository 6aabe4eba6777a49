/** The worker's read-model SQLite database (better-sqlite3 handle). */
export const WORKER_READ_MODEL_DB = Symbol('WorkerReadModelDatabase');
