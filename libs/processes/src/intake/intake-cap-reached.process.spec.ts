import { setTimeout as sleep } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { submission } from '@app/testing';
import { intakeLedgerOf, intakeLedgerProjection, openReadModelDatabase } from '@app/projections';
import { ProcessHarness } from '../testing/process-harness';
import { replayIntakeNumbering } from '../testing/intake-replay';
import type { ApplicationDispatch } from '../system-dispatch';
import { intakeNumberingHandler } from './intake-numbering.process';

const RECEIVED_AT = '2024-05-02T14:03:00.000Z';
const CAP_2024 = 7_350;
/** Receipts numbered before the test's own (the 2024 counter stands there): the cap is the 10th of the test's 20. */
const ALREADY_NUMBERED = CAP_2024 - 10;
const range = (count: number) => Array.from({ length: count }, (_, i) => i);

/** A read-model database whose 2024 counter already stands at {@link ALREADY_NUMBERED}. */
function nearTheCap(db = openReadModelDatabase(':memory:')): Database.Database {
  db.exec('CREATE TABLE IF NOT EXISTS intake_counters (year INTEGER PRIMARY KEY, counted INTEGER NOT NULL)');
  db.prepare('INSERT INTO intake_counters VALUES (2024, ?)').run(ALREADY_NUMBERED);
  return db;
}

describe('H5 the cap reached is recorded once per year, whatever the workers and replays', () => {
  it('records IntakeCapReached once, on the receipt numbered 7,350, with two workers, then a replay on a fresh read-model database', async () => {
    const bench = new ProcessHarness(RECEIVED_AT);
    nearTheCap(bench.db);
    const slow: ApplicationDispatch = async (...args) => {
      await sleep(1);
      return bench.dispatch(...args);
    };
    bench.addProcess(intakeNumberingHandler(bench.db, bench.dispatch, bench.now));
    bench.addProcess(intakeNumberingHandler(bench.db, slow, bench.now));
    bench.start();
    for (const i of range(20)) await bench.submit(submission({ applicant: { passport: { number: `H${i}` } } }));
    await bench.settle();
    const ledgerBefore = intakeLedgerOf(bench.db, 2024, CAP_2024);
    await bench.stop();

    const head = await bench.store.headPosition();
    const fresh = nearTheCap();
    const sent = await replayIntakeNumbering(fresh, bench, head, 1);
    const log = await bench.store.readAll({ limit: 1_000 });

    const reached = log.filter((event) => event.type === 'IntakeCapReached');
    const atCap = log.find((event) => event.type === 'IntakeNumberAssigned' && event.data.number === CAP_2024);
    const receipt = log.find((event) => event.type === 'ApplicationReceived' && event.streamName === atCap?.streamName);
    expect(sent).toContain('AssignIntakeNumber');
    expect(await bench.store.headPosition()).toBe(head);
    expect(reached).toHaveLength(1);
    expect(reached[0]).toMatchObject({
      streamName: atCap?.streamName,
      data: { year: 2024, cap: CAP_2024, reachedAt: receipt?.data.receivedAt },
    });
    expect(`application-${reached[0].data.applicationId as string}`).toBe(atCap?.streamName);
    expect(ledgerBefore).toMatchObject({ withinCap: 10, overCap: 10, capReachedAt: receipt?.data.receivedAt });

    intakeLedgerProjection.setup(fresh);
    for (const event of log) intakeLedgerProjection.apply(fresh, event);
    expect(intakeLedgerOf(fresh, 2024, CAP_2024).capReachedAt).toBe(receipt?.data.receivedAt);
    fresh.close();
  });

  it('leaves capReachedAt null while the count stays below the cap', async () => {
    const bench = new ProcessHarness(RECEIVED_AT);
    nearTheCap(bench.db);
    bench.addProcess(intakeNumberingHandler(bench.db, bench.dispatch, bench.now)).start();
    for (const i of range(9)) await bench.submit(submission({ applicant: { passport: { number: `B${i}` } } }));
    await bench.settle();
    const log = await bench.store.readAll({ limit: 1_000 });
    expect(log.filter((event) => event.type === 'IntakeNumberAssigned')).toHaveLength(9);
    expect(log.filter((event) => event.type === 'IntakeCapReached')).toEqual([]);
    expect(intakeLedgerOf(bench.db, 2024, CAP_2024)).toMatchObject({ withinCap: 9, capReachedAt: null });
    await bench.stop();
  });
});
