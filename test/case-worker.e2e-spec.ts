import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { ManualClock } from '@app/application';
import { distinctPrincipal, eventsOfType, hoursAfter, settle, startTestWorker, tick } from './support/processes';
import { startTestApp, type TestApp } from './support/test-app';

const RECEIVED_AT = '2024-12-10T15:00:00.000Z';
const APPLICATIONS = 40;

describe('case-worker: two workers on one SQLite file beside an API with RUN_PROCESSES=false', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'impplus-workers-'));
  const clock = new ManualClock('2024-12-10T15:30:00Z');
  let api: TestApp;
  let workers: INestApplicationContext[];
  beforeAll(async () => {
    api = await startTestApp({ clock, dataDir, env: { RUN_PROCESSES: 'false' } });
    workers = [await startTestWorker(dataDir, clock), await startTestWorker(dataDir, clock)];
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('C3 the workers number what the API received: 1 to N in log order, once', async () => {
    const responses = await Promise.all(
      Array.from({ length: APPLICATIONS }, () =>
        api.post('/v1/applications', distinctPrincipal({ receivedAt: RECEIVED_AT })),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(APPLICATIONS).fill(201));
    await Promise.all(workers.map((worker) => settle(worker)));

    const numberOf = new Map(
      (await eventsOfType(api.store, 'IntakeNumberAssigned')).map((e) => [e.streamName, e.data.number]),
    );
    expect(numberOf.size).toBe(APPLICATIONS);
    expect((await eventsOfType(api.store, 'ApplicationReceived')).map((e) => numberOf.get(e.streamName))).toEqual(
      Array.from({ length: APPLICATIONS }, (_, i) => i + 1),
    );
  });

  it('B1 two workers ticking at the same time issue each automatic BIL exactly once', async () => {
    clock.set(hoursAfter(RECEIVED_AT, 24));
    await Promise.all([tick(workers[0]), tick(workers[1]), tick(workers[0]), tick(workers[1])]);
    await Promise.all(workers.map((worker) => settle(worker)));

    const letters = await eventsOfType(api.store, 'BiometricInstructionLetterIssued');
    expect(letters).toHaveLength(APPLICATIONS);
    expect(new Set(letters.map((event) => event.streamName)).size).toBe(APPLICATIONS);
    expect(
      letters.every((event) => event.data.automatic === true && event.data.issuedAt === '2024-12-11T15:00:00.000Z'),
    ).toBe(true);
  });
});
