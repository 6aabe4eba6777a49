import type Database from 'better-sqlite3';
import { ManualClock } from '@app/application';
import { READ_MODEL_DB } from '@app/hosting';
import { exampleSubmission, startTestApp, type TestApp } from './support/test-app';

const APPLICATIONS = 40;
const submission = (index: number) =>
  exampleSubmission({
    applicant: {
      ...(exampleSubmission().applicant as object),
      passport: { number: `RB${index}`, country: 'FRA', expiresOn: '2031-01-31' },
    },
  });
const revisionOf = (etag: unknown) => Number(String(etag).replaceAll('"', ''));
/**
 * Fastify's inject runs a request in microtasks only; real requests arrive through I/O, between
 * turns of the event loop, which is when the rebuild (yielding after each batch) makes progress.
 */
const nextRequestArrives = () => new Promise((resolve) => setImmediate(resolve));
const MAX_POLLS = 5000;
/** Forty submissions and a rebuild in batches of four: seconds on a busy 2-core machine. */
const TIMEOUT_MS = 30_000;

describe('rebuilding a read model while the API keeps serving (SQLite store, batches of 4)', () => {
  const clock = new ManualClock('2024-12-10T15:30:00Z');
  let api: TestApp;
  let ids: string[];
  beforeAll(async () => {
    api = await startTestApp({ clock, env: { PROJECTION_BATCH_SIZE: '4' } });
    ids = [];
    for (let index = 0; index < APPLICATIONS; index++)
      ids.push((await api.post('/v1/applications', submission(index))).body.id);
    for (const id of ids.slice(0, 10))
      await api.post(`/v1/applications/${id}/biometric-instruction-letters`, {}, { as: 'officer' });
  }, TIMEOUT_MS);
  afterAll(async () => {
    await api.close();
  });

  const progress = async (name: string) => (await api.get(`/v1/admin/projections/${name}`, { as: 'admin' })).body;

  it(
    'answers 202 with where to watch, never 404s nor goes backwards while it runs, then serves the new generation',
    async () => {
      const seen = new Map<string, number>();
      for (const id of ids)
        seen.set(id, revisionOf((await api.get(`/v1/applications/${id}`, { as: 'officer' })).headers.etag));
      let listed = (await api.get('/v1/applications?limit=200', { as: 'officer' })).body.items.length;

      const accepted = await api.post('/v1/admin/projections/case-view/rebuild', undefined, { as: 'admin' });
      expect(accepted.status).toBe(202);
      expect(accepted.headers.location).toBe('/v1/admin/projections/case-view');
      expect(accepted.body).toMatchObject({ name: 'case-view', generation: 1, rebuild: { generation: 2 } });

      let pollsDuringRebuild = 0;
      for (let round = 0; round < MAX_POLLS && (await progress('case-view')).rebuild !== null; round++) {
        await nextRequestArrives();
        pollsDuringRebuild++;
        const id = ids[round % ids.length];
        const read = await api.get(`/v1/applications/${id}`, { as: 'officer' });
        expect(read.status).toBe(200);
        expect(revisionOf(read.headers.etag)).toBeGreaterThanOrEqual(seen.get(id) as number);
        seen.set(id, revisionOf(read.headers.etag));
        const list = await api.get('/v1/applications?limit=200', { as: 'officer' });
        expect(list.body.items.length).toBeGreaterThanOrEqual(listed);
        listed = list.body.items.length;
        // A submission waits for its fsync (off the event loop) and the read models, many turns in which the
        // rebuild runs on: it comes after a few reads, so that they see the rebuild under way.
        if (round % 5 === 3) {
          const submitted = await api.post('/v1/applications', submission(1000 + round));
          expect(submitted.status).toBe(201);
          ids.push(submitted.body.id);
          seen.set(submitted.body.id, revisionOf(submitted.headers.etag));
          expect((await api.get(`/v1/applications/${submitted.body.id}`, { as: 'officer' })).status).toBe(200);
        }
      }

      expect(pollsDuringRebuild).toBeGreaterThanOrEqual(3);
      expect(await progress('case-view')).toMatchObject({ generation: 2, state: 'running', lag: 0, rebuild: null });
      for (const id of ids) {
        const read = await api.get(`/v1/applications/${id}`, { as: 'officer' });
        expect(revisionOf(read.headers.etag)).toBeGreaterThanOrEqual(seen.get(id) as number);
      }
      const tables = api.app
        .get<Database.Database>(READ_MODEL_DB)
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'case_view%'")
        .pluck()
        .all();
      expect(tables).toEqual(['case_view_v1_g2']);
    },
    TIMEOUT_MS,
  );

  it(
    'rebuilds the intake ledger to the same counts',
    async () => {
      const before = (await api.get('/v1/intake/2024', { as: 'officer' })).body;
      const accepted = await api.post('/v1/admin/projections/intake-ledger/rebuild', undefined, { as: 'admin' });
      expect(accepted.status).toBe(202);
      for (let round = 0; round < MAX_POLLS && (await progress('intake-ledger')).rebuild !== null; round++) {
        await nextRequestArrives();
        expect((await api.get('/v1/intake/2024', { as: 'officer' })).body.counted).toBeGreaterThanOrEqual(
          before.counted,
        );
      }
      expect(await progress('intake-ledger')).toMatchObject({ generation: 2, rebuild: null });
      expect((await api.get('/v1/intake/2024', { as: 'officer' })).body).toEqual(before);
    },
    TIMEOUT_MS,
  );

  it(
    'is for admins only, and names the read models it knows',
    async () => {
      expect((await api.post('/v1/admin/projections/case-view/rebuild', undefined, { as: 'auditor' })).status).toBe(
        403,
      );
      const unknown = await api.post('/v1/admin/projections/intake-numbering/rebuild', undefined, { as: 'admin' });
      expect(unknown).toMatchObject({
        status: 404,
        body: { detail: expect.stringContaining('case-view, intake-ledger') },
      });
      expect((await api.post('/v1/admin/projections/Case_View/rebuild', undefined, { as: 'admin' })).status).toBe(400);
    },
    TIMEOUT_MS,
  );
});
