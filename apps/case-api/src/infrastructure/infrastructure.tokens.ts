/** The validated `AppConfig`. */
export const APP_CONFIG = Symbol('AppConfig');
/** The read-model SQLite database (better-sqlite3 handle). */
export const READ_MODEL_DB = Symbol('ReadModelDatabase');
