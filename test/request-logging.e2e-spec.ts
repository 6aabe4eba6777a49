import { Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/test-app';

/** Every log line the app writes, parsed. */
class CapturedLogs extends Writable {
  readonly entries: Record<string, unknown>[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
      this.entries.push(JSON.parse(line) as Record<string, unknown>);
    done();
  }
  about(requestId: string): Record<string, unknown>[] {
    return this.entries.filter((entry) => (entry.req as { id?: string } | undefined)?.id === requestId);
  }
}

describe('request log lines: one a request, whichever hook or route answers it', () => {
  const logs = new CapturedLogs();
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({
      env: { LOG_LEVEL: 'info' },
      logDestination: logs,
    });
  });
  afterAll(async () => {
    await api.close();
  });

  it('logs one line a request, with its id, method, URL as sent (query included) and status', async () => {
    const url = `/v1/applications/${randomUUID()}/history?asOf=2024-12-11T16%3A00%3A00Z`;
    const { status, headers } = await api.get(url, { as: 'auditor' });
    expect(status).toBe(404);
    const requestId = String(headers['x-request-id']);
    expect(logs.about(requestId)).toEqual([
      expect.objectContaining({
        level: 30,
        req: { id: requestId, method: 'GET', url },
        res: { statusCode: 404 },
        msg: `GET ${url} 404`,
      }),
    ]);
  });

  it('logs a path no route serves, and a request turned away before any route runs (414)', async () => {
    for (const [url, status] of [
      ['/v1/no-such-route', 404],
      [`/v1/applications?${'a'.repeat(9_000)}`, 414],
    ] as const) {
      const answer = await api.uncheckedInject({ method: 'GET', url });
      expect(answer.statusCode).toBe(status);
      const requestId = String(answer.headers['x-request-id']);
      expect(logs.about(requestId)).toEqual([
        expect.objectContaining({ req: { id: requestId, method: 'GET', url }, res: { statusCode: status } }),
      ]);
    }
  });
});
