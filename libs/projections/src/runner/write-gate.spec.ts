import { WriteGate } from './write-gate';

const turns = (count: number) =>
  Array.from({ length: count }).reduce<Promise<unknown>>(
    (previous) => previous.then(() => new Promise((resolve) => setImmediate(resolve))),
    Promise.resolve(),
  );

/** A promise and the function that settles it. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => undefined as void;
  const promise = new Promise<void>((settle) => (resolve = settle));
  return { promise, resolve };
}

describe('the write gate of a runner’s writers', () => {
  it('keeps a writer’s batch waiting while a holder works, and lets it through after', async () => {
    const gate = new WriteGate();
    const work = deferred();
    const order: string[] = [];
    const held = gate.hold({}, async () => {
      order.push('work started');
      await work.promise;
      order.push('work done');
    });
    await turns(2);
    const written = gate.through({}, () => order.push('batch written'));
    await turns(5);
    expect(order).toEqual(['work started']);
    expect(gate.isClosed).toBe(true);
    work.resolve();
    await Promise.all([held, written]);
    expect(order).toEqual(['work started', 'work done', 'batch written']);
    expect(gate.isClosed).toBe(false);
  });

  it('starts the work once the batches already in flight have finished, except the holder’s own', async () => {
    const gate = new WriteGate();
    const holder = {};
    const other = deferred();
    const order: string[] = [];
    const otherBatch = gate.through({}, async () => {
      await other.promise;
      order.push('other batch committed');
    });
    const ownBatch = gate.through(holder, () =>
      gate.hold(holder, async () => {
        order.push('work');
      }),
    );
    await turns(5);
    expect(order).toEqual([]);
    other.resolve();
    await Promise.all([otherBatch, ownBatch]);
    expect(order).toEqual(['other batch committed', 'work']);
  });

  it('lets two holders whose batches are both in flight work one after the other', async () => {
    const gate = new WriteGate();
    const [first, second] = [{}, {}];
    const order: string[] = [];
    const holding = (holder: object, name: string) =>
      gate.through(holder, () =>
        gate.hold(holder, async () => {
          order.push(`${name} starts`);
          await turns(2);
          order.push(`${name} ends`);
        }),
      );
    await Promise.all([holding(first, 'first'), holding(second, 'second')]);
    expect(order).toEqual(['first starts', 'first ends', 'second starts', 'second ends']);
  });

  it('opens again when the work fails', async () => {
    const gate = new WriteGate();
    await expect(gate.hold({}, () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    expect(gate.isClosed).toBe(false);
    await expect(gate.through({}, () => 'written')).resolves.toBe('written');
  });

  it('waits for the batches in flight no longer than the holder allows (a checkpoint’s quiet window)', async () => {
    const gate = new WriteGate();
    const inFlight = deferred();
    const running = gate.through({}, () => inFlight.promise);
    const started = performance.now();
    let waitedMs = -1;
    await gate.hold({}, async () => void (waitedMs = performance.now() - started), 20);
    expect(waitedMs).toBeGreaterThanOrEqual(15);
    expect(waitedMs).toBeLessThan(1000);
    inFlight.resolve();
    await running;
  });
});
