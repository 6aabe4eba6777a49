import { MemoryEventStore } from './memory-event-store';
import { describeConcurrentSubmissions } from './testing/concurrent-submissions.contract';
import { describeEventStoreContract } from './testing/event-store.contract';
import { newEvent, newStream } from './testing/event-store-fixtures.contract';

describeEventStoreContract('memory', () => new MemoryEventStore(), {
  startsEmpty: true,
  refusesEventIdsStoredElsewhere: true,
});

describeConcurrentSubmissions('memory', () => [new MemoryEventStore()]);

describe('MemoryEventStore', () => {
  it('records the time of its clock', async () => {
    const store = new MemoryEventStore({ now: () => new Date('2025-03-01T12:00:00Z') });
    const stream = newStream();
    await store.appendToStream(stream, [newEvent()], { expectedRevision: 'no-stream' });

    const [event] = await store.readStream(stream);

    expect(event.recordedAt).toBe('2025-03-01T12:00:00.000Z');
  });

  it('hands out frozen copies, so a caller cannot change what is stored', async () => {
    const store = new MemoryEventStore();
    const stream = newStream();
    const data = { nested: { value: 1 } };
    await store.appendToStream(stream, [newEvent({ data })], { expectedRevision: 'no-stream' });
    data.nested.value = 2;

    const [event] = await store.readStream(stream);

    expect(event.data).toEqual({ nested: { value: 1 } });
    expect(Object.isFrozen(event.data.nested)).toBe(true);
  });
});
