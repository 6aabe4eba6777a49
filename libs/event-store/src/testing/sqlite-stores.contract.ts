import { SqliteEventStore, type SqliteEventStoreOptions } from '../sqlite-event-store';

/** Opens SQLite stores for one test and closes them all after it; call inside a describe. */
export function useSqliteStores(): (file: string, options?: SqliteEventStoreOptions) => SqliteEventStore {
  const opened: SqliteEventStore[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });
  return (file, options) => {
    const store = new SqliteEventStore(file, options);
    opened.push(store);
    return store;
  };
}
