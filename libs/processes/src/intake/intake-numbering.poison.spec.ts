import { randomUUID } from 'node:crypto';
import { submission } from '@app/testing';
import { applicationStreamName } from '@app/domain';
import { ProjectionRunner, openReadModelDatabase } from '@app/projections';
import { ProcessHarness } from '../testing/process-harness';
import type { ApplicationDispatch } from '../system-dispatch';
import { INTAKE_NUMBERING, intakeNumberingHandler } from './intake-numbering.process';

const RECEIVED_AT = '2024-05-02T14:03:00.000Z';

/**
 * A receipt stored before P3 refused receipts from before the program opened: a copy of a stored
 * receipt on a new stream, received on 2021-12-31 (Eastern), so it has no cap year (C1).
 */
async function appendLegacyReceipt(bench: ProcessHarness, template: string): Promise<string> {
  const [received] = await bench.eventsOf(template);
  const applicationId = randomUUID();
  const data = { ...received.data, applicationId, receivedAt: '2021-12-31T17:00:00.000Z', intakeYear: 2021 };
  await bench.store.appendToStream(
    applicationStreamName(applicationId),
    [{ eventId: randomUUID(), type: 'ApplicationReceived', data, metadata: { ...received.metadata } }],
    {
      expectedRevision: 'no-stream',
    },
  );
  return applicationId;
}

async function numbersInLogOrder(bench: ProcessHarness): Promise<Array<number | null>> {
  const log = await bench.store.readAll({ limit: 1000 });
  const numberOf = new Map(
    log
      .filter((event) => event.type === 'IntakeNumberAssigned')
      .map((event) => [event.streamName, event.data.number as number]),
  );
  return log
    .filter((event) => event.type === 'ApplicationReceived')
    .map((event) => numberOf.get(event.streamName) ?? null);
}

describe('P3, C1, C3: a receipt with no cap year in the middle of a year', () => {
  let bench: ProcessHarness;
  beforeEach(() => {
    bench = new ProcessHarness(RECEIVED_AT);
    bench.addProcess(intakeNumberingHandler(bench.db, bench.dispatch, bench.now)).start();
  });
  afterEach(() => bench.stop());

  const submitSome = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, i) => i).reduce<Promise<unknown>>(
      (previous, i) =>
        previous.then(() => bench.submit(submission({ applicant: { passport: { number: `${prefix}${i}` } } }))),
      Promise.resolve(),
    );

  it('is parked with its rule, and neither halts nor shifts the numbers of the receipts after it, across a restart and a replay', async () => {
    await submitSome('A', 3);
    const legacy = await appendLegacyReceipt(
      bench,
      (await bench.store.readAll({ limit: 1 }))[0].streamName.slice('application-'.length),
    );
    await submitSome('B', 3);
    await bench.settle();

    expect(await numbersInLogOrder(bench)).toEqual([1, 2, 3, null, 4, 5, 6]);
    expect(bench.runner.statuses().find((status) => status.name === INTAKE_NUMBERING)).toMatchObject({
      state: 'running',
    });
    const parked = bench.runner.parking.events.list({ limit: 10 });
    expect(parked).toEqual([
      expect.objectContaining({
        handler: INTAKE_NUMBERING,
        streamName: applicationStreamName(legacy),
        state: 'parked',
        attempts: 1,
      }),
    ]);
    expect(parked[0].error).toMatch(/^P3, C1: .* before the program opened/);

    await bench.runner.stop(); // a restart on the same read models: the parked receipt is passed over, numbering goes on
    const restarted = new ProjectionRunner(bench.store, bench.db, [], bench.now);
    restarted.addHandler(intakeNumberingHandler(bench.db, bench.dispatch, bench.now));
    restarted.start();
    const next = await bench.submit(submission({ applicant: { passport: { number: 'C0' } } }));
    for (let head = await bench.store.headPosition(); ; head = await bench.store.headPosition()) {
      await restarted.waitFor(head, 5_000);
      if (head === (await bench.store.headPosition())) break;
    }
    await restarted.stop();
    expect((await bench.eventsOf(next)).find((event) => event.type === 'IntakeNumberAssigned')?.data).toMatchObject({
      year: 2024,
      number: 7,
    });
    expect(restarted.parking.events.find(parked[0].id)).toMatchObject({ attempts: 1 });

    const sent: string[] = []; // a replay on new read models (a first start on this store): same numbers, nothing sent
    const counting: ApplicationDispatch = (applicationId, command, context) => (
      sent.push(command.type),
      bench.dispatch(applicationId, command, context)
    );
    const fresh = openReadModelDatabase(':memory:');
    const replay = new ProjectionRunner(bench.store, fresh, [], bench.now);
    replay.addHandler(intakeNumberingHandler(fresh, counting, bench.now));
    replay.start();
    await replay.waitFor(await bench.store.headPosition(), 5_000);
    await replay.stop();
    expect(sent).toEqual([]);
    expect(replay.parking.events.list({ limit: 10 })).toEqual([
      expect.objectContaining({ streamName: applicationStreamName(legacy), state: 'parked' }),
    ]);
    expect(await numbersInLogOrder(bench)).toEqual([1, 2, 3, null, 4, 5, 6, 7]);
    fresh.close();
  });

  it('cannot be retried out of the log order (C3), only skipped', async () => {
    await submitSome('A', 1);
    await appendLegacyReceipt(
      bench,
      (await bench.store.readAll({ limit: 1 }))[0].streamName.slice('application-'.length),
    );
    await bench.settle();
    const [{ id }] = bench.runner.parking.events.list({ limit: 1 });
    await expect(bench.runner.retryParked(id, { by: 'ops', reason: 'try again' })).rejects.toMatchObject({
      refusal: 'order-only',
    });
    expect(bench.runner.parking.skip(id, { by: 'ops', reason: 'received before the program opened' })).toMatchObject({
      state: 'skipped',
    });
  });
});
