import { setTimeout as sleep } from 'node:timers/promises';
import { submission } from '@app/testing';
import { CatchUpWorker, intakeLedgerOf, openReadModelDatabase } from '@app/projections';
import { ProcessHarness } from '../testing/process-harness';
import { replayIntakeNumbering } from '../testing/intake-replay';
import type { ApplicationDispatch } from '../system-dispatch';
import { intakeNumberingHandler } from './intake-numbering.process';

const RECEIVED_AT = '2024-05-02T14:03:00.000Z';
const COUNT = 200;
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe('C3 intake numbering with two workers on one read-model database', () => {
  let bench: ProcessHarness;
  beforeEach(() => {
    bench = new ProcessHarness(RECEIVED_AT);
    const slow: ApplicationDispatch = async (...args) => {
      await sleep(1);
      return bench.dispatch(...args);
    };
    bench.addProcess(intakeNumberingHandler(bench.db, bench.dispatch, bench.now));
    bench.addProcess(intakeNumberingHandler(bench.db, slow, bench.now));
    bench.start();
  });
  afterEach(() => bench.stop());

  it('numbers 1 to N in log order, without a gap or a duplicate, while the slower worker trails the faster one', async () => {
    for (const batch of [range(0, COUNT / 2), range(COUNT / 2, COUNT / 2)]) {
      await Promise.all(batch.map((i) => bench.submit(submission({ applicant: { passport: { number: `P${i}` } } }))));
      await bench.settle();
    }

    const log = await bench.store.readAll({ limit: 10 * COUNT });
    const numbers = log.filter((event) => event.type === 'IntakeNumberAssigned');
    const numberOf = new Map(numbers.map((event) => [event.streamName, event.data.number]));
    expect(numbers).toHaveLength(COUNT);
    expect(
      log.filter((event) => event.type === 'ApplicationReceived').map((event) => numberOf.get(event.streamName)),
    ).toEqual(range(1, COUNT));
    expect(intakeLedgerOf(bench.db, 2024, 7_350)).toMatchObject({ counted: COUNT, withinCap: COUNT });
  });
});

describe('C3 intake numbering replaying a log it numbered before (a first start on an existing store)', () => {
  it('sends no command for a receipt whose very number the same batch already records, and counts it all the same', async () => {
    const bench = new ProcessHarness(RECEIVED_AT);
    bench.addProcess(intakeNumberingHandler(bench.db, bench.dispatch, bench.now)).start();
    await Promise.all(
      range(0, 30).map((i) => bench.submit(submission({ applicant: { passport: { number: `R${i}` } } }))),
    );
    await bench.settle();
    await bench.stop();
    const head = await bench.store.headPosition();

    const freshDb = openReadModelDatabase(':memory:');
    const sent = await replayIntakeNumbering(freshDb, bench, head);

    expect(sent).toEqual([]);
    expect(freshDb.prepare('SELECT counted FROM intake_counters WHERE year = 2024').get()).toEqual({ counted: 30 });
    expect(await bench.store.headPosition()).toBe(head);
    freshDb.close();
  });
});

describe('C5 intake numbering replaying over-cap receipts it handled before', () => {
  /** A read-model database whose 2024 counter already stands at the cap (7,350), so the next receipts are over it. */
  const atCap = (db = openReadModelDatabase(':memory:')) => {
    db.exec('CREATE TABLE IF NOT EXISTS intake_counters (year INTEGER PRIMARY KEY, counted INTEGER NOT NULL)');
    db.prepare('INSERT INTO intake_counters VALUES (2024, 7350)').run();
    return db;
  };

  it('sends no command when the batch records both the number and the handling by its own over-cap command', async () => {
    const bench = new ProcessHarness(RECEIVED_AT);
    atCap(bench.db);
    bench.addProcess(intakeNumberingHandler(bench.db, bench.dispatch, bench.now)).start();
    await Promise.all(
      range(0, 5).map((i) => bench.submit(submission({ applicant: { passport: { number: `O${i}` } } }))),
    );
    await bench.settle();
    await bench.stop();
    const log = await bench.store.readAll({ limit: 1000 });
    expect(log.filter((event) => event.type === 'IntakeNumberAssigned').map((event) => event.data.withinCap)).toEqual(
      Array(5).fill(false),
    );
    const head = await bench.store.headPosition();

    const freshDb = atCap();
    const sent = await replayIntakeNumbering(freshDb, bench, head);

    expect(sent).toEqual([]);
    expect(await bench.store.headPosition()).toBe(head);
    freshDb.close();
  });
});

describe('C3 intake numbering replaying a log its counters do not match', () => {
  /** A log of three numbered receipts, replayed by a worker whose 2024 counter already stands at 10. */
  async function replayWithWrongCounters(batchSize: number) {
    const bench = new ProcessHarness(RECEIVED_AT);
    bench.addProcess(intakeNumberingHandler(bench.db, bench.dispatch, bench.now)).start();
    await Promise.all(
      range(0, 3).map((i) => bench.submit(submission({ applicant: { passport: { number: `W${i}` } } }))),
    );
    await bench.settle();
    await bench.stop();
    const head = await bench.store.headPosition();
    const wrongDb = openReadModelDatabase(':memory:');
    wrongDb.exec('CREATE TABLE IF NOT EXISTS intake_counters (year INTEGER PRIMARY KEY, counted INTEGER NOT NULL)');
    wrongDb.prepare('INSERT INTO intake_counters VALUES (2024, 10)').run();
    const replay = new CatchUpWorker(
      bench.store,
      intakeNumberingHandler(wrongDb, bench.dispatch, bench.now),
      batchSize,
    );
    replay.start();
    for (
      const deadline = Date.now() + 5_000;
      replay.status().state === 'running' && replay.status().checkpoint < head;
      await sleep(10)
    ) {
      if (Date.now() > deadline)
        throw new Error(`replay neither failed nor finished: ${JSON.stringify(replay.status())}`);
    }
    await replay.stop();
    wrongDb.close();
    return { status: replay.status(), head };
  }

  it.each([
    ['the number is in the same batch as the receipt', 500],
    ['the number comes in a later batch (the command is answered "already applied")', 1],
  ])('stops at the first receipt, naming both numbers, when %s', async (_, batchSize) => {
    const { status, head } = await replayWithWrongCounters(batchSize);
    expect(status).toMatchObject({
      state: 'failed',
      failure: {
        type: 'ApplicationReceived',
        message: expect.stringMatching(/^C3: .* number 11 of 2024, but the log records number 1 of 2024/),
      },
    });
    expect(status.checkpoint).toBeLessThan(head);
  });
});
