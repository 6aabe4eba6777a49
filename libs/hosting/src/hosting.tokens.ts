/** The read-model SQLite database (better-sqlite3 handle), shared by the projections, the processes and the queries. */
export const READ_MODEL_DB = Symbol('ReadModelDatabase');
