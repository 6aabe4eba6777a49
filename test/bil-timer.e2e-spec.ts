import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '@app/application';
import { distinctPrincipal, hoursAfter, settle, tick } from './support/processes';
import { startTestApp, type TestApp } from './support/test-app';

const RECEIVED_AT = '2024-12-10T15:00:00.000Z';

describe('B1 the automatic BIL timer over HTTP (SQLite store, manual clock)', () => {
  let dataDir: string;
  let clock: ManualClock;
  let running: TestApp[];
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'impplus-bil-'));
    clock = new ManualClock('2024-12-10T15:30:00Z');
    running = [];
  });
  afterEach(async () => {
    await Promise.all(running.map((api) => api.close()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The API with its processes, on the test's data directory; stopped after the test if it still runs. */
  async function start(env: NodeJS.ProcessEnv = {}): Promise<TestApp> {
    const api = await startTestApp({ clock, dataDir, env });
    running.push(api);
    return { ...api, close: async () => ((running = running.filter((other) => other !== api)), api.close()) };
  }
  const submitted = async (api: TestApp) => {
    const { status, body } = await api.post('/v1/applications', distinctPrincipal({ receivedAt: RECEIVED_AT }));
    expect({ status, intake: body.intake?.withinCap }).toEqual({ status: 201, intake: true });
    return body.id as string;
  };
  const lettersIssued = async (api: TestApp, id: string) =>
    (await api.store.readStream(`application-${id}`)).filter(
      (event) => event.type === 'BiometricInstructionLetterIssued',
    );

  it('B1 issues nothing at receipt + 23:59:59 and the automatic letter at receipt + 24:00:00', async () => {
    const api = await start();
    const id = await submitted(api);

    clock.set(hoursAfter(RECEIVED_AT, 24, -1000));
    await tick(api.app);
    await settle(api.app);
    expect((await api.get(`/v1/applications/${id}`)).body.biometrics.letter).toBeNull();

    clock.set(hoursAfter(RECEIVED_AT, 24));
    await tick(api.app);
    await settle(api.app);
    expect((await api.get(`/v1/applications/${id}`)).body.biometrics.letter).toEqual({
      issuedAt: '2024-12-11T15:00:00.000Z',
      dueBy: '2025-01-10',
      cancelledAt: null,
    });
    expect((await lettersIssued(api, id)).map((event) => event.data.automatic)).toEqual([true]);
  });

  it('B1 fires on the scheduler’s own tick every SCHEDULER_TICK_MS', async () => {
    const api = await start({ SCHEDULER_TICK_MS: '50' });
    const id = await submitted(api);
    clock.set(hoursAfter(RECEIVED_AT, 24));
    expect(await waitForLetter(api, id)).toMatchObject({ issuedAt: '2024-12-11T15:00:00.000Z' });
  });

  it('B1 fires a timer that fell due while the service was down once, on the first tick after restart', async () => {
    const before = await start();
    const id = await submitted(before);
    await before.close();

    clock.set('2024-12-12T09:00:00Z');
    const after = await start();
    const letter = await waitForLetter(after, id);
    expect(letter).toMatchObject({ issuedAt: '2024-12-12T09:00:00.000Z' });
    await tick(after.app);
    await after.close();

    const again = await start();
    await settle(again.app);
    await tick(again.app);
    expect(await lettersIssued(again, id)).toHaveLength(1);
  });
});

async function waitForLetter(api: TestApp, id: string, timeoutMs = 10_000): Promise<unknown> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const letter = (await api.get(`/v1/applications/${id}`)).body.biometrics.letter;
    if (letter !== null || performance.now() > deadline) return letter;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
