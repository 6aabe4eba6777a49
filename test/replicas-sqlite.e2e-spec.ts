import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distinctPrincipal } from './support/processes';
import { ServiceProcess, delay, freePort } from './support/service-process';
import { documentedFetch } from './support/contract/contract-guard';

const INTAKE_KEY = 'replicas-intake-key-000001';
const ADMIN_KEY = 'replicas-admin-key-0000001';
const AUDITOR_KEY = 'replicas-auditor-key-00001';
const OFFICER_KEY = 'replicas-officer-key-00001';
const API_KEYS = JSON.stringify([
  { key: INTAKE_KEY, principal: 'replicas-intake', roles: ['intake'] },
  { key: ADMIN_KEY, principal: 'replicas-admin', roles: ['admin'] },
  { key: AUDITOR_KEY, principal: 'replicas-auditor', roles: ['auditor'] },
  { key: OFFICER_KEY, principal: 'replicas-officer', roles: ['officer'] },
]);

type Reply = Readonly<{ status: number; body: Record<string, unknown> }>;

async function call(baseUrl: string, path: string, init: { body?: unknown; key?: string; headers?: object } = {}) {
  const response = await documentedFetch(`${baseUrl}${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${init.key ?? INTAKE_KEY}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> } satisfies Reply;
}

/** Reads until `done` holds or the deadline passes; returns the last reply either way. */
async function until(read: () => Promise<Reply>, done: (reply: Reply) => boolean, timeoutMs = 20_000) {
  for (const deadline = Date.now() + timeoutMs; ; await delay(100)) {
    const reply = await read();
    if (done(reply) || Date.now() > deadline) return reply;
  }
}

const numberOf = (reply: Reply) => (reply.body.intake as { number?: number } | null)?.number;

/**
 * README "N API replicas and M workers" on SQLite, as a user runs it: two API replicas with
 * RUN_PROCESSES=false and one worker, each process in a DATA_DIR of its own (read models,
 * idempotency records), all on one EVENTS_DB. Before EVENTS_DB, a DATA_DIR of its own meant a log
 * of its own: a receipt submitted through one replica was never numbered, nor seen by the other.
 */
describe('replicas on SQLite: two API child processes and a worker on one EVENTS_DB', () => {
  const root = mkdtempSync(join(tmpdir(), 'impplus-replicas-'));
  const eventsDb = join(root, 'shared', 'events.db');
  const shared = { EVENTS_DB: eventsDb, API_KEYS, LOG_LEVEL: 'warn' };
  let replicaA: ServiceProcess;
  let replicaB: ServiceProcess;
  let worker: ServiceProcess;
  beforeAll(async () => {
    mkdirSync(join(root, 'shared'));
    const api = async (name: string) =>
      new ServiceProcess({
        dataDir: join(root, name),
        port: await freePort(),
        env: { ...shared, RUN_PROCESSES: 'false' },
      });
    [replicaA, replicaB] = [await api('api-a'), await api('api-b')];
    worker = new ServiceProcess({ app: 'case-worker', dataDir: join(root, 'worker'), port: 0, env: shared });
    await Promise.all([replicaA.start(), replicaB.start(), worker.start()]);
  }, 90_000);
  afterAll(async () => {
    for (const service of [replicaA, replicaB, worker]) {
      await service?.stop();
      await service?.dispose();
    }
    rmSync(root, { recursive: true, force: true });
  });

  it('C3 a receipt submitted through replica B is numbered by the worker and readable, numbered, on replica A', async () => {
    const submitted = await call(replicaB.baseUrl, '/v1/applications', {
      body: distinctPrincipal(),
      headers: { 'idempotency-key': 'replicas-b-1' },
    });
    expect(submitted.status).toBe(201);

    const onA = await until(
      () => call(replicaA.baseUrl, `/v1/applications/${String(submitted.body.id)}`),
      (reply) => numberOf(reply) !== undefined,
    );
    expect(onA.status).toBe(200);
    expect(numberOf(onA)).toBe(1);
  });

  it('a retry through the other replica, with its own idempotency records, appends nothing: the next receipt is number 2', async () => {
    const submission = { body: distinctPrincipal({ applicationId: undefined }), headers: { 'idempotency-key': 'b-2' } };
    const first = await call(replicaB.baseUrl, '/v1/applications', submission);
    const retried = await call(replicaA.baseUrl, '/v1/applications', submission);
    expect([first.status, retried.status]).toEqual([201, 201]);
    expect(retried.body.id).toBe(first.body.id);

    const numbered = await until(
      () => call(replicaB.baseUrl, `/v1/applications/${String(first.body.id)}`),
      (reply) => numberOf(reply) !== undefined,
    );
    expect(numberOf(numbered)).toBe(2);
  });

  it('an as-of replay that replica A holds shows a note added through replica B at the very next GET', async () => {
    const submitted = await call(replicaB.baseUrl, '/v1/applications', {
      body: distinctPrincipal(),
      headers: { 'idempotency-key': 'replicas-b-as-of' },
    });
    // Numbered first, so that the health check below does not find this receipt still waiting for the worker.
    await until(
      () => call(replicaA.baseUrl, `/v1/applications/${String(submitted.body.id)}`),
      (reply) => numberOf(reply) !== undefined,
    );
    const latest = `/v1/applications/${String(submitted.body.id)}/history?revision=${Number.MAX_SAFE_INTEGER}`;
    const replay = () => call(replicaA.baseUrl, latest, { key: AUDITOR_KEY });
    const held = await replay();
    expect(held.status).toBe(200);
    expect((await replay()).body.notes).toEqual([]);

    const text = 'Added through replica B.';
    const note = { body: { text }, key: OFFICER_KEY };
    expect((await call(replicaB.baseUrl, `/v1/applications/${String(submitted.body.id)}/notes`, note)).status).toBe(
      201,
    );

    const next = await replay();
    expect(next.body.notes).toMatchObject([{ text }]);
    expect(next.body.revision).toBeGreaterThan(held.body.revision as number);
  });

  it('both replicas report ok: their receipts are numbered', async () => {
    for (const replica of [replicaA, replicaB]) {
      const health = await call(replica.baseUrl, '/health', { key: ADMIN_KEY });
      expect(health.body).toMatchObject({ status: 'ok', unnumberedReceipts: { count: 0 } });
    }
  });
});
