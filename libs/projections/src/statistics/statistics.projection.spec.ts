import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@app/event-store';
import { openReadModelDatabase } from '../runner/read-model-database';
import { statisticsProjection } from './statistics.projection';
import { quarterlyStatistics, weeklyStatistics } from './statistics.queries';

let position = 0;
const event = (stream: string, revision: number, type: string, data: Record<string, unknown>): RecordedEvent => ({
  streamName: `application-${stream}`,
  revision,
  position: ++position,
  eventId: `${stream}-${revision}`,
  type,
  data,
  metadata: {},
  recordedAt: '2024-01-01T00:00:00Z',
});

/** A case received, refused, its refusal set aside (R7) and approved, then given a permit. */
const reconsidered = (stream: string) => [
  event(stream, 0, 'ApplicationReceived', { receivedAt: '2024-04-01T03:30:00Z', receivedOn: '2024-03-31' }),
  event(stream, 1, 'IntakeNumberAssigned', { year: 2024, number: 1, cap: 7350, withinCap: true }),
  event(stream, 2, 'ApplicationRefused', { decidedAt: '2024-04-08T14:00:00Z' }),
  event(stream, 3, 'DecisionSetAside', { recordedAt: '2024-05-01T14:00:00Z' }),
  event(stream, 4, 'ApplicationApproved', { decidedAt: '2024-05-06T03:59:59Z' }),
  event(stream, 5, 'WorkPermitIssued', { permit: { issuedOn: '2024-05-07' } }),
];
const withdrawn = (stream: string) => [
  event(stream, 0, 'ApplicationReceived', { receivedAt: '2024-04-02T15:00:00Z', receivedOn: '2024-04-02' }),
  event(stream, 1, 'ApplicationWithdrawn', { withdrawnAt: '2024-06-30T23:00:00Z' }),
];

describe('H6 the statistics read model counts per Eastern date and measure', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = openReadModelDatabase(':memory:');
    statisticsProjection.setup(db);
  });
  afterEach(() => db.close());
  const apply = (events: readonly RecordedEvent[]) => events.forEach((e) => statisticsProjection.apply(db, e));

  it('counts each receipt, decision, withdrawal and permit in the Monday–Sunday week of its Eastern date', () => {
    apply([...reconsidered('a'), ...withdrawn('b')]);
    expect(weeklyStatistics(db, '2024-03-31', '2024-05-12')).toEqual([
      { weekStarting: '2024-03-25', submitted: 1, approved: 0, refused: 0, withdrawn: 0, permitsIssued: 0 },
      { weekStarting: '2024-04-01', submitted: 1, approved: 0, refused: 0, withdrawn: 0, permitsIssued: 0 },
      { weekStarting: '2024-04-08', submitted: 0, approved: 0, refused: 1, withdrawn: 0, permitsIssued: 0 },
      { weekStarting: '2024-04-15', submitted: 0, approved: 0, refused: 0, withdrawn: 0, permitsIssued: 0 },
      { weekStarting: '2024-04-22', submitted: 0, approved: 0, refused: 0, withdrawn: 0, permitsIssued: 0 },
      { weekStarting: '2024-04-29', submitted: 0, approved: 1, refused: 0, withdrawn: 0, permitsIssued: 0 },
      { weekStarting: '2024-05-06', submitted: 0, approved: 0, refused: 0, withdrawn: 0, permitsIssued: 1 },
    ]);
  });

  it('counts a decision set aside (R7) and the new decision both, in the quarter of each', () => {
    apply([...reconsidered('a'), ...withdrawn('b')]);
    expect(quarterlyStatistics(db, 2024, 1)).toEqual({
      submitted: 1,
      approved: 0,
      refused: 0,
      withdrawn: 0,
      permitsIssued: 0,
    });
    expect(quarterlyStatistics(db, 2024, 2)).toEqual({
      submitted: 1,
      approved: 1,
      refused: 1,
      withdrawn: 1,
      permitsIssued: 1,
    });
  });

  it('counts an event once, applied twice or replayed', () => {
    const events = [...reconsidered('a'), ...withdrawn('b')];
    apply(events);
    apply(events);
    apply(events.slice(2));
    expect(quarterlyStatistics(db, 2024, 2)).toMatchObject({ submitted: 1, refused: 1, approved: 1 });
  });

  it('ignores streams other than applications', () => {
    statisticsProjection.apply(db, {
      ...event('x', 0, 'ApplicationReceived', { receivedOn: '2024-04-02' }),
      streamName: 'parking-x',
    });
    expect(quarterlyStatistics(db, 2024, 2).submitted).toBe(0);
  });

  it('writes nothing for an event that counts nothing (an intake number, a set-aside), and still counts what follows once', () => {
    const [received, numbered, refused, setAside, approved] = reconsidered('c');
    apply([received]);
    const changes = db.prepare<[], number>('SELECT total_changes()').pluck();
    const before = changes.get();
    apply([numbered]);
    apply([numbered]);
    expect(changes.get()).toBe(before);
    apply([refused, setAside, approved, refused, approved]);
    expect(quarterlyStatistics(db, 2024, 2)).toMatchObject({ refused: 1, approved: 1 });
  });
});
