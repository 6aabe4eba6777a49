import type Database from 'better-sqlite3';
import type { ApplicationEvent, ApplicationState } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { familySubmission, intakeNumberAssigned, principalSnapshot, received, receivedAs } from '@app/testing';
import { openReadModelDatabase } from '../runner/read-model-database';
import { caseViewStateCache } from './case-view.batches';
import { caseViewProjection } from './case-view.projection';
import { CaseViewQueries } from './case-view.queries';

let position = 0;
const recorded = (application: string, revision: number, event: ApplicationEvent): RecordedEvent => ({
  streamName: `application-${application}`,
  revision,
  position: ++position,
  eventId: `${application}-${revision}`,
  type: event.type,
  data: event.data,
  metadata: {},
  recordedAt: '2024-12-10T15:00:00.000Z',
});

/** The key the case view's batches cache a row's state under, in generation 1. */
const cacheKey = (application: string) => `case_view_v1_g1:${application}`;

describe('CaseViewQueries.find: a row the batches just folded is answered from their parsed state', () => {
  let db: Database.Database;
  let queries: CaseViewQueries;
  const apply = (...events: RecordedEvent[]) => events.forEach((event) => caseViewProjection.apply(db, event));
  const withRouting = (state: ApplicationState, routing: string) => ({ ...state, routing }) as ApplicationState;

  beforeEach(() => {
    position = 0;
    db = openReadModelDatabase(':memory:');
    caseViewStateCache(db, 1);
    caseViewProjection.setup(db);
    queries = new CaseViewQueries(db);
    apply(recorded('a', 0, received()), recorded('a', 1, intakeNumberAssigned({ number: 7 })));
  });
  afterEach(() => db.close());

  it('uses the cached state when it is at the row’s revision, without parsing the stored text', () => {
    const cache = caseViewStateCache(db);
    const cached = cache.peek(cacheKey('a'), 1) as ApplicationState;
    cache.set(cacheKey('a'), 1, withRouting(cached, 'cached-marker'));

    expect(queries.find('a')).toMatchObject({ revision: 1, position: 2, view: { routing: 'cached-marker' } });
  });

  it('reads and parses the stored state when the cached one is at another revision, or gone', () => {
    const cache = caseViewStateCache(db);
    const cached = cache.peek(cacheKey('a'), 1) as ApplicationState;
    const stored = queries.find('a');
    cache.set(cacheKey('a'), 2, withRouting(cached, 'cached-marker'));
    expect(queries.find('a')).toStrictEqual(stored);

    apply(recorded('b', 0, received()));
    expect(cache.peek(cacheKey('a'), 1)).toBeUndefined();
    expect(queries.find('a')).toStrictEqual(stored);
    expect(stored?.view.routing).not.toBe('cached-marker');
  });

  it('gives from the cache the view the stored text gives, and leaves the cache figures to the fold', () => {
    const figures = caseViewStateCache(db).stats();
    const fromCache = queries.find('a');
    expect(queries.find('unknown')).toBeNull();
    expect(caseViewStateCache(db).stats()).toStrictEqual(figures);

    apply(recorded('b', 0, received()));
    const fromTable = queries.find('a');
    expect(JSON.parse(JSON.stringify(fromCache))).toStrictEqual(JSON.parse(JSON.stringify(fromTable)));
    expect(fromCache).toMatchObject({ revision: 1, position: 2, view: { intake: { number: 7 } } });
  });
});

describe('CaseViewQueries.list: every item with its family, read for the whole page at once', () => {
  const P1 = '10000000-0000-4000-8000-000000000001';
  const P2 = '10000000-0000-4000-8000-000000000002';
  const M1 = '20000000-0000-4000-8000-000000000001';
  const M2 = '20000000-0000-4000-8000-000000000002';
  let db: Database.Database;
  let queries: CaseViewQueries;

  beforeEach(() => {
    position = 0;
    db = openReadModelDatabase(':memory:');
    caseViewProjection.setup(db);
    queries = new CaseViewQueries(db);
    const member = (id: string) =>
      receivedAs(familySubmission({ principalApplicationId: P1 }), {
        applicationId: id,
        principal: principalSnapshot({ applicationId: P1 }),
      });
    for (const [id, event] of [
      [P1, received(undefined, { applicationId: P1 })],
      [P2, received(undefined, { applicationId: P2 })],
      [M2, member(M2)],
      [M1, member(M1)],
    ] as const)
      caseViewProjection.apply(db, recorded(id, 0, event));
  });
  afterEach(() => db.close());

  it("lists each item's family members as the case's own view does, a principal's and a member's alike", () => {
    const { items } = queries.list({ limit: 10 });
    expect(items.map((item) => [item.id, item.family])).toEqual([
      [P1, { principalApplicationId: P1, members: [M1, M2] }],
      [P2, { principalApplicationId: P2, members: [] }],
      [M1, { principalApplicationId: P1, members: [M1, M2] }],
      [M2, { principalApplicationId: P1, members: [M1, M2] }],
    ]);
    expect(items).toEqual(items.map((item) => queries.find(item.id)?.view));
  });

  it('gives the families of the items on a page, whatever other pages hold', () => {
    const first = queries.list({ limit: 2 });
    const second = queries.list({ limit: 2, after: first.nextCursor ?? undefined });
    expect([...first.items, ...second.items].map((item) => item.family.members)).toEqual([
      [M1, M2],
      [],
      [M1, M2],
      [M1, M2],
    ]);
    expect(second.nextCursor).toBeNull();
  });
});
