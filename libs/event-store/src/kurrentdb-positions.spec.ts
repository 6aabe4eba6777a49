import { KurrentDBClient, type AllStreamResolvedEvent } from '@kurrent/kurrentdb-client';
import { KurrentDbConnection } from './kurrentdb-connection';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { KurrentDbReader } from './kurrentdb-reads';
import { toRecordedEvent } from './kurrentdb-mapping';
import { newEvent } from './testing/event-store-fixtures.contract';

const BEYOND = BigInt(Number.MAX_SAFE_INTEGER) + 2n;

function resolvedAt(commit: bigint): AllStreamResolvedEvent {
  const event = {
    streamId: 'application-1',
    id: '00000000-0000-4000-8000-000000000001',
    isJson: true,
    revision: 0n,
    type: 'ThingHappened',
    created: new Date(0),
    data: {},
    metadata: {},
    position: { commit, prepare: commit },
  };
  return { event } as unknown as AllStreamResolvedEvent;
}

describe('KurrentDbEventStore positions beyond what a number holds exactly', () => {
  let store: KurrentDbEventStore;
  beforeEach(() => {
    jest.spyOn(KurrentDbConnection.prototype, 'serverFeatures').mockResolvedValue();
    store = new KurrentDbEventStore({ connectionString: 'kurrentdb://127.0.0.1:1?tls=false', timeoutMs: 500 });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await store.close();
  });

  it('refuses an event whose commit position is beyond 2^53 - 1 instead of rounding it', () => {
    expect(() => toRecordedEvent(resolvedAt(BEYOND))).toThrow(RangeError);
    expect(toRecordedEvent(resolvedAt(BigInt(Number.MAX_SAFE_INTEGER)))?.position).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses an append result and a head position beyond 2^53 - 1', async () => {
    jest
      .spyOn(KurrentDBClient.prototype, 'appendToStream')
      .mockResolvedValue({ success: true, nextExpectedRevision: 0n, position: { commit: BEYOND, prepare: BEYOND } });
    jest.spyOn(KurrentDbReader.prototype, 'all').mockResolvedValue([resolvedAt(BEYOND)]);

    await expect(store.appendToStream('application-1', [newEvent()], { expectedRevision: 'any' })).rejects.toThrow(
      /beyond 2\^53/,
    );
    await expect(store.headPosition()).rejects.toThrow(RangeError);
  });

  it.each([-1, 1.5, 2 ** 53, Number.NaN])('refuses to read after %p, which is no log position', async (after) => {
    const readAll = jest.spyOn(KurrentDbReader.prototype, 'all').mockResolvedValue([]);

    await expect(store.readAll({ after, limit: 10 })).rejects.toThrow(RangeError);
    expect(() => store.subscribeToAll({ after })).toThrow(RangeError);
    expect(readAll).not.toHaveBeenCalled();
  });

  it('reads after a position as that commit and prepare position, and from the start after 0', async () => {
    const readAll = jest.spyOn(KurrentDbReader.prototype, 'all').mockResolvedValue([]);

    await store.readAll({ after: Number.MAX_SAFE_INTEGER, limit: 1 });
    await store.readAll({ after: 0, limit: 1 });

    const max = BigInt(Number.MAX_SAFE_INTEGER);
    expect(readAll.mock.calls.map(([options]) => options.from)).toEqual([{ commit: max, prepare: max }, 'start']);
  });
});
