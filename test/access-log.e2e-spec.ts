import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ManualClock, isAccessLogStream } from '@app/application';
import { verifyStream, type TamperEvidence } from '@app/integrity';
import { ProjectionRunner } from '@app/projections';
import { TAMPER_EVIDENCE } from '../apps/case-api/src/audit/audit-trail.tokens';
import { PERSONAL_DATA } from './support/audit-cli';
import { allEvents, settle } from './support/processes';
import { exampleSubmission, startTestApp, type TestApp } from './support/test-app';

const REASON = 'Complaint 2024-117: checking what the officer saw';
const DAY_STREAM = 'accesslog-2024-12-10';

describe('the access log: every reveal of personal data is recorded before it is sent (issue 19)', () => {
  const clock = new ManualClock('2024-12-10T15:30:00Z');
  let api: TestApp;
  let first: string;
  let second: string;
  const auditor = (url: string) => api.get(url, { as: 'auditor' });
  const accessEvents = async () => (await allEvents(api.store)).filter((event) => isAccessLogStream(event.streamName));
  const entries = async (query = '') => {
    const listed = await auditor(`/v1/audit/access-log${query}`);
    expect(listed.status).toBe(200);
    return listed.body.entries as Record<string, unknown>[];
  };

  beforeAll(async () => {
    api = await startTestApp({ clock });
    first = (await api.post('/v1/applications', exampleSubmission())).body.id;
    const applicant = {
      ...(exampleSubmission().applicant as object),
      passport: { number: '20CD99887', country: 'FRA', expiresOn: '2031-01-31' },
    };
    second = (await api.post('/v1/applications', exampleSubmission({ applicant }))).body.id;
  });
  afterAll(async () => {
    await api.close();
  });

  it('records nothing for redacted reads, the as-of view, an officer’s feed or an unknown case', async () => {
    for (const url of [
      `/v1/applications/${first}/history`,
      `/v1/applications/${first}/history?revision=0&personalData=include&reason=x`,
      `/v1/applications/00000000-0000-4000-8000-000000000000/history?personalData=include`,
      '/v1/audit/events?reason=ignored',
      '/v1/feed',
    ])
      expect([200, 404]).toContain((await auditor(url)).status);
    expect((await api.get('/v1/feed?personalData=include', { as: 'officer' })).status).toBe(200);
    expect(await accessEvents()).toEqual([]);
    expect(await entries()).toEqual([]);
  });

  it('records a reveal through the history with who, whose, when, the route and the reason', async () => {
    const revealed = await auditor(
      `/v1/applications/${first}/history?personalData=include&reason=${encodeURIComponent(REASON)}`,
    );
    expect(revealed.status).toBe(200);
    expect(revealed.text).toContain(PERSONAL_DATA[0]);
    expect(await entries()).toEqual([
      {
        at: '2024-12-10T15:30:00.000Z',
        principal: 'test-auditor',
        applicationId: first,
        route: 'GET /v1/applications/{id}/history',
        reason: REASON,
      },
    ]);
    const listedByAdmin = await api.get(`/v1/audit/access-log?applicationId=${first}`, { as: 'admin' });
    expect(listedByAdmin.body.entries).toHaveLength(1);
    expect((await api.get('/v1/audit/access-log', { as: 'officer' })).status).toBe(403);
  });

  it('records one access event per page of the global log or the feed, naming every case in it; reason optional', async () => {
    clock.set('2024-12-10T16:00:00Z');
    expect((await auditor('/v1/audit/events?personalData=include')).status).toBe(200);
    clock.set('2024-12-10T16:05:00Z');
    expect((await auditor('/v1/feed?personalData=include&reason=feed%20check')).status).toBe(200);
    const events = await accessEvents();
    expect(events.map((event) => event.data.applicationIds)).toEqual([[first], [first, second], [first, second]]);
    const since = await entries('?from=2024-12-10T16:00:00Z');
    expect(since.map((entry) => [entry.route, entry.applicationId, entry.reason])).toEqual([
      ['GET /v1/audit/events', first, null],
      ['GET /v1/audit/events', second, null],
      ['GET /v1/feed', first, 'feed check'],
      ['GET /v1/feed', second, 'feed check'],
    ]);
    expect(await entries(`?applicationId=${second}&to=2024-12-10T16:05:00Z`)).toHaveLength(1);
    expect(await entries('?principal=someone-else')).toEqual([]);
    const page = await auditor('/v1/audit/access-log?limit=2');
    expect(page.body.nextCursor).toEqual(expect.any(String));
    const rest = await auditor(`/v1/audit/access-log?limit=10&cursor=${page.body.nextCursor}`);
    expect([...page.body.entries, ...rest.body.entries]).toEqual(await entries());
    expect(JSON.stringify(await entries())).not.toMatch(new RegExp(PERSONAL_DATA.join('|')));
  });

  it('refuses a bad reason, cursor or range with a 400 naming the field, and reveals nothing', async () => {
    const before = (await accessEvents()).length;
    const refusals: [string, string][] = [
      [`/v1/applications/${first}/history?personalData=include&reason=${'x'.repeat(501)}`, 'reason'],
      [`/v1/applications/${first}/history?personalData=include&reason=a%0Ab`, 'reason'],
      ['/v1/audit/events?personalData=include&reason=%20%20', 'reason'],
      ['/v1/audit/access-log?cursor=yesterday', 'cursor'],
      ['/v1/audit/access-log?cursor=2024-02-30.1.0', 'cursor'],
      ['/v1/audit/access-log?from=2024-12-11T00:00:00Z&to=2024-12-10T00:00:00Z', 'to'],
      ['/v1/audit/access-log?applicationId=not-a-uuid', 'applicationId'],
      ['/v1/audit/access-log?limit=0', 'limit'],
    ];
    for (const [url, field] of refusals) {
      const refused = await auditor(url);
      expect({ url, status: refused.status }).toEqual({ url, status: 400 });
      expect(refused.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    expect(await accessEvents()).toHaveLength(before);
  });

  it('chains the day’s access events like a case: they verify, a signed digest covers them, tampering is caught', async () => {
    const evidence = api.app.get<TamperEvidence>(TAMPER_EVIDENCE);
    expect((await api.post('/v1/admin/audit/digests', undefined, { as: 'admin' })).status).toBe(201);
    const stored = await api.store.readStream(DAY_STREAM);
    expect(verifyStream(DAY_STREAM, stored, evidence)).toMatchObject({
      valid: true,
      checkedEvents: 3,
      signedHead: { status: 'verified', signedRevision: 2 },
    });
    const db = new Database(join(api.dataDir, 'events.db'));
    try {
      const row = db
        .prepare('SELECT position, data FROM events WHERE stream_name = ? AND revision = 1')
        .get(DAY_STREAM) as { position: number; data: string };
      const data = { ...JSON.parse(row.data), applicationIds: [second] };
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify(data), row.position);
    } finally {
      db.close();
    }
    const tampered = await api.store.readStream(DAY_STREAM);
    expect(verifyStream(DAY_STREAM, tampered, evidence)).toMatchObject({ valid: false, firstBrokenRevision: 1 });
  });

  it('keeps the access events out of the case projections, the processes, the feed and the case routes', async () => {
    await settle(api.app);
    const runner = api.app.get(ProjectionRunner);
    expect(runner.statuses().filter((status) => status.failure !== undefined)).toEqual([]);
    expect((await api.get('/health', { as: null })).body).toEqual({ status: 'ok', parkedEvents: 0 });
    const feed = await auditor('/v1/feed?limit=1000');
    expect(feed.body.events.map((event: { applicationId: string }) => event.applicationId).sort()).toEqual(
      (await allEvents(api.store))
        .filter((event) => event.streamName.startsWith('application-'))
        .map((event) => event.streamName.slice(12))
        .sort(),
    );
    const history = await auditor(`/v1/applications/${first}/history`);
    expect(history.body.events.every((event: { type: string }) => event.type !== 'PersonalDataRevealed')).toBe(true);
    expect((await auditor(`/v1/applications/${first}`)).body).toMatchObject({ id: first });
  });
});
