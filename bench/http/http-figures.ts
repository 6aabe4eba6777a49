import autocannon, { type Context, type Result, type SequenceStep } from 'autocannon';
import { BENCH_KEYS } from './service-process';
import { measureLatencyInChild } from './latency-client';
import { MEDICAL_CLEARED, PR_APPLICATION, distinctSubmission, easternToday } from './request-bodies';

/** Receipts of the lifecycle and as-of cases: 2025 is within its cap, since the generated log leaves that year empty. */
export const LIFECYCLE_RECEIVED_AT = '2025-02-10T15:00:00Z';

const json = { 'content-type': 'application/json' };
const as = (role: keyof typeof BENCH_KEYS) => ({ authorization: `Bearer ${BENCH_KEYS[role]}` });

export type LoadFigure = Readonly<{
  perSecond: number;
  requests: number;
  non2xx: number;
  errors: number;
  seconds: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
}>;

function figureOf(result: Result, completed = result['2xx']): LoadFigure {
  const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
  return {
    perSecond: completed / seconds,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    seconds,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
  };
}

export async function trivialRoute(baseUrl: string, seconds: number): Promise<LoadFigure> {
  return figureOf(await autocannon({ url: `${baseUrl}/trivial`, connections: 50, duration: seconds }));
}

/** POST /v1/applications with full, valid, distinct bodies, each with an Idempotency-Key of its own as integrations send them. */
export async function submissions(baseUrl: string, seconds: number, receivedAt?: string): Promise<LoadFigure> {
  const result = await autocannon({
    url: baseUrl,
    connections: 50,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/v1/applications',
        setupRequest: (request) => {
          const body = distinctSubmission(receivedAt);
          return {
            ...request,
            headers: { ...json, ...as('intake'), 'idempotency-key': body.applicationId },
            body: JSON.stringify(body),
          };
        },
      },
    ],
  });
  return figureOf(result);
}

const step = (
  role: keyof typeof BENCH_KEYS,
  path: (id: string) => string,
  body: () => unknown,
  onResponse?: SequenceStep['onResponse'],
): SequenceStep => ({
  method: 'POST',
  setupRequest: (request, context) => ({
    ...request,
    path: path(String(context.id)),
    headers: { ...json, ...as(role) },
    body: JSON.stringify(body()),
  }),
  onResponse,
});

/**
 * Whole cases, one after the other on each of 50 connections: submit → BIL → biometrics → approval
 * → permit; for `seconds`, or (null) until `maxLifecycles` cases have been sent (autocannon ignores
 * the duration when given an amount). Only cases whose permit was issued (201) count. Past 2025's
 * cap (7,350 cases, C1) a case's letter is refused (C5), so beyond about 735 cases/s a 10 s run
 * would count fewer cases than it sent.
 */
export async function lifecycles(
  baseUrl: string,
  seconds: number | null,
  maxLifecycles: number,
): Promise<LoadFigure & { lifecycles: number }> {
  let completed = 0;
  const submit: SequenceStep = {
    method: 'POST',
    path: '/v1/applications',
    setupRequest: (request, context: Context) => {
      const body = distinctSubmission(LIFECYCLE_RECEIVED_AT);
      context.id = body.applicationId;
      return { ...request, headers: { ...json, ...as('intake') }, body: JSON.stringify(body) };
    },
  };
  const url = (suffix: string) => (id: string) => `/v1/applications/${id}/${suffix}`;
  const result = await autocannon({
    url: baseUrl,
    connections: 50,
    ...(seconds === null ? { amount: maxLifecycles * 5 } : { duration: seconds }),
    requests: [
      submit,
      step('officer', url('biometric-instruction-letters'), () => ({})),
      step('intake', url('biometrics'), () => ({ enrolledAt: new Date().toISOString(), location: 'VAC Paris' })),
      step('officer', url('approval'), () => ({ notes: 'All requirements met.' })),
      step(
        'officer',
        url('work-permit'),
        () => ({ issuedOn: easternToday(), medical: MEDICAL_CLEARED }),
        (status) => {
          if (status === 201) completed++;
        },
      ),
    ],
  });
  return { ...figureOf(result, completed), lifecycles: completed };
}

async function post(
  baseUrl: string,
  path: string,
  role: keyof typeof BENCH_KEYS,
  body: unknown,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { ...json, ...as(role) },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer;
}

/**
 * A principal's case of 30 events: the five commands of a lifecycle, then twelve extension
 * requests, each refused (X3: an approval must end after the current validity, which a permit
 * issued today never allows on the same day; the service's clock cannot be moved).
 */
export async function thirtyEventCase(baseUrl: string): Promise<Readonly<{ id: string; asOf: string }>> {
  const body = distinctSubmission(LIFECYCLE_RECEIVED_AT);
  const id = body.applicationId;
  const path = (suffix: string) => `/v1/applications/${id}/${suffix}`;
  await post(baseUrl, '/v1/applications', 'intake', body);
  await post(baseUrl, path('biometric-instruction-letters'), 'officer', {});
  await post(baseUrl, path('biometrics'), 'intake', { enrolledAt: new Date().toISOString(), location: 'VAC Paris' });
  await post(baseUrl, path('approval'), 'officer', { notes: 'All requirements met.' });
  await post(baseUrl, path('work-permit'), 'officer', { issuedOn: easternToday(), medical: MEDICAL_CLEARED });
  for (let extension = 0; extension < 12; extension++) {
    const { extensionId } = await post(baseUrl, path('extensions'), 'intake', {
      requestedOn: easternToday(),
      prApplication: PR_APPLICATION,
    });
    const decision = {
      outcome: 'refused',
      reasons: [`Request ${extension + 1}: the permit issued today is valid for three more years.`],
    };
    await post(baseUrl, path(`extensions/${String(extensionId)}/decision`), 'officer', decision);
  }
  const history = await fetch(`${baseUrl}${path('history')}`, { headers: as('auditor') }).then(
    (response) => response.json() as Promise<{ events: unknown[] }>,
  );
  if (history.events.length !== 30) throw new Error(`The as-of case has ${history.events.length} events, not 30`);
  return { id, asOf: new Date().toISOString() };
}

/** The as-of figure's connections, each sending its next GET when the last one answered. */
export const AS_OF_CONNECTIONS = 10;

/** GET …/history?asOf=: the auditor's replay of the whole case as it stood at an instant, 10 connections. */
export async function asOfReplay(
  baseUrl: string,
  seconds: number,
  subject: Readonly<{ id: string; asOf: string }>,
): Promise<LoadFigure> {
  const url = `${baseUrl}/v1/applications/${subject.id}/history?asOf=${encodeURIComponent(subject.asOf)}`;
  const sample = await measureLatencyInChild(url, as('auditor'), AS_OF_CONNECTIONS, seconds);
  return {
    perSecond: (sample.requests - sample.non2xx) / sample.seconds,
    requests: sample.requests,
    non2xx: sample.non2xx,
    errors: 0,
    seconds: sample.seconds,
    latencyP50Ms: sample.p50Ms,
    latencyP99Ms: sample.p99Ms,
  };
}
