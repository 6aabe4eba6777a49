import { WrongExpectedRevisionError } from '../event-store.errors';
import {
  expectStrictlyIncreasing,
  idsOf,
  newEvent,
  newEvents,
  newStream,
  type ContractContext,
} from './event-store-fixtures.contract';

export function describeAppending({ store }: ContractContext): void {
  describe('appending', () => {
    it('starts a stream expecting no-stream, at revision 0', async () => {
      const stream = newStream();
      const event = newEvent();

      const result = await store().appendToStream(stream, [event], { expectedRevision: 'no-stream' });

      expect(result.nextExpectedRevision).toBe(0);
      expect(result.position).toBeGreaterThan(0);
      expect(await store().readStream(stream)).toEqual([
        expect.objectContaining({ streamName: stream, revision: 0, position: result.position, ...event }),
      ]);
    });

    it('appends when the stream is at the exact revision expected', async () => {
      const stream = newStream();
      const [first, second, third] = newEvents(3);
      await store().appendToStream(stream, [first, second], { expectedRevision: 'no-stream' });

      const result = await store().appendToStream(stream, [third], { expectedRevision: 1 });

      expect(result.nextExpectedRevision).toBe(2);
      const stored = await store().readStream(stream);
      expect(stored.map((event) => event.revision)).toEqual([0, 1, 2]);
      expect(idsOf(stored)).toEqual(idsOf([first, second, third]));
    });

    it('appends expecting any, whether or not the stream exists', async () => {
      const stream = newStream();

      const created = await store().appendToStream(stream, [newEvent()], { expectedRevision: 'any' });
      const extended = await store().appendToStream(stream, [newEvent()], { expectedRevision: 'any' });

      expect([created.nextExpectedRevision, extended.nextExpectedRevision]).toEqual([0, 1]);
      expect(extended.position).toBeGreaterThan(created.position);
    });

    it('knows the position of its own last append: the head after it, unmoved by a refused one', async () => {
      const keeper = store();
      const stream = newStream();
      await keeper.appendToStream(stream, newEvents(2), { expectedRevision: 'no-stream' });
      const { position } = await keeper.appendToStream(stream, [newEvent()], { expectedRevision: 1 });

      await expect(keeper.appendToStream(stream, [newEvent()], { expectedRevision: 0 })).rejects.toThrow(
        WrongExpectedRevisionError,
      );

      expect(keeper.lastAppendedPosition()).toBe(position);
      expect(await keeper.headPosition()).toBe(position);
    });

    it('refuses no-stream on an existing stream, naming expected and actual, and appends nothing', async () => {
      const stream = newStream();
      const [first, second] = newEvents(2);
      await store().appendToStream(stream, [first], { expectedRevision: 'no-stream' });
      const head = await store().headPosition();

      const failure = store().appendToStream(stream, [second], { expectedRevision: 'no-stream' });

      await expect(failure).rejects.toThrow(WrongExpectedRevisionError);
      await expect(failure).rejects.toMatchObject({ stream, expected: 'no-stream', actual: 0 });
      expect(idsOf(await store().readStream(stream))).toEqual([first.eventId]);
      expect(await store().headPosition()).toBe(head);
    });

    it('refuses a wrong exact revision and appends none of a multi-event append', async () => {
      const stream = newStream();
      const stored = newEvents(2);
      await store().appendToStream(stream, stored, { expectedRevision: 'no-stream' });
      const head = await store().headPosition();

      const failure = store().appendToStream(stream, newEvents(3), { expectedRevision: 0 });

      await expect(failure).rejects.toThrow(WrongExpectedRevisionError);
      await expect(failure).rejects.toMatchObject({ stream, expected: 0, actual: 1 });
      expect(idsOf(await store().readStream(stream))).toEqual(idsOf(stored));
      expect(await store().headPosition()).toBe(head);
    });

    it('refuses an exact revision on a stream that does not exist, with actual no-stream', async () => {
      const stream = newStream();

      const failure = store().appendToStream(stream, [newEvent()], { expectedRevision: 0 });

      await expect(failure).rejects.toMatchObject({
        name: 'WrongExpectedRevisionError',
        expected: 0,
        actual: 'no-stream',
      });
    });

    it('appends several events at consecutive revisions and strictly increasing positions', async () => {
      const stream = newStream();
      const events = newEvents(5);

      const result = await store().appendToStream(stream, events, { expectedRevision: 'no-stream' });

      const stored = await store().readStream(stream);
      expect(stored.map((event) => event.revision)).toEqual([0, 1, 2, 3, 4]);
      expect(idsOf(stored)).toEqual(idsOf(events));
      expectStrictlyIncreasing(stored.map((event) => event.position));
      expect(result).toEqual({ nextExpectedRevision: 4, position: stored[4].position });
    });

    it('refuses an empty append', async () => {
      await expect(store().appendToStream(newStream(), [], { expectedRevision: 'any' })).rejects.toThrow(RangeError);
    });

    it('refuses an event id that is not a lowercase UUID', async () => {
      const event = newEvent({ eventId: 'event-1' });

      await expect(store().appendToStream(newStream(), [event], { expectedRevision: 'any' })).rejects.toThrow(
        /not a lowercase UUID/,
      );
    });
  });
}
