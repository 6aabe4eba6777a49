import { submission } from '@app/testing';
import { ProcessHarness } from '../testing/process-harness';
import { bilTimerJob } from './bil-timer.process';
import { dueTimersProjection } from './due-timers.projection';

const RECEIVED_AT = '2024-05-02T14:03:00.000Z';
const ONE_SECOND_BEFORE_DUE = '2024-05-03T14:02:59.000Z';
const DUE_AT = '2024-05-03T14:03:00.000Z';

describe('B1 BIL timer process', () => {
  let bench: ProcessHarness;
  beforeEach(() => {
    bench = new ProcessHarness(RECEIVED_AT);
    bench.addProjection(dueTimersProjection).start();
  });
  afterEach(() => bench.stop());

  async function numberedWithinCap(): Promise<string> {
    const id = await bench.submit(submission({ applicant: { passport: { number: `P${Math.random()}` } } }));
    await bench.send(id, { type: 'AssignIntakeNumber', data: { year: 2024, number: 1, cap: 7_350 } });
    await bench.settle();
    return id;
  }
  const lettersOf = async (id: string) =>
    (await bench.eventsOf(id)).filter((event) => event.type === 'BiometricInstructionLetterIssued');

  it('issues nothing one second before receipt + 24 h, and the automatic letter at + 24 h', async () => {
    const id = await numberedWithinCap();
    const job = bilTimerJob(bench.db, bench.dispatch, bench.runner.parking);
    await job.run(ONE_SECOND_BEFORE_DUE);
    expect(await lettersOf(id)).toEqual([]);
    await job.run(DUE_AT);
    expect((await lettersOf(id)).map((event) => event.data)).toEqual([
      { issuedAt: DUE_AT, dueBy: '2024-06-02', automatic: true },
    ]);
  });

  it('issues each letter once when two workers fire the same timers at the same time', async () => {
    const ids = await Promise.all([numberedWithinCap(), numberedWithinCap(), numberedWithinCap()]);
    const [first, second] = [
      bilTimerJob(bench.db, bench.dispatch, bench.runner.parking),
      bilTimerJob(bench.db, bench.dispatch, bench.runner.parking),
    ];
    await Promise.all([first.run(DUE_AT), second.run(DUE_AT), first.run(DUE_AT)]);
    for (const id of ids) expect(await lettersOf(id)).toHaveLength(1);
  });

  it('sends one command id per application, derived from it, and caused by the receipt', async () => {
    const id = await numberedWithinCap();
    await bilTimerJob(bench.db, bench.dispatch, bench.runner.parking).run(DUE_AT);
    const [receipt] = await bench.eventsOf(id);
    const [letter] = await lettersOf(id);
    expect(letter.metadata).toMatchObject({
      causationId: receipt.eventId,
      correlationId: receipt.metadata.correlationId,
      actor: { id: 'bil-timer', role: 'system' },
    });
  });

  it('settles a timer the domain refuses (withdrawn since the read model saw it) without failing or firing again', async () => {
    const id = await numberedWithinCap();
    await bench.runner.stop();
    await bench.send(id, { type: 'WithdrawApplication', data: { requestedAt: RECEIVED_AT } });
    const job = bilTimerJob(bench.db, bench.dispatch, bench.runner.parking);
    await job.run(DUE_AT);
    await job.run(DUE_AT);
    expect(bench.dispatched.filter((command) => command.type === 'IssueBiometricInstructionLetter')).toHaveLength(1);
    expect(await lettersOf(id)).toEqual([]);
  });

  it('parks a timer whose letter fails for another reason, fires the others, and fires it again once an operator retries it', async () => {
    const [broken, fine] = [await numberedWithinCap(), await numberedWithinCap()];
    let failing = true;
    const dispatch: typeof bench.dispatch = (applicationId, command, context) => {
      if (failing && applicationId === broken) return Promise.reject(new TypeError('a malformed stream'));
      return bench.dispatch(applicationId, command, context);
    };
    const job = bilTimerJob(bench.db, dispatch, bench.runner.parking);
    await job.run(DUE_AT);
    await job.run(DUE_AT);

    expect(await lettersOf(fine)).toHaveLength(1);
    expect(await lettersOf(broken)).toEqual([]);
    const parked = bench.runner.parking.events.list({ limit: 10 });
    expect(parked).toEqual([
      expect.objectContaining({
        handler: 'bil-timer',
        streamName: `application-${broken}`,
        state: 'parked',
        attempts: 1,
        error: 'B1: the automatic letter could not be issued: a malformed stream',
      }),
    ]);

    failing = false;
    await bench.runner.retryParked(parked[0].id, { by: 'ops', reason: 'stream repaired' });
    await job.run(DUE_AT);
    expect(await lettersOf(broken)).toHaveLength(1);
    expect(bench.runner.parking.events.find(parked[0].id)).toMatchObject({ state: 'retried', resolvedBy: 'ops' });
  });
});
