import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContractViolation, expectDocumented } from './contract/contract-guard';
import type { ResponseContract } from './contract/response-contract';
import { delay } from './service-process';

export type LoadRole = 'intake' | 'officer' | 'admin';

/** One key per role, as an integration would hold them; the principal id is what the events record as actor. */
export const LOAD_PRINCIPALS: Readonly<Record<LoadRole, { key: string; principal: string }>> = {
  intake: { key: 'crash-load-intake-key-000001', principal: 'load-intake' },
  officer: { key: 'crash-load-officer-key-00001', principal: 'load-officer' },
  admin: { key: 'crash-load-admin-key-0000001', principal: 'load-admin' },
};

/** The API_KEYS setting for the service under load. */
export const loadApiKeys = (): string =>
  JSON.stringify(
    Object.entries(LOAD_PRINCIPALS).map(([role, { key, principal }]) => ({ key, principal, roles: [role] })),
  );

/** mulberry32: the same seed gives the same plan (cases, paths, ids, kill moments). */
export function seededRandom(seed: number) {
  if (!Number.isSafeInteger(seed)) throw new Error(`A seed must be a whole number, not ${seed}`);
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const hex = (length: number) => Array.from({ length }, () => int(0, 15).toString(16)).join('');
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(0, items.length - 1)],
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[int(0, 3)]}${hex(3)}-${hex(12)}`,
  };
}
export type SeededRandom = ReturnType<typeof seededRandom>;

type Json = Record<string, any>;
/** `retryAfterMs`: from a 429's Retry-After header, else null. */
export type Reply = Readonly<{
  status: number;
  body: Json | undefined;
  replayed: boolean;
  retryAfterMs: number | null;
}>;

/**
 * A POST as the client saw it in the end: `final` is null when no attempt got an answer below 500
 * in time. `sentAfterKills` and `answeredAfterKills` count the kills before the first attempt and
 * before the final answer: they differ for a command that a crash interrupted.
 */
export type CommandRecord = Readonly<{
  role: LoadRole;
  key: string;
  path: string;
  attempts: number;
  final: Reply | null;
  sentAfterKills: number;
  answeredAfterKills: number;
}>;

/** An intake number a client saw in a response, and how many kills had happened when it saw it. */
export type IntakeObservation = Readonly<{ applicationId: string; year: number; number: number; afterKills: number }>;

export type LoadGeneratorOptions = Readonly<{
  baseUrl: string;
  /** Each case draws its path and ids from `seededRandom(seed, case number)`, whatever the interleaving. */
  seed: number;
  /** Cases worked on at the same time (each is one integration's sequence of requests). */
  concurrency: number;
  /** How long one command (or one wait for a view) is retried through crashes, restarts and 5xx; default 60 s. */
  commandDeadlineMs?: number;
  requestTimeoutMs?: number;
  /** Checks every reply against the service's OpenAPI document; a reply it does not describe ends the run. */
  contract?: ResponseContract;
}>;

type CasePath = 'refuse' | 'withdraw' | 'approve-and-issue' | 'leave-to-timer';
const PATHS: readonly CasePath[] = ['refuse', 'withdraw', 'approve-and-issue', 'approve-and-issue', 'leave-to-timer'];
const EXAMPLE = JSON.parse(
  readFileSync(join(__dirname, '../../docs/examples/submit-application.json'), 'utf8'),
) as Json;
const RECEIVED_FROM = Date.parse('2024-12-10T15:00:00Z');
const POLL_MS = 100;

/**
 * Integrations working cases against the real service: submit, then refuse (sometimes followed by
 * a second officer's approval, which R2 refuses), withdraw, leave the case to the automatic BIL
 * (B1), or wait for that letter and enrol, approve and issue the permit. Every POST carries an
 * Idempotency-Key and is retried with the same key and body after a connection error, a 5xx or a
 * 429 (after its Retry-After), as a real integration does after a crash. Counts the requests in
 * flight so that a kill can be timed to land among them.
 */
export class LoadGenerator {
  readonly commands: CommandRecord[] = [];
  readonly observations: IntakeObservation[] = [];
  requests = 0;
  serverErrors = 0;
  rateLimited = 0;
  connectionErrors = 0;
  casesAbandoned = 0;
  private inFlightNow = 0;
  private commandsInFlightNow = 0;
  private kills = 0;
  private casesStarted = 0;
  private stopping = false;
  private readonly halted = new AbortController();
  /** What each integration is doing now, for the record of a kill. */
  private readonly activities: string[] = [];

  constructor(private readonly options: LoadGeneratorOptions) {}

  /** Requests sent and not yet answered (commands and queries). */
  get inFlight(): number {
    return this.inFlightNow;
  }

  /** POSTs sent and not yet answered. */
  get commandsInFlight(): number {
    return this.commandsInFlightNow;
  }

  /** An operator's POST outside the cases (not in `commands`: it appends no event), retried like the others. */
  async operatorCommand(role: LoadRole, key: string, path: string, body?: Json): Promise<Reply | null> {
    return (await this.retried(role, key, path, body)).final;
  }

  /** Runs `concurrency` integrations until `stopStartingCases`; resolves once every case begun has ended. */
  run(): Promise<void> {
    return Promise.all(Array.from({ length: this.options.concurrency }, () => this.integration())).then(
      () => undefined,
    );
  }

  stopStartingCases(): void {
    this.stopping = true;
  }

  /** Stops everything at once (a failed or timed-out test): requests in flight are aborted and nothing is retried. */
  halt(): void {
    this.stopping = true;
    this.halted.abort();
  }

  /** Marks that the service was killed: observations from now on belong to the next lifetime. */
  noteKill(): void {
    this.kills++;
  }

  /** Waits (bounded) until at least `minimum` commands are in flight; false if that never happened. */
  async waitForCommandsInFlight(minimum: number, timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (this.commandsInFlightNow < minimum && performance.now() < deadline) await delay(1);
    return this.commandsInFlightNow >= minimum;
  }

  /** How many integrations are doing what (`POST /refusal`, `GET until numbered`, `backoff`…). */
  activityCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const activity of this.activities) counts[activity] = (counts[activity] ?? 0) + 1;
    return counts;
  }

  private async integration(): Promise<void> {
    const slot = this.activities.push('idle') - 1;
    while (!this.stopping) await this.workCase(this.casesStarted++, slot);
    this.activities[slot] = 'done';
  }

  private async workCase(index: number, slot: number): Promise<void> {
    const random = seededRandom(this.options.seed * 100_003 + index);
    const doing = (activity: string) => (this.activities[slot] = activity);
    const path = random.pick(PATHS);
    const explicitId = random.next() < 0.5 ? random.uuid() : undefined;
    doing('submit');
    const submitted = await this.command(
      'intake',
      `submit-${index}`,
      '/v1/applications',
      submission(index, explicitId),
    );
    if (submitted?.status !== 201) return this.abandon();
    const id = submitted.body?.id as string;
    const at = `/v1/applications/${id}`;
    if (path === 'leave-to-timer') return;
    if (path === 'withdraw') {
      doing('withdraw');
      await this.command('intake', `withdraw-${index}`, `${at}/withdrawal`, {
        reason: 'The applicant accepted another offer.',
      });
      return;
    }
    doing('wait for number');
    const numbered = await this.viewWhen(at, (view) => view.intake !== null);
    if (!numbered) return this.abandon();
    if (path === 'refuse') {
      doing('refuse');
      await this.command('officer', `refuse-${index}`, `${at}/refusal`, { reasons: [REFUSAL_REASON] });
      // A second officer approving the same case afterwards: refused by R2, so nothing may be appended for it.
      if (random.next() < 0.5)
        await this.command('officer', `approve-refused-${index}`, `${at}/approval`, { notes: 'Approved on review.' });
      return;
    }
    doing('wait for BIL');
    const lettered = await this.viewWhen(at, (view) => typeof view.biometrics?.letter?.issuedAt === 'string');
    if (!lettered) return this.abandon();
    const enrolledAt = lettered.biometrics.letter.issuedAt as string;
    doing('enrol, approve, issue');
    if (
      (await this.command('intake', `enrol-${index}`, `${at}/biometrics`, { enrolledAt, location: 'VAC Paris' }))
        ?.status !== 201
    )
      return;
    if (
      (await this.command('officer', `approve-${index}`, `${at}/approval`, { notes: 'All requirements met.' }))
        ?.status !== 201
    )
      return;
    const permit = { issuedOn: easternToday(), medical: { examCompleted: true, designatedCountry: false } };
    await this.command('officer', `permit-${index}`, `${at}/work-permit`, permit);
  }

  private abandon(): void {
    this.casesAbandoned++;
  }

  /** POSTs a case's command with an Idempotency-Key until a final answer (below 500, not 429), or the deadline; records what the client saw. */
  private async command(role: LoadRole, key: string, path: string, body: Json): Promise<Reply | null> {
    const sentAfterKills = this.kills;
    const { final, attempts } = await this.retried(role, key, path, body);
    this.commands.push({ role, key, path, attempts, final, sentAfterKills, answeredAfterKills: this.kills });
    return final;
  }

  private async retried(
    role: LoadRole,
    key: string,
    path: string,
    body: Json | undefined,
  ): Promise<{ final: Reply | null; attempts: number }> {
    const deadline = performance.now() + (this.options.commandDeadlineMs ?? 60_000);
    let attempts = 0;
    while (performance.now() < deadline && !this.halted.signal.aborted) {
      attempts++;
      const reply = await this.send('POST', path, role, body, key);
      if (reply && reply.status < 500 && reply.status !== 429) return { final: reply, attempts };
      await delay(reply?.retryAfterMs ?? backoff(attempts));
    }
    return { final: null, attempts };
  }

  /** Polls the application's view (as an officer's work queue would) until `ready`, or the deadline. */
  private async viewWhen(path: string, ready: (view: Json) => boolean): Promise<Json | null> {
    const deadline = performance.now() + (this.options.commandDeadlineMs ?? 60_000);
    while (performance.now() < deadline && !this.halted.signal.aborted) {
      const reply = await this.send('GET', path, 'officer');
      if (reply?.status === 200 && reply.body && ready(reply.body)) return reply.body;
      await delay(POLL_MS);
    }
    return null;
  }

  /** One attempt: the reply, or null when the connection failed or timed out. */
  private async send(
    method: 'GET' | 'POST',
    path: string,
    role: LoadRole,
    body?: Json,
    idempotencyKey?: string,
  ): Promise<Reply | null> {
    const headers: Record<string, string> = { authorization: `Bearer ${LOAD_PRINCIPALS[role].key}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
    const counter = method === 'POST' ? 1 : 0;
    this.requests++;
    this.inFlightNow++;
    this.commandsInFlightNow += counter;
    try {
      const response = await fetch(`${this.options.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.any([this.halted.signal, AbortSignal.timeout(this.options.requestTimeoutMs ?? 10_000)]),
      });
      const text = await response.text();
      if (this.options.contract) {
        const headers = Object.fromEntries(response.headers.entries());
        expectDocumented(this.options.contract, { method, url: path, status: response.status, headers, text });
      }
      const reply = {
        status: response.status,
        body: /json/.test(response.headers.get('content-type') ?? '') && text ? (JSON.parse(text) as Json) : undefined,
        replayed: response.headers.get('idempotent-replayed') === 'true',
        retryAfterMs:
          response.status === 429 ? Math.min(2_000, 1000 * (Number(response.headers.get('retry-after')) || 1)) : null,
      };
      if (reply.status >= 500) this.serverErrors++;
      if (reply.status === 429) this.rateLimited++;
      this.observe(reply);
      return reply;
    } catch (error) {
      if (error instanceof ContractViolation) throw error;
      if (error instanceof SyntaxError)
        throw new Error(`${method} ${path} answered malformed JSON: ${error.message}`, { cause: error });
      this.connectionErrors++;
      return null;
    } finally {
      this.inFlightNow--;
      this.commandsInFlightNow -= counter;
    }
  }

  private observe({ status, body }: Reply): void {
    const intake = body?.intake;
    if (status < 300 && typeof body?.id === 'string' && typeof intake?.number === 'number') {
      this.observations.push({
        applicationId: body.id,
        year: intake.year,
        number: intake.number,
        afterKills: this.kills,
      });
    }
  }
}

/** Exponential backoff with jitter, capped: 100, 200, 400, then 500 ms, each ±25 %. */
const backoff = (attempt: number) => Math.min(500, 50 * 2 ** attempt) * (0.75 + Math.random() / 2);

const REFUSAL_REASON = {
  ground: 'R200(1)(c)(ii)',
  rule: 'E6',
  explanation: 'The invitation letter on file was issued by MIFI for another program, not for A76.',
};

/** The README's example with a passport and CSQ of its own (no C6 duplicate) and a receipt in December 2024. */
function submission(index: number, applicationId: string | undefined): Json {
  const unique = index.toString(36).toUpperCase().padStart(7, '0');
  return {
    ...EXAMPLE,
    ...(applicationId ? { applicationId } : {}),
    receivedAt: new Date(RECEIVED_FROM + index * 7_000).toISOString(),
    applicant: { ...EXAMPLE.applicant, passport: { ...EXAMPLE.applicant.passport, number: `P${unique}` } },
    csq: { ...EXAMPLE.csq, number: `CSQ-${unique}` },
  };
}

/** Today in Eastern time (T1), the earliest day a permit approved now may be issued on. */
const easternToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' }).format(new Date());
