import { randomUUID } from 'node:crypto';
import { applicationStreamName } from '@app/domain';
import { distinctPrincipal } from './support/processes';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * A receipt stored before P3 refused receipts from before the program opened (2022-05-24): a copy
 * of a stored receipt on a new stream, received on 2021-12-31 (Eastern), so it has no cap year (C1).
 * Before, it stopped intake numbering for good and /health answered 503 until someone edited the log.
 */
async function appendLegacyReceipt(api: TestApp, template: string): Promise<string> {
  const [received] = await api.store.readStream(applicationStreamName(template));
  const applicationId = randomUUID();
  const data = { ...received.data, applicationId, receivedAt: '2021-12-31T17:00:00.000Z', intakeYear: 2021 };
  await api.store.appendToStream(
    applicationStreamName(applicationId),
    [{ eventId: randomUUID(), type: 'ApplicationReceived', data, metadata: { ...received.metadata } }],
    {
      expectedRevision: 'no-stream',
    },
  );
  return applicationId;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; await new Promise((resolve) => setTimeout(resolve, 50))) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
  }
}

describe('DESIGN.md: no single event stops a process — the parked events (SQLite store)', () => {
  let api: TestApp;
  let legacy: string;
  beforeAll(async () => {
    api = await startTestApp();
    const first = await api.post('/v1/applications', distinctPrincipal());
    expect(first.body.intake).toMatchObject({ number: 1 });
    legacy = await appendLegacyReceipt(api, first.body.id);
  });
  afterAll(async () => {
    await api.close();
  });

  const parkedList = () => api.get('/v1/admin/parked?state=parked', { as: 'admin' });

  it('parks the receipt with its rule, keeps numbering the receipts after it, and stays ready but degraded', async () => {
    const listed = await until(parkedList, (reply) => reply.body.items.length > 0);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        handler: 'intake-numbering',
        streamName: applicationStreamName(legacy),
        type: 'ApplicationReceived',
        state: 'parked',
        attempts: 1,
        error: expect.stringMatching(/^P3, C1: /),
      }),
    ]);
    const next = await api.post('/v1/applications', distinctPrincipal());
    expect(next.status).toBe(201);
    expect(next.body.intake).toMatchObject({ year: expect.any(Number), number: 2 });

    const health = await api.get('/health', { as: null });
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'degraded', parkedEvents: 1 });
    const detailed = await api.get('/health', { as: 'admin' });
    expect(detailed.body).toMatchObject({
      status: 'degraded',
      parked: { 'intake-numbering': 1 },
      store: { status: 'up' },
    });
    const metrics = await api.get('/metrics', { as: null });
    expect(metrics.text).toMatch(/parked_events_total\{handler="intake-numbering"\} 1/);
    expect(metrics.text).toMatch(/parked_events\{handler="intake-numbering"\} 1/);
  });

  it('is for admins only, names a bad id, and refuses a retry out of the log order (C3)', async () => {
    const [{ id }] = (await parkedList()).body.items;
    expect((await api.get('/v1/admin/parked', { as: 'officer' })).status).toBe(403);
    expect((await api.get('/v1/admin/parked', { as: null })).status).toBe(401);
    expect((await api.post('/v1/admin/parked/abc/skip', { reason: 'x' }, { as: 'admin' })).body.errors).toEqual([
      expect.objectContaining({ field: 'id' }),
    ]);
    expect((await api.post('/v1/admin/parked/999/skip', { reason: 'no such event' }, { as: 'admin' })).status).toBe(
      404,
    );
    expect((await api.post(`/v1/admin/parked/${id}/skip`, {}, { as: 'admin' })).body.errors).toEqual([
      expect.objectContaining({ field: 'reason' }),
    ]);

    const retried = await api.post(`/v1/admin/parked/${id}/retry`, { reason: 'try again' }, { as: 'admin' });
    expect(retried.status).toBe(409);
    expect(retried.body).toMatchObject({
      code: 'parked-event-order-only',
      detail: expect.stringMatching(/skip the event instead/),
    });
  });

  it('skips it with a reason recorded in the log by the admin, and is ready and ok again', async () => {
    const [{ id }] = (await parkedList()).body.items;
    const skipped = await api.post(
      `/v1/admin/parked/${id}/skip`,
      { reason: 'Received before the program opened' },
      { as: 'admin' },
    );
    expect(skipped.status).toBe(200);
    expect(skipped.body).toMatchObject({
      id,
      state: 'skipped',
      resolvedBy: 'test-admin',
      reason: 'Received before the program opened',
    });
    expect((await api.post(`/v1/admin/parked/${id}/skip`, { reason: 'twice' }, { as: 'admin' })).body).toMatchObject({
      status: 409,
      code: 'parked-event-resolved',
    });

    const log = (await api.get('/v1/audit/events?limit=1000', { as: 'auditor' })).body.events as {
      type: string;
      data: any;
      metadata: any;
      streamName: string;
    }[];
    const decisions = log.filter((event) => event.type.startsWith('ParkedEvent'));
    expect(decisions).toEqual([
      expect.objectContaining({
        type: 'ParkedEventRetried',
        streamName: expect.stringMatching(/^parking-/),
        metadata: expect.objectContaining({ actor: { id: 'test-admin', role: 'admin' } }),
      }),
      expect.objectContaining({
        type: 'ParkedEventSkipped',
        data: expect.objectContaining({ handler: 'intake-numbering', reason: 'Received before the program opened' }),
      }),
    ]);
    expect(await api.get('/health', { as: null })).toMatchObject({
      status: 200,
      body: { status: 'ok', parkedEvents: 0 },
    });
  });

  it('keeps passing over it and numbering after a restart', async () => {
    const dataDir = api.dataDir;
    await api.app.close();
    api = await startTestApp({ dataDir });
    const after = await api.post('/v1/applications', distinctPrincipal());
    expect(after.body.intake).toMatchObject({ number: 3 });
    expect((await api.get('/v1/admin/parked', { as: 'admin' })).body.items).toEqual([
      expect.objectContaining({ state: 'skipped', attempts: 1 }),
    ]);
  });
});

describe('DESIGN.md: an event no worker can read is parked by each, and the service goes on (SQLite store)', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it('parks a malformed receipt in every read model and process that reads it, and keeps serving and numbering', async () => {
    const malformed = randomUUID();
    await api.store.appendToStream(
      applicationStreamName(malformed),
      [
        {
          eventId: randomUUID(),
          type: 'ApplicationReceived',
          data: { applicationId: malformed, countsAgainstCap: true, intakeYear: 2024 },
          metadata: {},
        },
      ],
      {
        expectedRevision: 'no-stream',
      },
    );
    const handlers = ['case-view', 'intake-numbering', 'possible-duplicates', 'due-timers', 'family-follows-principal']; // the intake ledger reads numbers, and none was given
    const listed = await until(
      () => api.get('/v1/admin/parked', { as: 'admin' }),
      (reply) => reply.body.items.length >= handlers.length,
    );
    expect(listed.body.items.map((item: { handler: string }) => item.handler).sort()).toEqual([...handlers].sort());
    expect(listed.body.items.every((item: { eventId: string; state: string }) => item.state === 'parked')).toBe(true);

    const next = await api.post('/v1/applications', distinctPrincipal());
    expect(next.status).toBe(201);
    expect(next.body.intake).toMatchObject({ number: 1 });
    expect((await api.get(`/v1/applications/${next.body.id}`, { as: 'officer' })).status).toBe(200);
    expect(await api.get('/health', { as: null })).toMatchObject({
      status: 200,
      body: { status: 'degraded', parkedEvents: handlers.length },
    });
  }, 15_000);
});
