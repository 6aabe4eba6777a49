import { ManualClock } from '@app/application';
import { exampleSubmission, startTestApp, type TestApp } from './support/test-app';

const gauge = (text: string, measure: string, cache = 'as_of_cache'): number =>
  Number(new RegExp(`${cache}\\{measure="${measure}"\\} (\\d+)`).exec(text)?.[1] ?? NaN);

describe('as-of replays from the cache of parsed case streams (AS_OF_CACHE_ENTRIES, AS_OF_CACHE_MB), and the case view’s cache', () => {
  const clock = new ManualClock('2024-12-10T15:30:00Z');
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ clock });
  });
  afterAll(async () => {
    await api.close();
  });

  it('reads a case once, then answers later replays and appended events from the cache, counted on /metrics', async () => {
    const { id } = (await api.post('/v1/applications', exampleSubmission())).body as { id: string };
    const url = `/v1/applications/${id}`;
    const first = await api.get(`${url}/history?revision=0`, { as: 'auditor' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id, revision: 0, status: 'received' });

    clock.set('2024-12-11T16:00:00Z');
    expect((await api.post(`${url}/biometric-instruction-letters`, {}, { as: 'officer' })).status).toBe(201);
    const now = await api.get(url, { as: 'auditor' });
    const replayed = await api.get(`${url}/history?asOf=2024-12-11T16:00:00Z`, { as: 'auditor' });
    expect(replayed.body).toEqual(now.body);
    expect(replayed.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(replayed.text).toBe(JSON.stringify(replayed.body));
    expect(replayed.headers['content-length']).toBe(String(Buffer.byteLength(replayed.text)));
    const again = await api.get(`${url}/history?asOf=2024-12-11T16:00:00Z`, { as: 'auditor' });
    expect(again.text).toBe(replayed.text);
    const before = await api.get(`${url}/history?asOf=2024-12-10T15:29:59Z`, { as: 'auditor' });
    expect(before.status).toBe(404);

    const metrics = (await api.get('/metrics', { as: null })).text;
    expect(gauge(metrics, 'misses')).toBe(1);
    expect(gauge(metrics, 'hits')).toBe(3);
    expect(gauge(metrics, 'entries')).toBe(1);
    expect(gauge(metrics, 'bytes')).toBeGreaterThan(0);
    expect(gauge(metrics, 'evictions')).toBe(0);
    expect(gauge(metrics, 'hits', 'case_view_cache')).toBeGreaterThanOrEqual(1);
    expect(gauge(metrics, 'entries', 'case_view_cache')).toBeGreaterThanOrEqual(1);
    expect(gauge(metrics, 'evictions', 'case_view_cache')).toBe(0);
  });
});
