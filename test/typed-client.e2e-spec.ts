import { spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  createCaseLedgerClient,
  idempotent,
  ifMatch,
  type CaseLedgerClient,
  type CaseLedgerSchemas,
} from '@app/client';
import {
  followFeedUntilLetterIssued,
  LETTER_ISSUED,
  submitApplication,
} from '../docs/examples/follow-application-to-bil';
import { settle } from './support/processes';
import { exampleSubmission, KEYS, startTestApp, type TestApp } from './support/test-app';
import { documentedFetch } from './support/contract/contract-guard';

const ROOT = join(__dirname, '..');
const EXAMPLE = join(ROOT, 'docs/examples/follow-application-to-bil.ts');
const EXAMPLE_TIMEOUT_MS = 60_000;

/** The README's example body; without `receivedAt` the server takes now, so no automatic letter is due for a day. */
const submission = (overrides: Record<string, unknown> = {}) =>
  exampleSubmission(overrides) as CaseLedgerSchemas['SubmitApplicationDto'];
const receivedNow = () => submission({ receivedAt: undefined });

type Run = Readonly<{ code: number | null; stdout: string; stderr: string }>;

/** Runs the example as its README says, awaited on `close`; killed if it outlives the timeout. */
function runExample(env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', join(ROOT, 'scripts/swc-register.js'), EXAMPLE], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), EXAMPLE_TIMEOUT_MS);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('the typed client (@app/client) and the integration example, over real HTTP', () => {
  let api: TestApp;
  let baseUrl: string;
  let intake: CaseLedgerClient;

  beforeAll(async () => {
    // B1 letters of applications received more than 24 h ago are issued at the scheduler's next tick.
    api = await startTestApp({ env: { SCHEDULER_TICK_MS: '200' } });
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = await api.app.getUrl();
    intake = createCaseLedgerClient({ baseUrl, apiKey: KEYS.intake, fetch: documentedFetch });
  });
  afterAll(async () => {
    await api.close();
  });

  /** The feed position after the last event stored so far. */
  async function feedHead(): Promise<number> {
    for (let after = 0; ;) {
      const { data } = await intake.GET('/v1/feed', { params: { query: { after, limit: 1000 } } });
      if (!data || data.events.length === 0) return after;
      after = data.nextAfter;
    }
  }
  const lettersOf = async (id: string) =>
    (await api.store.readStream(`application-${id}`)).filter((event) => event.type === LETTER_ISSUED);

  it('docs/examples/follow-application-to-bil.ts submits, follows the feed and prints the BIL issued for it', async () => {
    const run = await runExample({ CASE_LEDGER_URL: baseUrl, CASE_LEDGER_API_KEY: KEYS.intake, TIMEOUT_SECONDS: '45' });
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });

    const printed = JSON.parse(run.stdout.slice(run.stdout.indexOf('{')));
    await settle(api.app);
    const view = await api.get(`/v1/applications/${printed.applicationId}`);
    expect(view.status).toBe(200);
    const { issuedAt, dueBy } = view.body.biometrics.letter;
    expect(printed.letter).toEqual({ issuedAt, dueBy, automatic: true });
    const letters = await lettersOf(printed.applicationId);
    expect(letters.map((event) => ({ position: event.position, automatic: event.data.automatic }))).toEqual([
      { position: printed.position, automatic: true },
    ]);
  });

  it('the example fails with a clear message and exit code 1 when the API key is refused (401)', async () => {
    const run = await runExample({ CASE_LEDGER_URL: baseUrl, CASE_LEDGER_API_KEY: 'not-a-key-of-this-service' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/POST \/v1\/applications answered 401/);
  });

  it('sends the API key as a bearer token: a wrong key gets 401 and a typed problem, the right one the view', async () => {
    const id = (await submitApplication(intake, receivedNow())).id;
    const stranger = createCaseLedgerClient({ baseUrl, apiKey: 'test-unknown-key-000000001', fetch: documentedFetch });
    const refused = await stranger.GET('/v1/applications/{id}', { params: { path: { id } } });
    expect({ status: refused.response.status, data: refused.data }).toEqual({ status: 401, data: undefined });
    expect(refused.error).toMatchObject({ status: 401 });
    const read = await intake.GET('/v1/applications/{id}', { params: { path: { id } } });
    expect(read.data).toMatchObject({ id, status: 'received' });
  });

  it('idempotent(key): the same submission sent twice under one key is one application, answered the same', async () => {
    const headers = idempotent();
    const body = submission();
    const first = await intake.POST('/v1/applications', { body, headers });
    const again = await intake.POST('/v1/applications', { body, headers });
    expect([first.response.status, again.response.status]).toEqual([201, 201]);
    expect(again.data).toEqual(first.data);
    const received = await api.store.readStream(`application-${first.data!.id}`);
    expect(received.filter((event) => event.type === 'ApplicationReceived')).toHaveLength(1);
  });

  it('ifMatch(revision): a command on a stale revision is refused with 412 and appends nothing', async () => {
    const submitted = await submitApplication(intake, receivedNow());
    const officer = createCaseLedgerClient({ baseUrl, apiKey: KEYS.officer, fetch: documentedFetch });
    const stale = await officer.POST('/v1/applications/{id}/biometric-instruction-letters', {
      params: { path: { id: submitted.id } },
      body: {},
      headers: ifMatch(submitted.revision + 1),
    });
    expect(stale.response.status).toBe(412);
    expect(await lettersOf(submitted.id)).toEqual([]);
  });

  it('followFeedUntilLetterIssued long-polls: a letter issued by hand (B4) after it began waiting is found', async () => {
    const submitted = await submitApplication(intake, receivedNow());
    const after = await feedHead();
    const following = followFeedUntilLetterIssued(intake, submitted.id, { after, deadline: Date.now() + 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 300)); // it now waits on an empty page (waitSeconds)
    const issued = await api.post(
      `/v1/applications/${submitted.id}/biometric-instruction-letters`,
      {},
      { as: 'officer' },
    );
    expect(issued.status).toBe(201);
    const { event, letter } = await following;
    expect(event).toMatchObject({ applicationId: submitted.id, type: LETTER_ISSUED });
    const { issuedAt, dueBy } = issued.body.biometrics.letter;
    expect(letter).toEqual({ issuedAt, dueBy, automatic: false });
  });

  it('followFeedUntilLetterIssued gives up at its deadline, saying why no letter came', async () => {
    const submitted = await submitApplication(intake, receivedNow());
    await expect(
      followFeedUntilLetterIssued(intake, submitted.id, { after: 0, deadline: Date.now() + 1500 }),
    ).rejects.toThrow(`No ${LETTER_ISSUED} for ${submitted.id} before the deadline`);
  });
});
