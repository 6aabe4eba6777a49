import { PassThrough } from 'node:stream';
import { KurrentDBClient, type AllStreamResolvedEvent } from '@kurrent/kurrentdb-client';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { KurrentDbReader } from './kurrentdb-reads';
import { toRecordedEvent } from './kurrentdb-mapping';
import { CASE_LEDGER_STREAM_PREFIXES } from './kurrentdb-stream-filter';
import type { ResolvedEventSource } from './kurrentdb-subscription';
import { within } from './testing/event-store-fixtures.contract';

function resolved(streamId: string, position: number, overrides: Record<string, unknown> = {}): AllStreamResolvedEvent {
  const event = {
    streamId,
    id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    isJson: true,
    revision: 0n,
    type: 'ThingHappened',
    created: new Date(0),
    data: { position },
    metadata: {},
    position: { commit: BigInt(position), prepare: BigInt(position) },
    ...overrides,
  };
  return { event } as unknown as AllStreamResolvedEvent;
}

const mixed = [
  resolved('application-1', 100),
  resolved('orders-7', 150),
  resolved('contract-9', 175),
  resolved('parking-1', 200),
  resolved('accesslog-2024-12-10', 250),
];
const serverFilter = { filterOn: 'streamName', prefixes: ['application-', 'parking-', 'accesslog-'] };
const readFilter = { prefixes: serverFilter.prefixes };

describe('KurrentDbEventStore reads only its own streams', () => {
  let store: KurrentDbEventStore;
  beforeEach(() => {
    store = new KurrentDbEventStore({ connectionString: 'kurrentdb://127.0.0.1:1?tls=false', timeoutMs: 500 });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await store.close();
  });

  it('names application-, parking- and accesslog- as the streams of this application', () => {
    expect(CASE_LEDGER_STREAM_PREFIXES).toEqual(['application-', 'parking-', 'accesslog-']);
  });

  it('asks the server for a stream-name prefix filter on readAll, and drops foreign streams it still sends', async () => {
    const readAll = jest.spyOn(KurrentDbReader.prototype, 'all').mockResolvedValue(mixed);

    const events = await store.readAll({ after: 0, limit: 10 });

    expect(readAll).toHaveBeenCalledWith(expect.objectContaining(readFilter), expect.any(Number));
    expect(events.map((event) => event.streamName)).toEqual(['application-1', 'parking-1', 'accesslog-2024-12-10']);
  });

  it('takes the head position from its own streams only', async () => {
    const readAll = jest.spyOn(KurrentDbReader.prototype, 'all').mockResolvedValue([resolved('orders-7', 900)]);

    expect(await store.headPosition()).toBe(0);
    expect(readAll).toHaveBeenCalledWith(expect.objectContaining(readFilter), expect.any(Number));
  });

  it('subscribes with the same filter and yields only its own streams', async () => {
    const source = new PassThrough({ objectMode: true }) as PassThrough & ResolvedEventSource;
    source.unsubscribe = jest.fn(async () => undefined);
    const subscribe = jest.spyOn(KurrentDBClient.prototype, 'subscribeToAll').mockReturnValue(source);
    const subscription = store.subscribeToAll({ after: 0 });
    mixed.forEach((event) => source.write(event));

    const seen: string[] = [];
    const iterate = async () => {
      for await (const event of subscription) {
        seen.push(event.streamName);
        if (seen.length === 2) await subscription.close();
      }
    };
    await within(2000, iterate());

    expect(subscribe).toHaveBeenCalledWith(expect.objectContaining({ filter: expect.objectContaining(serverFilter) }));
    expect(seen).toEqual(['application-1', 'parking-1']);
  });

  it('is told other prefixes when it is opened for another set of streams', async () => {
    const other = new KurrentDbEventStore({
      connectionString: 'kurrentdb://127.0.0.1:1?tls=false',
      streamPrefixes: ['contract-'],
    });
    jest.spyOn(KurrentDbReader.prototype, 'all').mockResolvedValue(mixed);

    const events = await other.readAll({ after: 0, limit: 10 }).finally(() => other.close());

    expect(events.map((event) => event.streamName)).toEqual(['contract-9']);
  });
});

describe('toRecordedEvent of an event this store cannot read', () => {
  it.each([
    ['a binary event', { isJson: false, data: new Uint8Array([0xff]) }, /not JSON/],
    ['malformed JSON (the client passes the text on)', { data: '{"oops' }, /malformed/],
    ['JSON that is not an object', { data: [1, 2] }, /malformed/],
  ])('maps %s to data {} with the reason, at its position', (_, overrides, reason) => {
    const event = toRecordedEvent(resolved('application-1', 300, overrides));

    expect(event).toMatchObject({ position: 300, data: {}, unreadable: expect.stringMatching(reason) });
  });

  it('leaves a readable event without the flag', () => {
    expect(toRecordedEvent(resolved('application-1', 300))).not.toHaveProperty('unreadable');
  });
});
