import type Database from 'better-sqlite3';
import type { ApplicationEvent, ApplicationState } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { intakeNumberAssigned, received } from '@app/testing';
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
