import type { EventStore } from '../event-store.port';
import { describeAppending } from './appending.contract';
import type { ContractOptions, OpenStore } from './event-store-fixtures.contract';
import { describeIdempotentRetries } from './idempotent-retries.contract';
import { describeReading } from './reading.contract';
import { describeSubscriptions } from './subscriptions.contract';

/**
 * The behaviour every EventStore adapter must have (event-store.port.ts). Each adapter's spec calls
 * this once with a function that opens a fresh store; the suite closes it after each test.
 */
export function describeEventStoreContract(name: string, openStore: OpenStore, options: ContractOptions): void {
  describe(`${name} event store contract`, () => {
    let store: EventStore;
    beforeEach(async () => {
      store = await openStore();
    });
    afterEach(async () => {
      await store.close();
    });

    const context = { store: () => store, options };
    describeAppending(context);
    describeReading(context);
    describeIdempotentRetries(context);
    describeSubscriptions(context);
  });
}
