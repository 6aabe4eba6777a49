import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createEventStore, type EventStore, type RecordedEvent } from '@app/event-store';
import { appendCases } from '../libs/application/src/testing/case-streams.fixture';
import {
  CASE_VIEW_TABLE,
  READ_MODELS_FILE,
  generationCheckpoint,
  readCheckpoint,
  readGenerations,
} from '@app/projections';
import { allEvents } from './support/processes';
import { readModelDifferences } from './support/read-models';
import { delay, freePort } from './support/service-process';
import { KEYS, exampleSubmission } from './support/test-app';
import { ContractViolation, documentedFetch } from './support/contract/contract-guard';

const ROOT = join(__dirname, '..');
const SHUTDOWN_TIMEOUT_MS = 15_000;
const API_KEYS = JSON.stringify([
  { key: KEYS.intake, principal: 'shutdown-intake', roles: ['intake'] },
  { key: KEYS.officer, principal: 'shutdown-officer', roles: ['officer'] },
  { key: KEYS.admin, principal: 'shutdown-admin', roles: ['admin'] },
]);

type Exit = Readonly<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
type Reply = Readonly<{ status: number; headers: Record<string, unknown>; body: any }>;

/** `node -r scripts/swc-register.js apps/case-api/src/main.ts` on `dataDir`; resolves once it listens. */
async function startService(dataDir: string, port: number, env: NodeJS.ProcessEnv = {}) {
  const child = spawn(
    process.execPath,
    ['-r', join(ROOT, 'scripts/swc-register.js'), join(ROOT, 'apps/case-api/src/main.ts')],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        DATA_DIR: dataDir,
        PORT: String(port),
        API_KEYS,
        LOG_LEVEL: 'info',
        PROJECTION_BATCH_SIZE: '5',
        SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = new Promise<Exit>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal, output })),
  );
  const listening = new Promise<void>((resolve) => {
    const record = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-20_000);
      if (output.includes('IMP+ Case Ledger API on')) resolve();
    };
    child.stdout.on('data', record);
    child.stderr.on('data', record);
  });
  const started = await Promise.race([
    listening.then(() => true),
    exited.then(() => false),
    delay(30_000).then(() => false),
  ]);
  if (!started) {
    child.kill('SIGKILL');
    throw new Error(`The service did not start:\n${output}`);
  }
  return { child, exited, baseUrl: `http://127.0.0.1:${port}`, output: () => output };
}
type Service = Awaited<ReturnType<typeof startService>>;

/** A submission whose body arrives in two parts: the headers and half the body now, the rest on `finish()`. */
function slowSubmission(port: number, agent: Agent, idempotencyKey: string) {
  const body = Buffer.from(JSON.stringify(exampleSubmission()));
  const half = Math.floor(body.length / 2);
  const request = httpRequest({
    port,
    host: '127.0.0.1',
    method: 'POST',
    path: '/v1/applications',
    agent,
    headers: {
      authorization: `Bearer ${KEYS.intake}`,
      'content-type': 'application/json',
      'content-length': body.length,
      'idempotency-key': idempotencyKey,
    },
  });
  const reply = new Promise<Reply>((resolve, reject) => {
    request.on('error', reject);
    request.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: text ? JSON.parse(text) : undefined,
        }),
      );
    });
  });
  request.write(body.subarray(0, half));
  return { reply, finish: () => request.end(body.subarray(half)) };
}

/** Resolves with the error code of a new TCP connection to the port ('connected' if it was accepted). */
const connectOutcome = (port: number) =>
  new Promise<string>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });

async function submit(baseUrl: string, idempotencyKey: string): Promise<Reply | { error: string }> {
  try {
    const response = await documentedFetch(`${baseUrl}/v1/applications`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${KEYS.intake}`,
        'content-type': 'application/json',
        'idempotency-key': idempotencyKey,
      },
      body: JSON.stringify(exampleSubmission()),
      signal: AbortSignal.timeout(10_000),
    });
    return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.json() };
  } catch (error) {
    if (error instanceof ContractViolation) throw error;
    return { error: String((error as Error & { cause?: { code?: string } }).cause?.code ?? error) };
  }
}

/** Integrations submitting back to back, each until its first connection error; `answered` counts the replies. */
function flood(baseUrl: string, integrations: number) {
  const outcomes: string[] = [];
  const acknowledged: Reply[] = [];
  const run = async (integration: number) => {
    for (let index = 0; ; index++) {
      const reply = await submit(baseUrl, `flood-${integration}-${index}`);
      if ('error' in reply) return void outcomes.push('connection error');
      outcomes.push(reply.status === 201 ? '201' : `${reply.status} ${reply.body?.code}`);
      if (reply.status === 201) acknowledged.push(reply);
    }
  };
  const done = Promise.all(Array.from({ length: integrations }, (_, integration) => run(integration)));
  return { outcomes, acknowledged, done, answered: () => outcomes.length };
}

/**
 * Every worker at lag 0 with the same checkpoints for a second: the scheduler's first tick comes
 * only after the catch-up, so lag 0 alone can be seen just before that tick appends the letters
 * that fell due while the service was down, and a stop then would leave them unprojected.
 */
async function waitUntilCaughtUp(baseUrl: string): Promise<void> {
  let quiet: Readonly<{ checkpoints: string; since: number }> | null = null;
  for (const deadline = performance.now() + 20_000; performance.now() < deadline; await delay(100)) {
    const health = (await documentedFetch(`${baseUrl}/health`, {
      headers: { authorization: `Bearer ${KEYS.admin}` },
    }).then((response) => response.json())) as { status: string; projections: { lag: number; checkpoint: number }[] };
    if (health.status !== 'ok' || health.projections.some((projection) => projection.lag !== 0)) {
      quiet = null;
      continue;
    }
    const checkpoints = JSON.stringify(health.projections.map((projection) => projection.checkpoint));
    if (quiet === null || quiet.checkpoints !== checkpoints) quiet = { checkpoints, since: performance.now() };
    else if (performance.now() - quiet.since >= 1000) return;
  }
  throw new Error('the projections did not catch up and stay caught up within 20 s');
}

/** The case view stored at the checkpoint of its active generation, and the one the log gives up to that checkpoint. */
function caseViewAtCheckpoint(db: Database.Database, log: readonly RecordedEvent[]) {
  const generation = readGenerations(db, 'case-view')?.active ?? 0;
  const checkpoint = readCheckpoint(db, generationCheckpoint('case-view', generation));
  const stored = db
    .prepare(`SELECT application_id AS id, revision, position FROM ${CASE_VIEW_TABLE} ORDER BY application_id`)
    .all();
  const expected = new Map<string, { id: string; revision: number; position: number }>();
  for (const event of log) {
    if (event.position > checkpoint || !event.streamName.startsWith('application-')) continue;
    const id = event.streamName.slice('application-'.length);
    expected.set(id, { id, revision: event.revision, position: event.position });
  }
  return { checkpoint, stored, expected: [...expected.values()].sort((a, b) => a.id.localeCompare(b.id)) };
}

describe('graceful shutdown on SIGTERM (the service in a child process, SQLite store)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'impplus-shutdown-'));
  const rebuildDir = mkdtempSync(join(tmpdir(), 'impplus-shutdown-rebuild-'));
  const agent = new Agent({ keepAlive: true });
  let service: Service | undefined;
  let store: EventStore | undefined;
  afterAll(async () => {
    agent.destroy();
    if (service?.child.exitCode === null && service.child.signalCode === null) service.child.kill('SIGKILL');
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(rebuildDir, { recursive: true, force: true });
  });

  it('drains the requests in flight with their normal answers, refuses new connections, stops the projections at a checkpoint and exits 0', async () => {
    const port = await freePort();
    service = await startService(dataDir, port);
    for (let index = 0; index < 10; index++)
      expect(await submit(service.baseUrl, `before-${index}`)).toMatchObject({ status: 201 });

    const slow = Array.from({ length: 3 }, (_, index) => slowSubmission(port, agent, `slow-${index}`));
    await delay(500);
    const racing = flood(service.baseUrl, 4);
    for (const deadline = performance.now() + 10_000; racing.answered() < 8; await delay(5)) {
      if (performance.now() > deadline)
        throw new Error(`only ${racing.answered()} answers before SIGTERM: ${JSON.stringify(racing.outcomes)}`);
    }
    const signalledAt = performance.now();
    service.child.kill('SIGTERM');

    let refused = '';
    for (
      const deadline = performance.now() + 5000;
      refused !== 'ECONNREFUSED' && performance.now() < deadline;
      await delay(50)
    ) {
      refused = await connectOutcome(port);
    }
    expect(refused).toBe('ECONNREFUSED');
    expect(service.child.exitCode).toBeNull();

    for (const request of slow) request.finish();
    const drained = await Promise.all(slow.map((request) => request.reply));
    expect(drained.map((reply) => reply.status)).toEqual([201, 201, 201]);
    expect(drained.map((reply) => reply.headers.connection)).toEqual(['close', 'close', 'close']);
    await racing.done;
    expect(
      racing.outcomes.filter((outcome) => !['201', 'connection error', '503 SHUTTING_DOWN'].includes(outcome)),
    ).toEqual([]);

    const exit = await Promise.race([service.exited, delay(SHUTDOWN_TIMEOUT_MS + 5000).then(() => null)]);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit?.output).toMatch(/"msg":"stopped in \d+ ms"/);
    const shutdownMs = Math.round(performance.now() - signalledAt);

    store = createEventStore({ kind: 'sqlite', dataDir });
    const log = await allEvents(store);
    const readModels = new Database(join(dataDir, READ_MODELS_FILE));
    const atCheckpoint = caseViewAtCheckpoint(readModels, log);
    readModels.close();
    expect(atCheckpoint.checkpoint).toBeGreaterThan(0);
    expect(atCheckpoint.checkpoint).toBeLessThanOrEqual(log.length);
    expect(atCheckpoint.stored).toEqual(atCheckpoint.expected);

    const acknowledged = [...drained, ...racing.acknowledged];
    const receivedIds = log
      .filter((event) => event.type === 'ApplicationReceived')
      .map((event) => event.streamName.slice('application-'.length));
    expect(
      acknowledged
        .map((reply) => reply.body.id)
        .filter((id) => receivedIds.filter((received) => received === id).length !== 1),
    ).toEqual([]);
    await store.close();
    store = undefined;

    service = await startService(dataDir, port);
    await waitUntilCaughtUp(service.baseUrl);
    service.child.kill('SIGTERM');
    expect(await service.exited).toMatchObject({ code: 0, signal: null });

    store = createEventStore({ kind: 'sqlite', dataDir });
    const finalLog = await allEvents(store);
    const numbers = finalLog
      .filter((event) => event.type === 'IntakeNumberAssigned')
      .map((event) => Number(event.data.number));
    const received = finalLog.filter((event) => event.type === 'ApplicationReceived').length;
    // C3: every receipt numbered once, 1 to N, after the drain and the restart.
    expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: received }, (_, index) => index + 1));
    expect(await readModelDifferences(store, dataDir, rebuildDir)).toEqual([]);
    await store.close();
    store = undefined;
    console.log(
      `graceful shutdown: ${drained.length} slow requests drained with 201, 4 integrations flooding ${JSON.stringify(countBy(racing.outcomes))}, ` +
        `case-view checkpoint ${atCheckpoint.checkpoint} of ${log.length} events, SIGTERM to exit ${shutdownMs} ms`,
    );
  }, 60_000);

  it('stops projections that are still catching up after the batch they are applying, and resumes there after a restart', async () => {
    const backlogDir = mkdtempSync(join(tmpdir(), 'impplus-shutdown-backlog-'));
    const backlogRebuildDir = mkdtempSync(join(tmpdir(), 'impplus-shutdown-backlog-rebuild-'));
    try {
      store = createEventStore({ kind: 'sqlite', dataDir: backlogDir });
      await appendCases(store, 150);
      const head = await store.headPosition();
      const port = await freePort();
      // The processes would number and time the fixture's cases again: this is about the runner's stop.
      // One event per batch, so that the runner is surely still catching up when SIGTERM comes.
      service = await startService(backlogDir, port, { RUN_PROCESSES: 'false', PROJECTION_BATCH_SIZE: '1' });
      service.child.kill('SIGTERM');
      expect(await service.exited).toMatchObject({ code: 0, signal: null });

      const readModels = new Database(join(backlogDir, READ_MODELS_FILE));
      const atCheckpoint = caseViewAtCheckpoint(readModels, await allEvents(store));
      readModels.close();
      expect(atCheckpoint.checkpoint).toBeGreaterThan(0);
      expect(atCheckpoint.checkpoint).toBeLessThan(head);
      expect(atCheckpoint.stored).toEqual(atCheckpoint.expected);

      service = await startService(backlogDir, port, { RUN_PROCESSES: 'false', PROJECTION_BATCH_SIZE: '500' });
      await waitUntilCaughtUp(service.baseUrl);
      service.child.kill('SIGTERM');
      expect(await service.exited).toMatchObject({ code: 0, signal: null });
      expect(await readModelDifferences(store, backlogDir, backlogRebuildDir)).toEqual([]);
      await store.close();
      store = undefined;
      console.log(
        `graceful shutdown during catch-up: stopped at position ${atCheckpoint.checkpoint} of ${head}, resumed and matched a rebuild`,
      );
    } finally {
      rmSync(backlogDir, { recursive: true, force: true });
      rmSync(backlogRebuildDir, { recursive: true, force: true });
    }
  }, 60_000);
});

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
