import { StreamNotFoundError } from '../event-store.errors';
import type { RecordedEvent } from '../event-store.port';
import {
  expectStrictlyIncreasing,
  idsOf,
  newEvent,
  newEvents,
  newStream,
  type ContractContext,
} from './event-store-fixtures.contract';

const onlyStreams = (streams: readonly string[], events: readonly RecordedEvent[]) =>
  events.filter((event) => streams.includes(event.streamName));

/**
 * Reads of the log and the head position are exact: on a shared KurrentDB server the store under
 * contract reads only this run's streams (CONTRACT_STREAM_PREFIXES, filtered by the server), so
 * what other runs and applications write meanwhile is not seen.
 */
export function describeReading({ store, options }: ContractContext): void {
  describe('reading a stream', () => {
    it('reads from and to a revision, both inclusive', async () => {
      const stream = newStream();
      await store().appendToStream(stream, newEvents(5), { expectedRevision: 'no-stream' });

      const revisions = async (range: { fromRevision?: number; toRevision?: number }) =>
        (await store().readStream(stream, range)).map((event) => event.revision);

      expect(await revisions({ fromRevision: 1, toRevision: 3 })).toEqual([1, 2, 3]);
      expect(await revisions({ fromRevision: 3 })).toEqual([3, 4]);
      expect(await revisions({ toRevision: 1 })).toEqual([0, 1]);
      expect(await revisions({ fromRevision: 5 })).toEqual([]);
    });

    it('throws StreamNotFoundError for a stream without events', async () => {
      const stream = newStream();

      const failure = store().readStream(stream);

      await expect(failure).rejects.toThrow(StreamNotFoundError);
      await expect(failure).rejects.toMatchObject({ stream });
    });

    it('reads a stream or nothing without an exception, where the store offers readStreamOrEmpty', async () => {
      const readOrEmpty = store().readStreamOrEmpty?.bind(store());
      if (!readOrEmpty) return;
      const stream = newStream();
      expect(await readOrEmpty(stream)).toEqual([]);
      await store().appendToStream(stream, newEvents(3), { expectedRevision: 'no-stream' });
      expect(await readOrEmpty(stream)).toEqual(await store().readStream(stream));
    });

    it('gives back data and metadata as stored: nested JSON, unicode, and an ISO-8601 recordedAt', async () => {
      const stream = newStream();
      const event = newEvent({
        type: 'ÉvénementReçu',
        data: {
          name: 'Zoë Ñúñez-Łukasik 王秀英 محمد 🇨🇦',
          nested: { list: [1, 2.5, -3, { deep: [true, false, null] }], empty: {}, blank: '' },
          quote: 'a "quoted" \\ back\\slash\nnew line',
        },
        metadata: { actor: { id: 'agent-7', role: 'officer' }, tags: ['à', 'ß', '😀'] },
      });
      const baseline = await store().headPosition();
      await store().appendToStream(stream, [event], { expectedRevision: 'no-stream' });

      const [fromStream] = await store().readStream(stream);
      const fromLog = onlyStreams([stream], await store().readAll({ after: baseline, limit: 10 }));

      expect(fromStream).toMatchObject({ type: event.type, data: event.data, metadata: event.metadata });
      expect(fromLog).toEqual([fromStream]);
      expect(new Date(fromStream.recordedAt).toISOString()).toBe(fromStream.recordedAt);
    });
  });

  describe('reading the global log', () => {
    it('reads events of all streams in the order they were appended, after a position, up to a limit', async () => {
      const [left, right] = [newStream(), newStream()];
      const baseline = await store().headPosition();
      const [l0, r0, l1] = newEvents(3);
      await store().appendToStream(left, [l0], { expectedRevision: 'no-stream' });
      await store().appendToStream(right, [r0], { expectedRevision: 'no-stream' });
      await store().appendToStream(left, [l1], { expectedRevision: 0 });

      const all = onlyStreams([left, right], await store().readAll({ after: baseline, limit: 10 }));
      const firstPage = await store().readAll({ after: baseline, limit: 2 });
      const nextPage = await store().readAll({ after: firstPage[1].position, limit: 10 });

      expect(idsOf(all)).toEqual(idsOf([l0, r0, l1]));
      expectStrictlyIncreasing(all.map((event) => event.position));
      expect(idsOf(firstPage)).toEqual(idsOf([l0, r0]));
      expect(idsOf(nextPage)).toEqual(idsOf([l1]));
    });

    it('reads nothing after the head position', async () => {
      await store().appendToStream(newStream(), newEvents(2), { expectedRevision: 'no-stream' });

      expect(await store().readAll({ after: await store().headPosition(), limit: 10 })).toEqual([]);
    });

    it('has a head position at the last appended event', async () => {
      const first = await store().appendToStream(newStream(), newEvents(2), { expectedRevision: 'no-stream' });
      const second = await store().appendToStream(newStream(), [newEvent()], { expectedRevision: 'no-stream' });

      expect(second.position).toBeGreaterThan(first.position);
      expect(await store().headPosition()).toBe(second.position);
    });

    if (options.startsEmpty) {
      it('has head position 0 and reads nothing when empty', async () => {
        expect(await store().headPosition()).toBe(0);
        expect(await store().readAll({ after: 0, limit: 10 })).toEqual([]);
      });
    }
  });
}
