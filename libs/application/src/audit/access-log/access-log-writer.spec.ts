import { MemoryEventStore, StoreUnavailableError, type EventStore } from '@app/event-store';
import { verifyChain } from '@app/integrity';
import type { CommandContext } from '../../pipeline/command-context';
import { PERSONAL_DATA_REVEALED, accessLogStreamName } from './access-log-events';
import { AccessLogWriter } from './access-log-writer';

const CASE_A = '3f2b8c1e-5d4a-4c7b-9e21-8a6f0d2c4b19';
const CASE_B = '7a1d2e3f-4b5c-4d6e-8f70-1a2b3c4d5e6f';
let sequence = 0;
const context = (now = '2024-12-10T15:30:00.000Z', auditor = 'auditor-1'): CommandContext => ({
  commandId: `reveal-${++sequence}`,
  correlationId: 'correlation-1',
  causationId: `request-${sequence}`,
  actor: { id: auditor, role: 'auditor' },
  now,
});
const reveal = (applicationIds: string[], reason: string | null = 'complaint 117') => ({
  applicationIds,
  route: 'GET /v1/applications/{id}/history',
  reason,
});

describe('AccessLogWriter', () => {
  let store: MemoryEventStore;
  beforeEach(() => {
    store = new MemoryEventStore();
  });

  it('appends one PersonalDataRevealed per reveal to the UTC day’s stream: who, when, which cases, route, reason', async () => {
    await new AccessLogWriter(store).record(reveal([CASE_A, CASE_B]), context('2024-12-10T23:59:59.000Z'));
    const [event] = await store.readStream('accesslog-2024-12-10');
    expect(event.type).toBe(PERSONAL_DATA_REVEALED);
    expect(event.data).toEqual(reveal([CASE_A, CASE_B]));
    expect(event.metadata).toMatchObject({
      actor: { id: 'auditor-1', role: 'auditor' },
      recordedAt: '2024-12-10T23:59:59.000Z',
      commandType: 'RecordPersonalDataReveal',
    });
    expect(accessLogStreamName('2024-12-11T00:00:00.000Z')).toBe('accesslog-2024-12-11');
  });

  it('chains the day’s events like a case: concurrent reveals share appends and every link holds', async () => {
    const appends = jest.spyOn(store, 'appendToStream');
    const writer = new AccessLogWriter(store);
    await Promise.all(
      Array.from({ length: 40 }, (_, index) => writer.record(reveal([CASE_A], `r${index}`), context())),
    );
    const events = await store.readStream('accesslog-2024-12-10');
    expect(events.map((event) => (event.data as { reason: string }).reason).sort()).toEqual(
      Array.from({ length: 40 }, (_, index) => `r${index}`).sort(),
    );
    expect(verifyChain(events)).toEqual({ valid: true, checkedEvents: 40 });
    expect(appends.mock.calls.length).toBeLessThan(5);
  });

  it('keeps the chain when another writer (the audit CLI) appends to the same day in between', async () => {
    const api = new AccessLogWriter(store);
    const cli = new AccessLogWriter(store);
    await api.record(reveal([CASE_A]), context());
    await cli.record(reveal([CASE_B]), context());
    await api.record(reveal([CASE_A, CASE_B]), context());
    const events = await store.readStream('accesslog-2024-12-10');
    expect(events).toHaveLength(3);
    expect(verifyChain(events).valid).toBe(true);
  });

  it('starts a new stream on a new UTC day', async () => {
    const writer = new AccessLogWriter(store);
    await writer.record(reveal([CASE_A]), context('2024-12-10T23:00:00.000Z'));
    await writer.record(reveal([CASE_B]), context('2024-12-11T00:00:00.000Z'));
    expect(await store.readStream('accesslog-2024-12-11')).toHaveLength(1);
    expect(verifyChain(await store.readStream('accesslog-2024-12-11')).valid).toBe(true);
  });

  it('rejects when the store fails, so that the caller shows nothing; the next reveal is recorded', async () => {
    const failing: EventStore = Object.create(store) as EventStore;
    let down = true;
    failing.appendToStream = (...args) =>
      down ? Promise.reject(new StoreUnavailableError('disk full')) : store.appendToStream(...args);
    const writer = new AccessLogWriter(failing);
    await expect(writer.record(reveal([CASE_A]), context())).rejects.toBeInstanceOf(StoreUnavailableError);
    down = false;
    await writer.record(reveal([CASE_B]), context());
    expect((await store.readStream('accesslog-2024-12-10')).map((event) => event.data.applicationIds)).toEqual([
      [CASE_B],
    ]);
  });
});
