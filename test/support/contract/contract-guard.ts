import { gunzipSync } from 'node:zlib';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { OpenApiDocument } from './openapi-document';
import { ResponseContract, type ObservedResponse } from './response-contract';

/** Fastify's inject with options (the form every test uses). */
export type Inject = (options: InjectOptions) => Promise<LightMyRequestResponse>;

/** Thrown for a response the served OpenAPI document does not describe: the test that received it fails. */
export class ContractViolation extends Error {
  override readonly name = 'ContractViolation';
}

let compiled: Readonly<{ text: string; contract: ResponseContract }> | undefined;

/**
 * The response contract of the app's served `/docs-json`. Compiled once per test file (Jest gives
 * each file its own module registry) and reused by every app the file starts while the document
 * stays the same.
 */
export async function servedContract(inject: Inject): Promise<ResponseContract> {
  const served = await inject({ method: 'GET', url: '/docs-json' });
  if (served.statusCode !== 200) throw new Error(`GET /docs-json answered ${served.statusCode}: ${served.body}`);
  if (compiled?.text !== served.body) {
    const document = JSON.parse(served.body) as OpenApiDocument;
    compiled = { text: served.body, contract: new ResponseContract(document).compileAll() };
  }
  return compiled.contract;
}

/** The contract of a running service's `/docs-json`, for clients that reach it over a socket. */
export async function contractAt(baseUrl: string): Promise<ResponseContract> {
  const served = await fetch(`${baseUrl}/docs-json`, { signal: AbortSignal.timeout(10_000) });
  if (!served.ok) throw new Error(`GET ${baseUrl}/docs-json answered ${served.status}`);
  return new ResponseContract((await served.json()) as OpenApiDocument);
}

const contractsByOrigin = new Map<string, Promise<ResponseContract>>();

/**
 * `fetch` for a test that reaches a service over a socket: the answer is checked against that
 * service's /docs-json, read once per origin before the first request. Not for endless streams
 * (`sse-client.ts` checks those event by event).
 */
export async function documentedFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const { origin, pathname, search } = new URL(input instanceof Request ? input.url : input);
  let contract = contractsByOrigin.get(origin);
  if (!contract) {
    contract = contractAt(origin);
    contractsByOrigin.set(origin, contract);
    contract.catch(() => contractsByOrigin.delete(origin));
  }
  const checked = await contract;
  const response = await fetch(input, init);
  const text = await response.clone().text();
  const headers = Object.fromEntries(response.headers);
  const method = (init.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
  expectDocumented(checked, { method, url: `${pathname}${search}`, status: response.status, headers, text });
  return response;
}

/** Throws a ContractViolation naming route, status and every schema error when the response breaks the contract. */
export function expectDocumented(contract: ResponseContract, response: ObservedResponse): void {
  const violations = contract.violationsOf(response);
  if (violations.length > 0) throw new ContractViolation(contract.describe(response, violations));
}

/** Inject that checks every response against the contract before the test sees it. */
export function checkedInject(inject: Inject, contract: ResponseContract): Inject {
  return async (options) => {
    const response = await inject(options);
    expectDocumented(contract, observed(options, response));
    return response;
  };
}

function observed(options: InjectOptions, response: LightMyRequestResponse): ObservedResponse {
  const target = options.url ?? options.path ?? '/';
  const url = typeof target === 'string' ? target : `${target.pathname}`;
  return {
    method: String(options.method ?? 'GET').toUpperCase(),
    url,
    status: response.statusCode,
    headers: response.headers,
    text: decodedBody(response),
  };
}

/** The body as an HTTP client reads it: inflated when the answer is gzipped (the change feed, to a client that accepts it). */
export function decodedBody(response: LightMyRequestResponse): string {
  return response.headers['content-encoding'] === 'gzip'
    ? gunzipSync(response.rawPayload).toString('utf8')
    : response.body;
}
