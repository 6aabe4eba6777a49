import type Database from 'better-sqlite3';
import { familySubmission, submission } from '@app/testing';
import { openReadModelDatabase } from '@app/projections';
import { ProcessHarness } from '../testing/process-harness';
import { possibleDuplicatesHandler } from './possible-duplicates.process';

const RECEIVED_AT = '2024-05-02T14:03:00.000Z';
const person = (passport: string, csq: string) =>
  submission({ applicant: { passport: { number: passport } }, csq: { number: csq } });

describe('C6 possible duplicates', () => {
  let bench: ProcessHarness;
  beforeEach(() => {
    bench = new ProcessHarness(RECEIVED_AT);
    bench.addProcess(possibleDuplicatesHandler(bench.db, bench.dispatch, bench.now)).start();
  });
  afterEach(() => bench.stop());

  const flagOf = async (id: string) =>
    (await bench.eventsOf(id)).filter((event) => event.type === 'PossibleDuplicateFlagged').map((event) => event.data);

  it('flags a second application with the same passport as a possible duplicate of the first; the first is not flagged', async () => {
    const first = await bench.submit(person('19FR45821', 'CSQ-1'));
    const second = await bench.submit(person('19 fr-45821', 'CSQ-2'));
    await bench.settle();
    expect(await flagOf(second)).toEqual([{ duplicateOfApplicationId: first, key: 'passport:FRA:19FR45821' }]);
    expect(await flagOf(first)).toEqual([]);
  });

  it('flags a second application with the same CSQ number under a new passport', async () => {
    const first = await bench.submit(person('P-1', 'CSQ-23-104882'));
    const second = await bench.submit(person('P-2', 'csq 23 104882'));
    await bench.settle();
    expect(await flagOf(second)).toEqual([{ duplicateOfApplicationId: first, key: 'csq:CSQ23104882' }]);
  });

  it('names the earliest application when its keys were first seen on different ones', async () => {
    const byCsq = await bench.submit(person('P-1', 'CSQ-9'));
    await bench.submit(person('P-9', 'CSQ-2'));
    const both = await bench.submit(person('P-9', 'CSQ-9'));
    await bench.settle();
    expect(await flagOf(both)).toEqual([{ duplicateOfApplicationId: byCsq, key: 'csq:CSQ9' }]);
  });

  it('leaves family members out: they do not count against the cap (C2)', async () => {
    const principal = await bench.submit(person('P-1', 'CSQ-1'));
    const spouse = await bench.submit(
      familySubmission({ principalApplicationId: principal, applicant: { passport: { number: 'P-1' } } }),
    );
    await bench.settle();
    expect(await flagOf(spouse)).toEqual([]);
  });

  it('flags once when a fresh index replays the log from the start (a rebuild, or a second worker)', async () => {
    await bench.submit(person('P-1', 'CSQ-1'));
    const second = await bench.submit(person('P-1', 'CSQ-2'));
    await bench.settle();
    const fresh = openReadModelDatabase(':memory:');
    const rebuilt = possibleDuplicatesHandler(fresh, bench.dispatch, bench.now);
    rebuilt.open();
    await rebuilt.handle(await bench.store.readAll({ limit: 1000 }));
    fresh.close();
    expect(bench.dispatched.filter((command) => command.type === 'FlagPossibleDuplicate')).toHaveLength(2);
    expect(await flagOf(second)).toHaveLength(1);
  });

  it('looks the keys of a batch up in the index with one statement, not one per key, and flags the same', async () => {
    const first = await bench.submit(person('P-1', 'CSQ-1'));
    await bench.submit(person('P-2', 'CSQ-2'));
    const third = await bench.submit(person('P-3', 'CSQ-1'));
    const fourth = await bench.submit(person('P-2', 'CSQ-4'));
    await bench.settle();
    const fresh = openReadModelDatabase(':memory:');
    const indexReads = countIndexReads(fresh);
    const rebuilt = possibleDuplicatesHandler(fresh, bench.dispatch, bench.now);
    rebuilt.open();
    await rebuilt.handle(await bench.store.readAll({ limit: 1000 }));
    fresh.close();
    expect(indexReads()).toBe(1);
    expect(await flagOf(third)).toEqual([{ duplicateOfApplicationId: first, key: 'csq:CSQ1' }]);
    expect(await flagOf(fourth)).toHaveLength(1);
  });
});

/** Counts the statements run against the key index that read it (SELECTs), from here on. */
function countIndexReads(db: Database.Database): () => number {
  let reads = 0;
  const prepare = db.prepare.bind(db);
  jest.spyOn(db, 'prepare').mockImplementation((sql: string) => {
    const statement = prepare(sql);
    if (!/^\s*SELECT[\s\S]*duplicate_keys/i.test(sql)) return statement;
    for (const method of ['get', 'all', 'iterate'] as const) {
      const run = statement[method].bind(statement) as (...args: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        reads++;
        return run(...args);
      };
    }
    return statement;
  });
  return () => reads;
}
