/** The service's resource limits: rate limits, timeouts, and how long a graceful shutdown may take. */
export type LimitSettings = Readonly<{
  /** Most requests one principal (or, without a valid API key, one client address) makes in any 60 s. */
  rateLimitPerMinute: number;
  /** Most requests of the same caller in any one second. */
  rateLimitBurst: number;
  /** Past it a request is answered 503 `request-timeout`; a command still running completes atomically or not at all. */
  requestTimeoutMs: number;
  /** A client must send its request headers within this (slowloris); 408 otherwise. */
  httpHeadersTimeoutMs: number;
  /** A client must send its whole request, headers and body, within this; 408 otherwise. */
  httpReceiveTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  httpKeepAliveTimeoutMs: number;
  /** SIGTERM: the longest the drain and the close of the stores may take before the process exits with code 1. */
  shutdownTimeoutMs: number;
}>;

/** The settings the limits are checked against. */
export type StoreTimeouts = Readonly<{ storeTimeoutMs: number; readYourWritesTimeoutMs: number }>;

type Integer = (name: string, raw: string | undefined, fallback: number, min: number, max: number) => number;

/** Reads the limits; `invalid` turns a problem into the caller's configuration error. */
export function loadLimitSettings(
  env: NodeJS.ProcessEnv,
  store: StoreTimeouts,
  invalid: (message: string) => Error,
  integer: Integer,
): LimitSettings {
  const settings: LimitSettings = {
    rateLimitPerMinute: integer('RATE_LIMIT_PER_MINUTE', env.RATE_LIMIT_PER_MINUTE, 6000, 1, 1_000_000),
    rateLimitBurst: integer('RATE_LIMIT_BURST', env.RATE_LIMIT_BURST, 300, 1, 1_000_000),
    requestTimeoutMs: integer('REQUEST_TIMEOUT_MS', env.REQUEST_TIMEOUT_MS, 10_000, 100, 600_000),
    httpHeadersTimeoutMs: integer('HTTP_HEADERS_TIMEOUT_MS', env.HTTP_HEADERS_TIMEOUT_MS, 10_000, 1000, 300_000),
    httpReceiveTimeoutMs: integer('HTTP_RECEIVE_TIMEOUT_MS', env.HTTP_RECEIVE_TIMEOUT_MS, 30_000, 1000, 600_000),
    httpKeepAliveTimeoutMs: integer(
      'HTTP_KEEP_ALIVE_TIMEOUT_MS',
      env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      72_000,
      1000,
      600_000,
    ),
    shutdownTimeoutMs: integer('SHUTDOWN_TIMEOUT_MS', env.SHUTDOWN_TIMEOUT_MS, 20_000, 1000, 600_000),
  };
  const problem = inconsistency(settings, store);
  if (problem) throw invalid(problem);
  return settings;
}

function inconsistency(limits: LimitSettings, store: StoreTimeouts): string | null {
  if (limits.rateLimitBurst > limits.rateLimitPerMinute) {
    return `RATE_LIMIT_BURST=${limits.rateLimitBurst} must not exceed RATE_LIMIT_PER_MINUTE=${limits.rateLimitPerMinute}`;
  }
  const commandBudget = store.storeTimeoutMs + store.readYourWritesTimeoutMs;
  if (limits.requestTimeoutMs <= commandBudget) {
    return (
      `REQUEST_TIMEOUT_MS=${limits.requestTimeoutMs} must be greater than STORE_TIMEOUT_MS + READ_YOUR_WRITES_TIMEOUT_MS (${commandBudget}), ` +
      'so that a slow store is answered as store-unavailable and a slow read model is waited for as documented'
    );
  }
  if (limits.httpHeadersTimeoutMs > limits.httpReceiveTimeoutMs) {
    return `HTTP_HEADERS_TIMEOUT_MS=${limits.httpHeadersTimeoutMs} must not exceed HTTP_RECEIVE_TIMEOUT_MS=${limits.httpReceiveTimeoutMs} (the headers are part of the request)`;
  }
  if (limits.shutdownTimeoutMs <= limits.requestTimeoutMs) {
    return `SHUTDOWN_TIMEOUT_MS=${limits.shutdownTimeoutMs} must be greater than REQUEST_TIMEOUT_MS=${limits.requestTimeoutMs}, so that requests in flight can finish`;
  }
  return null;
}
