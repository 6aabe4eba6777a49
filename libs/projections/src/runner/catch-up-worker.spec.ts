import { MemoryEventStore } from '@app/event-store';
import { CatchUpWorker, type CatchUpHandler } from './catch-up-worker';
import { until } from '../testing/until';

const readOnly = () => Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' });

describe('CatchUpWorker', () => {
  it('keeps retrying, never throwing from its timer, while its storage cannot even be reopened', async () => {
    const store = new MemoryEventStore();
    const { position } = await store.appendToStream('s-1', [{ eventId: crypto.randomUUID(), type: 'Happened', data: {}, metadata: {} }], { expectedRevision: 'any' });
    let opens = 0;
    const handled: number[] = [];
    const handler: CatchUpHandler = {
      name: 'flaky',
      open() {
        opens++;
        if (opens === 2) throw readOnly(); // the first retry finds the file still read-only
        return 0;
      },
      handle(batch) {
        if (opens === 1) throw readOnly();
        handled.push(...batch.map((event) => event.position));
      },
    };
    const worker = new CatchUpWorker(store, handler);
    worker.start();
    await until(() => opens >= 3 && worker.status().state === 'running' && handled.length > 0);
    expect(handled).toEqual([position]);
    expect(worker.status()).toMatchObject({ state: 'running', checkpoint: position, failure: undefined });
    await worker.stop();
  });
});
