import {
  follow,
  idsOf,
  newEvent,
  newEvents,
  newStream,
  within,
  type ContractContext,
} from './event-store-fixtures.contract';

const DEADLINE_MS = 5000;

export function describeSubscriptions({ store }: ContractContext): void {
  describe('subscribing to the global log', () => {
    it('catches up with stored events, follows live appends, and ends after close()', async () => {
      const stream = newStream();
      const baseline = await store().headPosition();
      const stored = newEvents(2);
      const live = newEvent();
      await store().appendToStream(stream, stored, { expectedRevision: 'no-stream' });
      const subscription = store().subscribeToAll({ after: baseline });

      const seen = await within(
        DEADLINE_MS,
        follow(subscription, [stream], async (kept) => {
          if (kept.length === 2) await store().appendToStream(stream, [live], { expectedRevision: 1 });
          if (kept.length === 3) await subscription.close();
        }),
      );

      expect(idsOf(seen)).toEqual(idsOf([...stored, live]));
      expect(seen.map((event) => event.revision)).toEqual([0, 1, 2]);
    });

    it('starts strictly after the given position', async () => {
      const stream = newStream();
      const [first, second, third] = newEvents(3);
      await store().appendToStream(stream, [first, second], { expectedRevision: 'no-stream' });
      const { position } = await store().appendToStream(stream, [third], { expectedRevision: 1 });
      const [, secondStored] = await store().readStream(stream);
      const subscription = store().subscribeToAll({ after: secondStored.position });

      const seen = await within(
        DEADLINE_MS,
        follow(subscription, [stream], () => subscription.close()),
      );

      expect(seen).toEqual([expect.objectContaining({ eventId: third.eventId, position })]);
    });

    it('ends the iteration when closed while waiting for appends', async () => {
      const subscription = store().subscribeToAll({ after: await store().headPosition() });
      const iteration = follow(subscription, [newStream()]);

      await new Promise((resolve) => setTimeout(resolve, 50));
      await subscription.close();

      expect(await within(DEADLINE_MS, iteration)).toEqual([]);
    });

    it('ends open subscriptions when the store is closed (closing twice is harmless)', async () => {
      const subscription = store().subscribeToAll({ after: await store().headPosition() });
      const iteration = follow(subscription, [newStream()]);

      await store().close();

      expect(await within(DEADLINE_MS, iteration)).toEqual([]);
    });

    it('delivers appends to several subscribers', async () => {
      const stream = newStream();
      const after = await store().headPosition();
      const subscriptions = [store().subscribeToAll({ after }), store().subscribeToAll({ after })];
      const iterations = subscriptions.map((subscription) =>
        follow(subscription, [stream], () => subscription.close()),
      );

      const event = newEvent();
      await store().appendToStream(stream, [event], { expectedRevision: 'no-stream' });

      const seen = await within(DEADLINE_MS, Promise.all(iterations));
      expect(seen.map(idsOf)).toEqual([[event.eventId], [event.eventId]]);
    });
  });
}
