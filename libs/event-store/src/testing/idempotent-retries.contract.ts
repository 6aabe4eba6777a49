import { DuplicateEventIdError, StreamNotFoundError, WrongExpectedRevisionError } from '../event-store.errors';
import { idsOf, newEvent, newEvents, newStream, type ContractContext } from './event-store-fixtures.contract';

export function describeIdempotentRetries({ store, options }: ContractContext): void {
  describe('idempotent retries', () => {
    it('returns the original result when the same append is retried, and stores it once', async () => {
      const stream = newStream();
      const events = newEvents(2);
      const original = await store().appendToStream(stream, events, { expectedRevision: 'no-stream' });
      const head = await store().headPosition();

      const retried = await store().appendToStream(stream, events, { expectedRevision: 'no-stream' });

      expect(retried).toEqual(original);
      expect(idsOf(await store().readStream(stream))).toEqual(idsOf(events));
      expect(await store().headPosition()).toBe(head);
    });

    it("recognises an immediate retry of an 'any' append (KurrentDB: only while it remembers it)", async () => {
      const stream = newStream();
      const events = newEvents(2);
      const original = await store().appendToStream(stream, events, { expectedRevision: 'any' });

      const retried = await store().appendToStream(stream, events, { expectedRevision: 'any' });

      expect(retried).toEqual(original);
      expect(idsOf(await store().readStream(stream))).toEqual(idsOf(events));
    });

    it('recognises a retry at an exact revision after the stream has moved on', async () => {
      const stream = newStream();
      const [first, second, third, later] = newEvents(4);
      await store().appendToStream(stream, [first], { expectedRevision: 'no-stream' });
      const original = await store().appendToStream(stream, [second, third], { expectedRevision: 0 });
      await store().appendToStream(stream, [later], { expectedRevision: 2 });

      const retried = await store().appendToStream(stream, [second, third], { expectedRevision: 0 });

      expect(retried).toEqual(original);
      expect(idsOf(await store().readStream(stream))).toEqual(idsOf([first, second, third, later]));
    });

    it('refuses stored ids at other revisions than the append would produce, and appends nothing', async () => {
      const stream = newStream();
      const [first, second] = newEvents(2);
      await store().appendToStream(stream, [first, second], { expectedRevision: 'no-stream' });

      const shifted = store().appendToStream(stream, [second], { expectedRevision: 'no-stream' });

      await expect(shifted).rejects.toThrow(WrongExpectedRevisionError);
      expect(idsOf(await store().readStream(stream))).toEqual(idsOf([first, second]));
    });

    it('refuses a retry of which only some events match, and appends nothing', async () => {
      const stream = newStream();
      const [first, second] = newEvents(2);
      await store().appendToStream(stream, [first, second], { expectedRevision: 'no-stream' });

      const partial = store().appendToStream(stream, [first, newEvent()], { expectedRevision: 'no-stream' });

      await expect(partial).rejects.toThrow(WrongExpectedRevisionError);
      expect(idsOf(await store().readStream(stream))).toEqual(idsOf([first, second]));
    });

    if (options.refusesEventIdsStoredElsewhere) {
      it('refuses an event id stored in another stream, and appends nothing', async () => {
        const [stored, target] = [newStream(), newStream()];
        const event = newEvent();
        await store().appendToStream(stored, [event], { expectedRevision: 'no-stream' });

        const failure = store().appendToStream(target, [newEvent(), event], { expectedRevision: 'no-stream' });

        await expect(failure).rejects.toThrow(DuplicateEventIdError);
        await expect(failure).rejects.toMatchObject({ stream: target, eventId: event.eventId });
        await expect(store().readStream(target)).rejects.toThrow(StreamNotFoundError);
      });

      it.each(['any', 'no-stream'] as const)(
        'refuses the same event id twice in one append (%s)',
        async (expectedRevision) => {
          const stream = newStream();
          const event = newEvent();

          await expect(store().appendToStream(stream, [event, event], { expectedRevision })).rejects.toThrow(
            DuplicateEventIdError,
          );
          await expect(store().readStream(stream)).rejects.toThrow(StreamNotFoundError);
        },
      );

      it('refuses a new stream whose one event id is stored in another stream, and opens nothing', async () => {
        const [stored, target] = [newStream(), newStream()];
        const event = newEvent();
        await store().appendToStream(stored, [event], { expectedRevision: 'no-stream' });
        const head = await store().headPosition();

        const failure = store().appendToStream(target, [event], { expectedRevision: 'no-stream' });

        await expect(failure).rejects.toThrow(DuplicateEventIdError);
        await expect(failure).rejects.toMatchObject({ stream: target, eventId: event.eventId });
        await expect(store().readStream(target)).rejects.toThrow(StreamNotFoundError);
        expect(await store().headPosition()).toBe(head);
      });
    }
  });
}
