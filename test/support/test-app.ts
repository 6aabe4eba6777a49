import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyAdapter } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import { EVENT_STORE, type Clock } from '@app/application';
import type { EventStore } from '@app/event-store';
import { createApp } from '../../apps/case-api/src/bootstrap';
import { loadConfig } from '../../apps/case-api/src/config/app-config';
import { checkedInject, decodedBody, servedContract, type Inject } from './contract/contract-guard';

export const KEYS = {
  intake: 'test-intake-key-0000000001',
  officer: 'test-officer-key-000000001',
  auditor: 'test-auditor-key-000000001',
  admin: 'test-admin-key-00000000001',
  /** A second intake integration, to show that idempotency keys are scoped to the principal. */
  otherIntake: 'test-other-intake-key-0001',
} as const;
export type KeyRole = keyof typeof KEYS;

const API_KEYS = JSON.stringify(
  Object.entries(KEYS).map(([name, key]) => ({
    key,
    principal: `test-${name}`,
    roles: [name === 'otherIntake' ? 'intake' : name],
  })),
);

/** The scheduler ticks at start and when a test calls it (`test/support/processes.ts`), not in the middle of a test. */
const ONE_DAY_MS = '86400000';

/**
 * Far above what any suite sends (hostile-input: 1,600 requests in seconds): rate limiting is
 * exercised by `rate-limit.e2e-spec.ts`, which sets its own limits.
 */
const UNREACHABLE_RATE_LIMITS = { RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_BURST: '1000000' };

export type TestRequest = Readonly<{
  as?: KeyRole | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  /**
   * Why this request deliberately goes outside the OpenAPI contract: its response is not checked
   * against the served document. Every other response is, and a test fails on one it does not describe.
   */
  outsideContract?: string;
}>;

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/** The real HTTP application on a fresh SQLite data directory, driven through Fastify's inject. */
export async function startTestApp(
  options: {
    env?: NodeJS.ProcessEnv;
    clock?: Clock;
    dataDir?: string;
    logDestination?: DestinationStream;
    eventStore?: EventStore;
  } = {},
) {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'impplus-e2e-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    API_KEYS,
    LOG_LEVEL: 'silent',
    SCHEDULER_TICK_MS: ONE_DAY_MS,
    ...UNREACHABLE_RATE_LIMITS,
    ...options.env,
  });
  const { app } = await createApp(config, {
    clock: options.clock,
    logDestination: options.logDestination,
    eventStore: options.eventStore,
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const store = app.get<EventStore>(EVENT_STORE);
  // Every inject, the helpers' and a test's own `api.app.inject` (Nest hands it to the adapter), is
  // checked against the served /docs-json.
  const adapter = app.getHttpAdapter() as FastifyAdapter;
  const uncheckedInject: Inject = adapter.inject.bind(adapter);
  const inject = checkedInject(uncheckedInject, await servedContract(uncheckedInject));
  Object.assign(adapter, { inject });

  async function request(
    method: 'GET' | 'POST',
    url: string,
    { as = 'intake', body, rawBody, headers = {}, outsideContract }: TestRequest = {},
  ) {
    const response = await (outsideContract === undefined ? inject : uncheckedInject)({
      method,
      url,
      headers: {
        ...(as ? { authorization: `Bearer ${KEYS[as]}` } : {}),
        ...(body !== undefined || rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      payload: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = decodedBody(response);
    const json = text && /json/.test(String(response.headers['content-type'])) ? JSON.parse(text) : undefined;
    return { status: response.statusCode, headers: response.headers, body: json, text };
  }

  return {
    app,
    store,
    dataDir,
    request,
    /** For a test that deliberately goes outside the contract; say why in the test. */
    uncheckedInject,
    get: (url: string, options?: TestRequest) => request('GET', url, options),
    post: (url: string, body: unknown, options?: TestRequest) => request('POST', url, { ...options, body }),
    async close({ keepData = false } = {}) {
      await app.close();
      if (!keepData && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The README's example body, so the documented curl call is exercised as written. */
export function exampleSubmission(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const example = JSON.parse(readFileSync(join(__dirname, '../../docs/examples/submit-application.json'), 'utf8'));
  return { ...example, ...overrides };
}
