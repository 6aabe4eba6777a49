import { randomUUID } from 'node:crypto';
import { MemoryEventStore, type RecordedEvent } from '@app/event-store';
import { feedItemsOf } from './change-feed';
import { TailRedaction } from './tail-redaction';

const event = (type: string, data: Record<string, unknown>) => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: { recordedAt: '2024-12-10T15:30:00.000Z' },
});
const received = (familyName: string, passport: string) =>
  event('ApplicationReceived', {
    submission: { applicant: { familyName, passport: { number: passport, country: 'FRA' } } },
    screening: [{ rule: 'C6', detail: `no other case of ${familyName} with passport:${passport}` }],
  });
const note = (text: string) => event('CaseNoteAdded', { text });

describe('TailRedaction: the feed tail redacts as the audit routes do, reading each case once', () => {
  let store: MemoryEventStore;
  let reads: string[];
  beforeEach(() => {
    store = new MemoryEventStore();
    reads = [];
    const readStream = store.readStream.bind(store);
    store.readStream = (stream, options) => (reads.push(stream), readStream(stream, options));
    const readStreamOrEmpty = store.readStreamOrEmpty.bind(store);
    store.readStreamOrEmpty = (stream) => (reads.push(stream), readStreamOrEmpty(stream));
  });
  afterEach(() => store.close());

  it('gives, page after page, the items logPageFor gives, values learnt from later events included', async () => {
    await store.appendToStream('application-old', [received('Gagnon', '11ZZ00001')], { expectedRevision: 'no-stream' });
    const redaction = new TailRedaction(store);
    let after = await store.headPosition();
    const appends: [string, ReturnType<typeof event>[]][] = [
      ['application-old', [note('Called Gagnon about 11ZZ00001')]],
      ['application-a', [received('Tremblay', '19AB12345'), note('Tremblay sent 19AB12345 again')]],
      [
        'application-a',
        [
          event('ApplicantDetailsCorrected', {
            field: 'passport',
            previous: { number: '19AB12345' },
            value: { number: '20CD99887' },
          }),
        ],
      ],
      ['application-a', [note('New passport 20CD99887 seen; old one 19AB12345 void')]],
      ['parking-x', [event('EventParked', { reason: 'Tremblay' })]],
      ['application-b', [received('Roy', '21EF55443')]],
    ];
    for (const [stream, events] of appends) {
      const revision = (await store.readStream(stream).catch(() => [] as RecordedEvent[])).at(-1)?.revision;
      await store.appendToStream(stream, events, { expectedRevision: revision ?? 'no-stream' });
      const page = (await store.readAll({ after, limit: 100 })).filter((stored) =>
        stored.streamName.startsWith('application-'),
      );
      after = await store.headPosition();
      const items = await redaction.itemsOf(page);
      expect(items).toEqual(await feedItemsOf(store, page, undefined));
      expect(JSON.stringify(items)).not.toMatch(/Tremblay|Gagnon|19AB12345|20CD99887|11ZZ00001/);
    }
  });

  it('reads the stream of a case only when it first meets it after its first event', async () => {
    const redaction = new TailRedaction(store);
    await store.appendToStream('application-c', [received('Roy', '21EF55443'), note('Roy')], {
      expectedRevision: 'no-stream',
    });
    for (let revision = 2; revision < 6; revision++) {
      await store.appendToStream('application-c', [note('Roy')], { expectedRevision: revision - 1 });
      reads.length = 0;
      const items = await redaction.itemsOf(await store.readAll({ after: revision, limit: 1 }));
      expect(JSON.stringify(items)).not.toContain('Roy');
      expect(reads).toEqual(revision === 2 ? ['application-c'] : []);
    }
    await store.appendToStream('application-d', [received('Côté', '22GH66554')], { expectedRevision: 'no-stream' });
    reads.length = 0;
    const items = await redaction.itemsOf(await store.readAll({ after: 6, limit: 1 }));
    expect(JSON.stringify(items)).not.toMatch(/Côté|22GH66554/);
    expect(reads).toEqual([]);
  });
});
