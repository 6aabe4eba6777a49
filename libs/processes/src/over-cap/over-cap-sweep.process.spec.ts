import { submission } from '@app/testing';
import { overCapContext } from '../intake/intake-numbering.process';
import { ProcessHarness } from '../testing/process-harness';
import { overCapSweepJob } from './over-cap-sweep.process';

const RECEIVED_AT = '2024-05-02T14:03:00.000Z';
const SWEEP_AT = '2024-05-02T20:00:00.000Z';

describe('C5 over-cap sweep', () => {
  let bench: ProcessHarness;
  beforeEach(() => {
    bench = new ProcessHarness(RECEIVED_AT).start();
  });
  afterEach(() => bench.stop());

  /** An application numbered past the cap whose immediate handling never happened. */
  async function leftOverCap(channel: 'online' | 'paper' = 'online'): Promise<string> {
    const id = await bench.submit(submission({ channel }));
    await bench.send(id, { type: 'AssignIntakeNumber', data: { year: 2024, number: 7_351, cap: 7_350 } });
    await bench.settle();
    return id;
  }
  const sweep = async () => {
    await overCapSweepJob(bench.db, bench.dispatch, bench.runner.parking).run(SWEEP_AT);
    await bench.settle();
  };

  it('C4 cancels an online application left over the cap, refunds 155 + 100, and stops its BIL before it is sent', async () => {
    const id = await leftOverCap();
    await sweep();
    const events = await bench.eventsOf(id);
    expect(events.slice(2).map(({ type, data }) => ({ type, data }))).toEqual([
      {
        type: 'BiometricInstructionLetterCancelled',
        data: { cancelledAt: SWEEP_AT, reason: 'over-cap', wasIssued: false },
      },
      {
        type: 'ApplicationCancelledOverCap',
        data: {
          year: 2024,
          number: 7_351,
          cap: 7_350,
          refunds: { processing: 155, openWorkPermitHolder: 100 },
          cancelledAt: SWEEP_AT,
        },
      },
    ]);
  });

  it('C4 returns a paper application left over the cap', async () => {
    const id = await leftOverCap('paper');
    await sweep();
    expect((await bench.typesOf(id)).at(-1)).toBe('ApplicationReturnedOverCap');
  });

  it('sends the intake process’s own command id, so the case is closed once whoever comes first', async () => {
    const id = await leftOverCap();
    await sweep();
    await sweep();
    const closing = (await bench.eventsOf(id)).slice(2);
    expect(closing).toHaveLength(2);
    expect(closing[1].metadata.commandId).toBe(overCapContext(id, null, SWEEP_AT).commandId);
  });

  it('leaves a withdrawn over-cap application as it is (C2: it still counts) without failing', async () => {
    const id = await leftOverCap();
    await bench.send(id, { type: 'WithdrawApplication', data: { requestedAt: RECEIVED_AT } });
    await bench.settle();
    await sweep();
    expect((await bench.typesOf(id)).at(-1)).toBe('ApplicationWithdrawn');
  });

  it('does not touch applications within the cap', async () => {
    const id = await bench.submit(submission());
    await bench.send(id, { type: 'AssignIntakeNumber', data: { year: 2024, number: 7_350, cap: 7_350 } });
    await bench.settle();
    await sweep();
    expect(bench.dispatched).toEqual([]);
  });
});
