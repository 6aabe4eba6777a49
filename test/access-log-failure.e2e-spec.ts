import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock, isAccessLogStream } from '@app/application';
import { StoreUnavailableError, createEventStore, type EventStore } from '@app/event-store';
import { PERSONAL_DATA } from './support/audit-cli';
import { exampleSubmission, startTestApp, type TestApp } from './support/test-app';

/** The SQLite store, except that appends to the access log fail while `down` is set. */
function accessLogFailing(store: EventStore) {
  const state = { down: false };
  const proxy = new Proxy(store, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (property !== 'appendToStream') return value.bind(target);
      return (stream: string, ...rest: unknown[]) =>
        state.down && isAccessLogStream(stream)
          ? Promise.reject(new StoreUnavailableError('the access log’s disk is full'))
          : value.apply(target, [stream, ...rest]);
    },
  });
  return { store: proxy, state };
}

describe('a reveal of personal data that cannot be recorded is a 503 without the data (issue 19)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'impplus-access-log-'));
  const failing = accessLogFailing(createEventStore({ kind: 'sqlite', dataDir }));
  let api: TestApp;
  let id: string;
  beforeAll(async () => {
    api = await startTestApp({ dataDir, eventStore: failing.store, clock: new ManualClock('2024-12-10T15:30:00Z') });
    id = (await api.post('/v1/applications', exampleSubmission())).body.id;
  });
  afterAll(async () => {
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After and no personal data on every revealing route, then reveals once it can record', async () => {
    failing.state.down = true;
    for (const url of [
      `/v1/applications/${id}/history?personalData=include&reason=complaint`,
      '/v1/audit/events?personalData=include',
      '/v1/feed?personalData=include',
    ]) {
      const refused = await api.get(url, { as: 'auditor' });
      expect({ url, status: refused.status }).toEqual({ url, status: 503 });
      expect(refused.headers['retry-after']).toBe('5');
      expect(refused.body).toMatchObject({ type: 'urn:impplus:problem:access-not-recorded', status: 503 });
      for (const secret of PERSONAL_DATA) expect(refused.text).not.toContain(secret);
    }
    expect((await api.get(`/v1/applications/${id}/history`, { as: 'auditor' })).status).toBe(200);
    failing.state.down = false;
    const revealed = await api.get(`/v1/applications/${id}/history?personalData=include`, { as: 'auditor' });
    expect(revealed.status).toBe(200);
    expect(revealed.text).toContain(PERSONAL_DATA[0]);
    expect((await api.get('/v1/audit/access-log', { as: 'auditor' })).body.entries).toEqual([
      expect.objectContaining({ applicationId: id, reason: null }),
    ]);
  });
});
