import { Writable } from 'node:stream';
import { settle } from './support/processes';
import { KEYS, exampleSubmission, startTestApp, type TestApp } from './support/test-app';

/** Collects every log line the app writes. */
class CapturedLogs extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
  get text(): string {
    return this.lines.join('\n');
  }
}

/** Cache bounds unlike the defaults, so that /metrics is seen to report the settings. */
const CACHE_SETTINGS = {
  STREAM_CACHE_ENTRIES: '7',
  CASE_VIEW_CACHE_ENTRIES: '9',
  AS_OF_CACHE_ENTRIES: '11',
  AS_OF_CACHE_MB: '3',
};

describe('logs and metrics', () => {
  let api: TestApp;
  const logs = new CapturedLogs();
  beforeAll(async () => {
    api = await startTestApp({ env: { LOG_LEVEL: 'info', ...CACHE_SETTINGS }, logDestination: logs });
  });
  afterAll(async () => {
    await api.close();
  });

  it('logs each request as JSON with the request id that becomes the events’ correlation id', async () => {
    const { headers, body } = await api.post('/v1/applications', exampleSubmission());
    const requestId = String(headers['x-request-id']);
    const line = logs.lines.map((l) => JSON.parse(l)).find((entry) => entry.req?.id === requestId);
    expect(line).toMatchObject({ req: { method: 'POST', url: '/v1/applications' }, res: { statusCode: 201 } });
    const [event] = await api.store.readStream(`application-${body.id}`);
    expect(event.metadata.correlationId).toBe(requestId);
  });

  /** Personal data in logs, metrics and error bodies is scanned over a whole case in personal-data.e2e-spec.ts. */
  it('never logs API keys, even for refused requests', async () => {
    await api.post('/v1/applications', exampleSubmission());
    await api.post('/v1/applications', exampleSubmission({ channel: 'fax' }));
    await api.post('/v1/applications', exampleSubmission(), { as: 'officer' });
    await api.get('/v1/applications', { headers: { authorization: 'Bearer not-a-key-0123456789' } });
    expect(logs.lines.length).toBeGreaterThan(4);
    for (const secret of [...Object.values(KEYS), 'not-a-key-0123456789']) expect(logs.text).not.toContain(secret);
  });

  it('exposes request counts by route template, commands by type and outcome, and projection lag', async () => {
    await api.post('/v1/applications', exampleSubmission());
    // The answer does not wait for the case view (READ_MODEL_GATHER_MS); /metrics does not either.
    await settle(api.app);
    const metrics = await api.get('/metrics', { as: null });
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.text).toMatch(/http_requests_total\{method="POST",route="\/v1\/applications",status="201"\} \d+/);
    expect(metrics.text).toMatch(/commands_total\{type="SubmitApplication",outcome="accepted"\} \d+/);
    expect(metrics.text).toMatch(/projection_lag_events\{projection="case-view"\} 0/);
    // the intake number and the processes' commands were decided on the receipt's cached state
    expect(metrics.text).toMatch(/stream_cache\{measure="hits"\} [1-9]\d*/);
    expect(metrics.text).toMatch(/stream_cache\{measure="entries"\} [1-9]\d*/);
    expect(metrics.text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  });

  it("shows each cache's bound from its setting beside its entries, hits, misses and evictions", async () => {
    await api.post('/v1/applications', exampleSubmission());
    const { text } = await api.get('/metrics', { as: null });
    const measures = (cache: string) =>
      Object.fromEntries(
        [...text.matchAll(new RegExp(`^${cache}\\{measure="(\\w+)"\\} (\\d+)$`, 'gm'))].map(([, m, v]) => [
          m,
          Number(v),
        ]),
      );
    const counters = { hits: expect.any(Number), misses: expect.any(Number), evictions: expect.any(Number) };
    expect(measures('stream_cache')).toEqual({ entries: expect.any(Number), max_entries: 7, ...counters });
    expect(measures('case_view_cache')).toEqual({ entries: expect.any(Number), max_entries: 9, ...counters });
    // the read models and processes read the submission's events from the store's memory, not its table
    expect(measures('recent_events_cache')).toMatchObject({ max_entries: 4096, hits: expect.any(Number) });
    expect(measures('recent_events_cache').hits).toBeGreaterThan(0);
    expect(measures('as_of_cache')).toEqual({
      entries: 0,
      bytes: 0,
      max_entries: 11,
      max_bytes: 3 * 1024 * 1024,
      ...counters,
    });
  });
});
