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
});
