import { IDEMPOTENCY_STORE } from '@app/application';
import type Database from 'better-sqlite3';
import { READ_MODEL_DB } from '@app/hosting';
import {
  injectSqliteFault,
  LARGER_THAN_A_PAGE,
  type SqliteFault,
} from '../libs/event-store/src/testing/sqlite-faults.contract';
import { exampleSubmission, startTestApp, type TestApp } from './support/test-app';

/** A withdrawal reason that makes its event larger than an SQLite page, so a full disk always refuses it. */
const LONG_REASON = 'r'.repeat(LARGER_THAN_A_PAGE - 96);
const LONG_DUTIES = 'd'.repeat(LARGER_THAN_A_PAGE - 96);

const CAUSES: Record<SqliteFault, RegExp> = {
  'disk-full': /the event store is full \(SQLITE_FULL/,
  'read-only': /the event store is read-only \(SQLITE_READONLY/,
};

describe('the SQLite event store fails under the API', () => {
  let api: TestApp;
  let removeFault: (() => void) | undefined;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterEach(() => {
    removeFault?.();
    removeFault = undefined;
  });
  afterAll(async () => {
    await api.close();
  });

  const withKey = (key: string) => ({ headers: { 'idempotency-key': key } });
  const globalLog = async () =>
    (await api.get('/v1/audit/events?limit=1000', { as: 'auditor' })).body.events as unknown[];
  const history = async (id: string) =>
    (await api.get(`/v1/applications/${id}/history`, { as: 'auditor' })).body.events as unknown[];
  const submit = async () => {
    const submitted = await api.post('/v1/applications', exampleSubmission());
    expect(submitted.status).toBe(201);
    return submitted.body.id as string;
  };

  function expectStoreUnavailable(response: Awaited<ReturnType<TestApp['post']>>, fault: SqliteFault): void {
    expect(response.status).toBe(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.body).toMatchObject({ status: 503, type: 'urn:impplus:problem:store-unavailable' });
    expect(response.body.detail).toMatch(CAUSES[fault]);
    expect(response.text).not.toContain(api.dataDir);
  }

  describe.each<SqliteFault>(['disk-full', 'read-only'])('%s', (fault) => {
    it('answers a new submission with 503 naming the cause, and appends nothing', async () => {
      const before = await globalLog();
      removeFault = injectSqliteFault(api.store, fault);

      const refused = await api.post(
        '/v1/applications',
        exampleSubmission({ dutiesDescription: LONG_DUTIES }),
        withKey(`submit-${fault}`),
      );

      expectStoreUnavailable(refused, fault);
      expect(await globalLog()).toEqual(before);
    });

    it('keeps an existing stream and its hash chain intact, and accepts the same command exactly once after the fault', async () => {
      const id = await submit();
      const key = `withdraw-${fault}`;
      const withdrawal = { reason: LONG_REASON };
      const [streamBefore, logBefore] = [await history(id), await globalLog()];
      removeFault = injectSqliteFault(api.store, fault);

      expectStoreUnavailable(await api.post(`/v1/applications/${id}/withdrawal`, withdrawal, withKey(key)), fault);
      expect(await history(id)).toEqual(streamBefore);
      expect(await globalLog()).toEqual(logBefore);
      expect((await api.get(`/v1/applications/${id}/verification`, { as: 'auditor' })).body).toMatchObject({
        valid: true,
      });

      removeFault();
      removeFault = undefined;
      const accepted = await api.post(`/v1/applications/${id}/withdrawal`, withdrawal, withKey(key));
      const replayed = await api.post(`/v1/applications/${id}/withdrawal`, withdrawal, withKey(key));

      expect(accepted.status).toBe(201);
      expect(accepted.headers['idempotent-replayed']).toBeUndefined();
      expect(replayed.status).toBe(201);
      expect(replayed.headers['idempotent-replayed']).toBe('true');
      const streamAfter = (await history(id)) as { type: string }[];
      expect(streamAfter.slice(0, streamBefore.length)).toEqual(streamBefore);
      expect(streamAfter.filter((event) => event.type === 'ApplicationWithdrawn')).toHaveLength(1);
      expect((await api.get(`/v1/applications/${id}/verification`, { as: 'auditor' })).body).toMatchObject({
        valid: true,
      });
    });
  });

  it('keeps serving reads while the store is read-only', async () => {
    const id = await submit();
    removeFault = injectSqliteFault(api.store, 'read-only');

    expect((await api.get(`/v1/applications/${id}`)).status).toBe(200);
    expect((await api.get(`/v1/applications/${id}/history`, { as: 'auditor' })).status).toBe(200);
  });
});

describe('the other SQLite files become read-only under the API', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  const count = async (id: string, type: string) =>
    ((await api.get(`/v1/applications/${id}/history`, { as: 'auditor' })).body.events as { type: string }[]).filter(
      (event) => event.type === type,
    ).length;

  it('idempotency records: the command is stored once, answered 503 naming the record store, and its retry replays it', async () => {
    const db = api.app.get<{ ['db']: Database.Database }>(IDEMPOTENCY_STORE)['db'];
    const submission = exampleSubmission();
    const key = { headers: { 'idempotency-key': 'idempotency-db-read-only' } };

    db.pragma('query_only = ON');
    let failed: Awaited<ReturnType<TestApp['post']>>;
    try {
      failed = await api.post('/v1/applications', submission, key);
    } finally {
      db.pragma('query_only = OFF');
    }
    const retried = await api.post('/v1/applications', submission, key);
    const replayed = await api.post('/v1/applications', submission, key);

    expect(failed.status).toBe(503);
    expect(failed.headers['retry-after']).toBe('5');
    expect(failed.body.detail).toMatch(/the idempotency record store is read-only \(SQLITE_READONLY/);
    expect(retried.status).toBe(201);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body.id).toBe(retried.body.id);
    expect(await count(retried.body.id, 'ApplicationReceived')).toBe(1);
  });

  it('read models: the command is still accepted and stored once, the projection retries, then recovers by itself', async () => {
    const db = api.app.get<Database.Database>(READ_MODEL_DB);
    db.pragma('query_only = ON');
    let id: string;
    try {
      const submitted = await api.post('/v1/applications', exampleSubmission());
      const health = await api.get('/health', { as: 'admin' });

      expect(submitted.status).toBe(201);
      id = submitted.body.id;
      expect(await count(id, 'ApplicationReceived')).toBe(1);
      expect(health.status).toBe(503);
      expect(health.body.store).toMatchObject({ status: 'up' });
      expect(health.body.projections).toContainEqual(
        expect.objectContaining({
          name: 'case-view',
          state: 'retrying',
          failure: expect.objectContaining({ message: expect.stringMatching(/readonly/) }),
        }),
      );
    } finally {
      db.pragma('query_only = OFF');
    }
    const deadline = Date.now() + 20_000;
    let health = await api.get('/health', { as: null });
    while (health.status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      health = await api.get('/health', { as: null });
    }
    expect(health.status).toBe(200);
    expect((await api.get(`/v1/applications/${id}`, { as: 'officer' })).body).toMatchObject({
      id,
      revision: expect.any(Number),
    });
  }, 30_000);
});
