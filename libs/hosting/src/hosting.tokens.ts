/** The read-model SQLite database (better-sqlite3 handle), shared by the projections, the processes and the queries. */
export const READ_MODEL_DB = Symbol('ReadModelDatabase');

/** The read models' WAL checkpoints on a thread of their own (null for an in-memory database). */
export const READ_MODEL_CHECKPOINTS = Symbol('ReadModelCheckpoints');
