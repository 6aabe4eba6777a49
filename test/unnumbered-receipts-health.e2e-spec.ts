import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { ManualClock } from '@app/application';
import { distinctPrincipal, settle, startTestWorker } from './support/processes';
import { startTestApp, type TestApp } from './support/test-app';

const RECEIVED_AT = '2024-12-10T15:00:00.000Z';
const SUBMITTED_AT = '2024-12-10T15:30:00.000Z';
const ALERT_AFTER_SECONDS = 60;

const secondsAfter = (instant: string, seconds: number) => new Date(Date.parse(instant) + seconds * 1000).toISOString();

/**
 * Issue 20, defect 8: an API replica with RUN_PROCESSES=false and no worker on its log never numbers
 * its receipts, and nothing said so. Now /health says degraded, naming the likely cause, and
 * /metrics shows the count and the age of the oldest, until a worker numbers them.
 */
describe('C3 receipts left without an intake number: /health degraded and /metrics, until a worker numbers them', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'impplus-unnumbered-'));
  const clock = new ManualClock(SUBMITTED_AT);
  let api: TestApp;
  let worker: INestApplicationContext | null = null;
  beforeAll(async () => {
    api = await startTestApp({
      clock,
      dataDir,
      env: { RUN_PROCESSES: 'false', UNNUMBERED_RECEIPT_ALERT_SECONDS: String(ALERT_AFTER_SECONDS) },
    });
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const metric = async (name: string) => {
    const { text } = await api.get('/metrics', { as: null });
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
    return line === undefined ? undefined : Number(line.slice(name.length + 1));
  };

  it('stays ok while the receipt is younger than UNNUMBERED_RECEIPT_ALERT_SECONDS', async () => {
    const submitted = await api.post('/v1/applications', distinctPrincipal({ receivedAt: RECEIVED_AT }));
    expect(submitted.status).toBe(201);
    expect(submitted.body.intake).toBeNull();
    // /health and /metrics read the case view as it is; the answer did not wait for it (READ_MODEL_GATHER_MS).
    await settle(api.app);
    clock.set(secondsAfter(SUBMITTED_AT, ALERT_AFTER_SECONDS));

    const health = await api.get('/health', { as: null });
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok', parkedEvents: 0 });
    expect(await metric('unnumbered_receipts{measure="count"}')).toBe(1);
    expect(await metric('unnumbered_receipts{measure="overdue"}')).toBe(0);
  });

  it('says degraded past it, naming the missing worker, and counts it in /metrics', async () => {
    clock.set(secondsAfter(SUBMITTED_AT, ALERT_AFTER_SECONDS + 1));

    const health = await api.get('/health', { as: null });
    expect(health.status).toBe(200);
    expect(health.body).toEqual({
      status: 'degraded',
      parkedEvents: 0,
      unnumberedReceipts: { count: 1, overdue: 1, oldestAgeSeconds: ALERT_AFTER_SECONDS + 1, alertAfterSeconds: 60 },
      cause: expect.stringMatching(/no process numbers this event log \(no case-worker on it.*RUN_PROCESSES=false/),
    });
    const detailed = await api.get('/health', { as: 'admin' });
    expect(detailed.body).toMatchObject({ status: 'degraded', unnumberedReceipts: { count: 1, overdue: 1 } });
    expect(await metric('unnumbered_receipts{measure="overdue"}')).toBe(1);
    expect(await metric('unnumbered_receipt_oldest_age_seconds')).toBe(ALERT_AFTER_SECONDS + 1);
  });

  it('is ok again once a worker on the same log numbers the receipt', async () => {
    worker = await startTestWorker(dataDir, clock);
    await settle(worker);
    await settle(api.app);

    const health = await api.get('/health', { as: null });
    expect(health.body).toEqual({ status: 'ok', parkedEvents: 0 });
    const admin = await api.get('/health', { as: 'admin' });
    expect(admin.body.unnumberedReceipts).toEqual({
      count: 0,
      overdue: 0,
      oldestAgeSeconds: 0,
      alertAfterSeconds: ALERT_AFTER_SECONDS,
    });
    expect(await metric('unnumbered_receipt_oldest_age_seconds')).toBe(0);
  });
});
