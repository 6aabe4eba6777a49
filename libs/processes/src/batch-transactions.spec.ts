import { submission } from '@app/testing';
import { openReadModelDatabase, type CatchUpHandler } from '@app/projections';
import type Database from 'better-sqlite3';
import { ProcessHarness } from './testing/process-harness';
import { possibleDuplicatesHandler } from './duplicates/possible-duplicates.process';
import { familyFollowsPrincipalHandler } from './family/family-follows-principal.process';
import { intakeNumberingHandler } from './intake/intake-numbering.process';
import type { ApplicationDispatch } from './system-dispatch';

type HandlerOf = (db: Database.Database, dispatch: ApplicationDispatch, now: () => string) => CatchUpHandler;

/**
 * better-sqlite3 builds a wrapper at every `db.transaction(fn)` (~6-7 us of CPU): the processes
 * whose batches commit in a transaction build theirs when they open, not once per batch.
 */
describe('process batches reuse their transactions', () => {
  const handlers: [string, HandlerOf][] = [
    ['intake numbering (C1)', intakeNumberingHandler],
    ['possible duplicates (C6)', possibleDuplicatesHandler],
    ['family follows principal (M7)', familyFollowsPrincipalHandler],
  ];

  it.each(handlers)('%s builds no transaction for a batch once open', async (_name, handlerOf) => {
    const bench = new ProcessHarness('2024-05-02T14:03:00.000Z');
    bench.start();
    for (let n = 0; n < 4; n++) await bench.submit(submission({ csq: { number: `CSQ-${n}` } }));
    const events = await bench.store.readAll({ limit: 100 });
    const fresh = openReadModelDatabase(':memory:');
    const built = jest.spyOn(fresh, 'transaction');
    try {
      const handler = handlerOf(fresh, bench.dispatch, bench.now);
      handler.open();
      const afterOpen = built.mock.calls.length;
      for (const event of events) await handler.handle([event]);
      expect(events).toHaveLength(4);
      expect(built.mock.calls.length).toBe(afterOpen);
      expect(handler.open()).toBe(events[3].position);
    } finally {
      fresh.close();
      await bench.stop();
    }
  });
});
