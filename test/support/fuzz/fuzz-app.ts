import { ManualClock } from '@app/application';
import { settle } from '../processes';
import { startTestApp, type TestApp } from '../test-app';
import { routesOf, type FuzzRoute, type OpenApiDocument } from './openapi-routes';
import { personaSubmission } from './persona';
import { describeExchange, violationsOf, type Exchange } from './response-properties';

type FuzzRequest = Readonly<{
  method: 'GET' | 'POST';
  url: string;
  headers: Readonly<Record<string, string | undefined>>;
  payload?: string | Buffer;
  note?: string;
}>;

/** What the fuzzer knows exists: application ids and an extension id to put in paths. */
export type Seeded = Readonly<{ applicationIds: readonly string[]; extensionIds: readonly string[] }>;

export type FuzzApp = Awaited<ReturnType<typeof startFuzzApp>>;

/**
 * The real HTTP app on its own temporary SQLite directory (Fastify inject, no socket), a few
 * applications carrying the planted personal values, and the routes of its served OpenAPI document.
 */
export async function startFuzzApp() {
  const clock = new ManualClock('2024-12-10T15:30:00Z');
  const api = await startTestApp({ clock, env: { AUDIT_DIGEST_INTERVAL_MS: '0' } });
  const seeded = await seed(api, clock);
  const document = (await api.get('/docs-json', { as: null })).body as OpenApiDocument;
  const routes = routesOf(document);

  /** Sends one request with the log settled before and after, and returns what happened. */
  async function send(request: FuzzRequest): Promise<Exchange> {
    await settle(api.app);
    const head = await api.store.headPosition();
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    const response = await api.app.inject({
      method: request.method,
      url: request.url,
      headers,
      payload: request.payload,
    });
    await settle(api.app);
    const appended =
      (await api.store.headPosition()) === head
        ? []
        : (await api.store.readAll({ after: head, limit: 20 })).map((event) => event.type);
    const contentType = String(response.headers['content-type'] ?? '');
    return {
      method: request.method,
      url: request.url,
      headers,
      payload: request.payload,
      note: request.note,
      status: response.statusCode,
      contentType,
      text: response.body,
      appended,
    };
  }

  return { api, routes, seeded, send, close: () => api.close() };
}

/** Throws a readable failure when the exchange breaks a property every route owes any input, or one the caller adds. */
export function expectWellBehaved(exchange: Exchange, extra: readonly string[] = []): void {
  const violations = [...violationsOf(exchange), ...extra, ...pollution()];
  if (violations.length > 0) throw new Error(describeExchange(exchange, violations));
}

function pollution(): string[] {
  const probe: Record<string, unknown> = {};
  return ['polluted', 'admin']
    .filter((name) => probe[name] !== undefined)
    .map((name) => `Object.prototype gained "${name}"`);
}

const ROLES = ['intake', 'officer', 'auditor', 'admin'] as const;
export type FuzzRole = (typeof ROLES)[number];

/** The roles a route lets in, found by asking it (a 401 or 403 means no), so a new route needs no table here. */
export async function rolesAllowed(fuzz: FuzzApp, route: FuzzRoute): Promise<FuzzRole[]> {
  const url = route.path.replace(/\{(\w+)\}/g, '00000000-0000-4000-8000-000000000000');
  const allowed: FuzzRole[] = [];
  for (const role of ROLES) {
    const response = await fuzz.api.request(route.method, url, {
      as: role,
      rawBody: route.method === 'POST' ? '{}' : undefined,
    });
    if (response.status !== 401 && response.status !== 403) allowed.push(role);
  }
  return allowed;
}

/** Three received applications and one that went all the way to a requested extension, so every id-taking route has a live target. */
async function seed(api: TestApp, clock: ManualClock): Promise<Seeded> {
  const submit = async (variant: string) => {
    const response = await api.post('/v1/applications', personaSubmission(variant));
    if (response.status !== 201) throw new Error(`seeding a submission failed: ${response.status} ${response.text}`);
    return response.body.id as string;
  };
  const [lifecycle, ...received] = [await submit('A'), await submit('B'), await submit('C'), await submit('D')];
  const url = `/v1/applications/${lifecycle}`;
  const steps: [string, string, unknown, 'intake' | 'officer'][] = [
    ['2024-12-11T16:00:00Z', `${url}/biometric-instruction-letters`, {}, 'officer'],
    [
      '2024-12-15T10:00:00Z',
      `${url}/biometrics`,
      { enrolledAt: '2024-12-14T09:00:00Z', location: 'VAC Paris' },
      'intake',
    ],
    ['2024-12-15T10:00:00Z', `${url}/approval`, { notes: 'All requirements met.' }, 'officer'],
    [
      '2024-12-20T14:00:00Z',
      `${url}/work-permit`,
      { issuedOn: '2024-12-20', medical: { examCompleted: true, designatedCountry: false } },
      'officer',
    ],
    [
      '2027-10-01T14:00:00Z',
      `${url}/extensions`,
      {
        requestedOn: '2027-10-01',
        prApplication: { number: 'E009182736', submittedOn: '2024-06-01', aorReceivedOn: '2024-07-02' },
      },
      'intake',
    ],
  ];
  let extensionId = '';
  for (const [instant, path, body, as] of steps) {
    clock.set(instant);
    const response = await api.post(path, body, { as });
    if (response.status !== 201) throw new Error(`seeding ${path} failed: ${response.status} ${response.text}`);
    extensionId = response.body.extensionId ?? extensionId;
  }
  await settle(api.app);
  return { applicationIds: [lifecycle, ...received], extensionIds: [extensionId] };
}
